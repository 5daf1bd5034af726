/**
 * Preloaded into the provider host of the baseline side (`node --require`, run.ts): before any
 * provider module is loaded, the default runtime becomes the baseline's (baseline.ts), through the
 * one seam the package has for it (replaceDefaultRuntime in core/context.ts).
 */
import { replaceDefaultRuntime } from "pulumi-runinstances/provider/core/context";
import { baselineRuntime } from "./baseline";

replaceDefaultRuntime(baselineRuntime);
