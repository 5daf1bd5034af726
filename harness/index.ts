// The engine-path harness: runs Pulumi programs that use dynamic resources end to end without the
// Pulumi CLI. The program runs in this process (program.ts); the real @pulumi/pulumi
// dynamic-provider host runs the resources' providers (host.ts); the engine (engine.ts) makes the
// engine's calls and keeps a state file with encrypted secrets (state.ts).
//
//   const stack = createStack({ program: "examples/cvm", stack: "dev", stateDir, config, env });
//   await stack.preview(); await stack.up(); await stack.refresh(); await stack.destroy();
//   stack.close(); // kills the provider host
import { Stack, type StackOptions } from "./engine";

export { Stack } from "./engine";
export type { HarnessEvent, Op, OperationResult, ResourceResult, StackOptions } from "./engine";
export { ProviderError, type InitFailure } from "./host";
export type { Registration } from "./program";
export type { ResourceState, StackState } from "./state";
export { isSecret, reveal, SECRET_SIG, SIG_KEY, UNKNOWN, type Props } from "./values";
export { REPO, packageLinkDir } from "./package";

export function createStack(opts: StackOptions): Stack {
  return new Stack(opts);
}
