/**
 * The RunInstancesHour document's own example (section 5), and the API 3.0 RunInstances request it
 * becomes in ap-guangzhou: zone 100001 is ap-guangzhou-1, and 1 core with 2 GB is S1.SMALL2.
 */
import type { CvmHourlyInstanceArgs } from "../../../../provider/tencentcloud/cvm-hourly/schema";

/** In the order the document lists them: imageId, bandwidth, cpu, mem, storageType, storageSize, goodsNum, zoneId. */
export const EXAMPLE: CvmHourlyInstanceArgs = {
  imageId: "img-3wnd9xpl",
  bandwidth: 1,
  cpu: 1,
  mem: 2,
  storageType: 1,
  storageSize: 50,
  goodsNum: 1,
  zoneId: 100001,
};

export const exampleRequest = (clientToken: unknown) => ({
  Placement: { Zone: "ap-guangzhou-1" },
  ImageId: "img-3wnd9xpl",
  InstanceChargeType: "POSTPAID_BY_HOUR",
  InstanceType: "S1.SMALL2",
  SystemDisk: { DiskType: "LOCAL_BASIC" },
  DataDisks: [{ DiskType: "LOCAL_BASIC", DiskSize: 50 }],
  InternetAccessible: {
    InternetChargeType: "BANDWIDTH_POSTPAID_BY_HOUR",
    InternetMaxBandwidthOut: 1,
    PublicIpAssigned: true,
  },
  EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
  InstanceCount: 1,
  ClientToken: clientToken,
});
