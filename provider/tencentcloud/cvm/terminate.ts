/**
 * TerminateInstances as CVM answers it: instances gone, terminating or failed to launch (which the
 * cloud does not terminate: it clears them) count as done; prepaid instances go to the recycle bin
 * (SHUTDOWN) first, and some the cloud will not take back early.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import { Termination, terminateAll } from "../../core/terminate";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { waitGone } from "./wait";

/** TerminateInstances codes for instances some of which are done already (SDK codes). */
const TERMINATED_OR_FAILED =
  /^InvalidInstanceId\.NotFound|^UnsupportedOperation\.InstanceStateTerminating|^UnsupportedOperation\.InstanceStateLaunchFailed/;
/** TerminateInstances codes for prepaid instances the cloud will not take back early (SDK codes). */
const UNRETURNABLE = /^FailedOperation\.Unreturnable|^LimitExceeded\.UserReturnQuota/;

function termination(op: Operation, t: TencentTarget): Termination<api.CvmInstanceModel> {
  return {
    terminate: (ids) =>
      api.terminateInstances(op, t, ids).catch(async (e: unknown) => {
        throw e instanceof CloudError && UNRETURNABLE.test(e.code) ? await unreturnable(op, t, ids, e) : e;
      }),
    someGone: TERMINATED_OR_FAILED,
    describe: (ids) => api.describeInstances(op, t, ids),
    needsTerminate: (inst) => !["TERMINATING", "LAUNCH_FAILED"].includes(inst.InstanceState ?? ""),
  };
}

export function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  return terminateAll(termination(op, t), ids);
}

/**
 * After the wait: prepaid instances parked in the recycle bin are released with `releasePrepaid`
 * (terminated again, waited for), else left there with a warning.
 */
export async function emptyRecycleBin(
  op: Operation,
  t: TencentTarget,
  shutdown: string[],
  release: boolean,
): Promise<void> {
  if (shutdown.length === 0) return;
  if (!release) {
    op.rt.log(
      `warning: ${op.what}: ${shutdown.length} prepaid instance(s) are in the recycle bin, not released: ${shutdown.join(", ")}` +
        ` (set releasePrepaid: true to release them)`,
    );
    return;
  }
  op.rt.log(
    `${op.what}: releasing ${shutdown.length} prepaid instance(s) from the recycle bin: ${shutdown.join(", ")}`,
  );
  await terminate(op, t, shutdown);
  await waitGone(op, t, shutdown, true);
}

/** The cloud keeps prepaid instances it will not take back early: they stay in the state, and the user is told what to do. */
async function unreturnable(op: Operation, t: TencentTarget, ids: string[], e: CloudError): Promise<Error> {
  const found = await api.describeInstances(op, t, ids).catch(() => new Map<string, api.CvmInstanceModel>());
  const list = ids.map(
    (i) => `${i}${found.get(i)?.ExpiredTime ? ` (expires ${found.get(i)!.ExpiredTime})` : ""}`,
  );
  const why = e.code.startsWith("LimitExceeded")
    ? "the account's quota of prepaid instances returned early is used up"
    : "they cannot be returned early";
  return new Error(
    `${op.what}: ${e.message}. The prepaid instance(s) ${list.join(", ")} keep running and stay in this stack: ` +
      `${why}. Let them expire (turn auto-renewal off in the console), then run \`pulumi destroy\` again; ` +
      `or release them in the console and run \`pulumi refresh\`; or stop managing them with \`pulumi state delete <urn>\``,
    { cause: e },
  );
}
