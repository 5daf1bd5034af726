// Benchmark program: `bench:count` SwasInstance resources of `bench:instances` servers each,
// registered in a loop (the engine creates them in parallel). No name and no password: CreateInstances
// takes neither, and setting them costs an UpdateInstanceAttribute per server at 10 calls a minute;
// the benchmark measures the create.
import * as pulumi from "@pulumi/pulumi";
import type { SwasInstance as Swas } from "pulumi-runinstances/provider/alicloud/swas/resource";

// From the package index (the benchmark runs this program only once the index exports it).
const { SwasInstance } = require("pulumi-runinstances") as { SwasInstance: typeof Swas };

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const instances = config.getNumber("instances") ?? 1;

for (let i = 0; i < count; i++) {
  new SwasInstance(`swas-${i}`, {
    planId: "swas.s1.c1m1s40b3t05",
    imageId: "e2c9c365024a44369c9b955a998a0000",
    period: 1,
    amount: instances,
  });
}
