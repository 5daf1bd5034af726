// One GPU instance running an HAI application. Set `gpu:running` to false to stop it without
// charge, and back to true to start it again, without replacing it.
//   pulumi config set tencentcloud:region ap-guangzhou
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { HaiInstance } from "pulumi-runinstances";

const config = new pulumi.Config("gpu");

const sd = new HaiInstance("sd", {
  applicationId: config.get("applicationId") ?? "app-jknfna",
  bundleType: config.get("bundleType") ?? "XL",
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: config.getNumber("diskSize") ?? 100 },
  instanceName: "stable-diffusion",
  running: config.getBoolean("running") ?? true,
  timeouts: { create: "30m" },
});

export const instanceIds = sd.instanceIds;
export const publicIps = sd.instances.apply((list) => list.map((i) => i.publicIpAddresses[0]));
