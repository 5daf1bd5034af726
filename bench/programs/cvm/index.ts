// Benchmark program: `bench:count` CvmInstance resources of `bench:instances` instances each,
// registered in a loop (the engine creates them in parallel).
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance } from "pulumi-runinstances";

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const instances = config.getNumber("instances") ?? 1;
const password = config.requireSecret("password");

for (let i = 0; i < count; i++) {
  new CvmInstance(`cvm-${i}`, {
    placement: { zone: "ap-guangzhou-3" },
    imageId: "img-pmqg1cw7",
    instanceType: "S5.MEDIUM4",
    instanceCount: instances,
    instanceName: `bench-${i}`,
    systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
    internetAccessible: { internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", internetMaxBandwidthOut: 10 },
    loginSettings: { password },
  });
}
