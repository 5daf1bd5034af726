// Two web servers in one CvmInstance (one RunInstances call), with a public IP each.
//   pulumi config set tencentcloud:region ap-guangzhou
//   pulumi config set --secret web:password 'Qcloud@TestApi123++'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance } from "pulumi-runinstances";

const config = new pulumi.Config("web");

const web = new CvmInstance("web", {
  placement: { zone: config.get("zone") ?? "ap-guangzhou-3" },
  imageId: config.get("imageId") ?? "img-pmqg1cw7",
  instanceType: config.get("instanceType") ?? "S5.MEDIUM4",
  instanceCount: config.getNumber("count") ?? 2,
  instanceName: config.get("name") ?? "web-{R:1}",
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
  internetAccessible: {
    internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
    internetMaxBandwidthOut: 10,
    publicIpAssigned: true,
  },
  loginSettings: { password: config.requireSecret("password") },
  enhancedService: { monitorService: { enabled: true }, securityService: { enabled: true } },
  tagSpecification: [{ resourceType: "instance", tags: [{ key: "app", value: "web" }] }],
});

export const instanceIds = web.instanceIds;
export const publicIps = web.instances.apply((list) => list.map((i) => i.publicIpAddresses[0]));
