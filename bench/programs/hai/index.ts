// Benchmark program: `bench:count` HaiInstance resources of `bench:instances` instances each,
// registered in a loop (the engine creates them in parallel).
import * as pulumi from "@pulumi/pulumi";
import type { HaiInstance as Hai } from "pulumi-runinstances/provider/tencentcloud/hai/resource";

// From the package index (the benchmark runs this program only once the index exports it).
const { HaiInstance } = require("pulumi-runinstances") as { HaiInstance: typeof Hai };

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const instances = config.getNumber("instances") ?? 1;

for (let i = 0; i < count; i++) {
  new HaiInstance(`hai-${i}`, {
    applicationId: "app-jknfna",
    bundleType: "XL",
    instanceCount: instances,
    instanceName: `bench-${i}`,
  });
}
