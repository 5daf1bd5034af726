// Benchmark program: `bench:count` EcmInstance resources of `bench:instances` instances each,
// registered in a loop (the engine creates them in parallel).
import * as pulumi from "@pulumi/pulumi";
import type { EcmInstance as Ecm } from "pulumi-runinstances/provider/tencentcloud/ecm/resource";

// From the package index (the benchmark runs this program only once the index exports it).
const { EcmInstance } = require("pulumi-runinstances") as { EcmInstance: typeof Ecm };

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const instances = config.getNumber("instances") ?? 1;
const password = config.requireSecret("password");

for (let i = 0; i < count; i++) {
  new EcmInstance(`ecm-${i}`, {
    zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: instances, isp: "CMCC" }],
    moduleId: "esm-jz2wm3m2",
    instanceName: `bench-${i}`,
    password,
  });
}
