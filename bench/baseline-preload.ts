/**
 * Preloaded into the provider host of the baseline side (`node --require`, run.ts): before any
 * provider module is loaded, the default runtime becomes the baseline's (baseline.ts), through the
 * one seam the package has for it (replaceDefaultRuntime in core/context.ts). The seam is taken
 * from the package the host itself loads: the one installed in the program's node_modules (the
 * host's working directory), else the one this module resolves (the harness links the checkout).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as context from "pulumi-runinstances/provider/core/context";
import { baselineRuntime } from "./baseline";

const CONTEXT = "pulumi-runinstances/provider/core/context";

/** Required as from a file of the working directory (a require from here would find this checkout). */
function hostsContext(): typeof context {
  try {
    return createRequire(path.join(process.cwd(), "index.js"))(CONTEXT) as typeof context;
  } catch {
    return require(CONTEXT) as typeof context;
  }
}

hostsContext().replaceDefaultRuntime(baselineRuntime);
