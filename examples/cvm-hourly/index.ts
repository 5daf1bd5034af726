// The RunInstancesHour document's own example (zone 100001 = ap-guangzhou-1, 1 core, 2 GB,
// a 50 GB local data disk, 1 Mbps), kept in its legacy parameters and created through API 3.0.
//   pulumi config set tencentcloud:region ap-guangzhou
//   pulumi config set --secret legacy:password 'Legacy@123'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { CvmHourlyInstance } from "pulumi-runinstances";

const config = new pulumi.Config("legacy");

const server = new CvmHourlyInstance("legacy", {
  zoneId: config.getNumber("zoneId") ?? 100001,
  cpu: 1,
  mem: 2,
  imageId: "img-3wnd9xpl",
  storageType: 1,
  storageSize: 50,
  bandwidth: 1,
  goodsNum: config.getNumber("goodsNum") ?? 1,
  instanceName: config.get("name") ?? "legacy",
  password: config.requireSecret("password"),
});

export const instanceIds = server.instanceIds;
export const unInstanceIds = server.unInstanceIds;
export const translatedRequest = server.translatedRequest;
