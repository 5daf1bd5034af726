/** TerminateInstances as ECM answers it: ids already gone or already terminating count as done. */
import type { Operation } from "../../core/context";
import { terminateAll } from "../../core/terminate";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { phaseOf } from "./status";

export function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  return terminateAll(
    {
      terminate: (batch) => api.terminateInstances(op, t, batch),
      // ResourceNotFound.InstanceNotExist: some are gone. FailedOperation.OperationNotAllow: some are
      // TERMINATING already (the whole call is refused).
      someGone: /^ResourceNotFound|^FailedOperation\.OperationNotAllow/,
      describe: (batch) => api.describeInstances(op, t, batch),
      needsTerminate: (inst) => phaseOf(inst) !== "gone",
    },
    ids,
  );
}
