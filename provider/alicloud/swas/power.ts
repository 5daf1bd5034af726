/**
 * SwasInstance's `running`: StartInstances and StopInstances (one call for up to 100 servers, SDK
 * 4.0), repeated until every server is in the state asked for. A Disabled server cannot be started.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import type { AlicloudTarget } from "../client";
import * as api from "./api";
import { Phase, Statuses, disabledReason, phaseOf } from "./status";
import { describe, settledStatuses } from "./wait";

/** StartInstances / StopInstances where needed (one call for up to 100), until every server is in the wanted state. */
export async function setPower(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
  want: "running" | "stopped",
  /** Statuses just read: used instead of a first poll when none is pending. */
  known?: Statuses,
): Promise<Statuses> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const fresh =
      attempt === 0 && known && ids.every((i) => ["running", "stopped"].includes(phaseOf(known.get(i))));
    const last = fresh ? known : await settledStatuses(op, t, ids);
    const phases = new Map<string, Phase>(ids.map((i) => [i, phaseOf(last.get(i))]));
    const broken = ids.filter((i) => ["disabled", "gone"].includes(phases.get(i)!));
    if (broken.length) {
      const live = await describe(op, t, broken);
      throw new Error(
        `${broken.map((i) => (live.has(i) ? disabledReason(i, live.get(i)) : `${i} is gone`)).join("; ")}: ` +
          `cannot make it ${want === "running" ? "Running" : "Stopped"}`,
      );
    }
    const wrong = ids.filter((i) => phases.get(i) !== want);
    if (wrong.length === 0) return last;
    const action = want === "running" ? "StartInstances" : "StopInstances";
    op.rt.log(`${op.what}: ${action} on ${wrong.join(", ")}`);
    try {
      await api.power(op, t, action, wrong);
    } catch (e) {
      // The state of one changed under us (or a retried call went through): look again.
      if (!(e instanceof CloudError && e.code === "IncorrectInstanceStatus")) throw e;
    }
  }
  throw new Error(`${op.what}: servers ${ids.join(", ")} did not become ${want} after 4 attempts`);
}
