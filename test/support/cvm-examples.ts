/** The CVM RunInstances document's example 1 (a CDH instance on host-q88gab4i), as the request sends it. */
import type { RunInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";

export const RUN_INSTANCES_EXAMPLE_1: RunInstancesRequest = {
  Placement: { Zone: "ap-shanghai-2", HostIds: ["host-q88gab4i"] },
  InstanceChargeType: "CDHPAID",
  ImageId: "img-pmqg1cw7",
  InstanceType: "CDH_1C1G",
  SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 },
  DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100 }],
  InternetAccessible: {
    InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
    InternetMaxBandwidthOut: 10,
    PublicIpAssigned: true,
  },
  InstanceName: "QCLOUD-TEST",
  LoginSettings: { Password: "Qcloud@TestApi123++" },
  EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
  InstanceCount: 1,
};
