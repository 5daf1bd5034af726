/**
 * The waits and describes of SwasInstance. The documented limit is 10 calls a minute per account:
 * all waits share one ListInstanceStatus poller and all describes one ListInstances batcher per
 * (region, credentials), no faster than the limit allows.
 */
import type { Operation, Runtime } from "../../core/context";
import { operation } from "../../core/context";
import { Poller } from "../../core/poller";
import { documentedLimit } from "../../core/ratelimit";
import { Settled, unsettledReasons, waitSettled as settle } from "../../core/settle";
import type { AlicloudTarget } from "../client";
import * as api from "./api";
import { Phase, STATUS, Statuses } from "./status";

const keyOf = (t: AlicloudTarget) => `${t.regionId}|${t.credentials.id}|${t.endpoint ?? ""}`;

/** Waits: one ListInstanceStatus per round for every waiting server, no faster than the limit allows. */
function statusPoller(rt: Runtime, t: AlicloudTarget): Poller<string> {
  return rt.pollers.get(`swas|${keyOf(t)}`, () => {
    const limit = documentedLimit("swas", "ListInstanceStatus");
    const minIntervalMs = Math.max(rt.pollMinMs ?? 0, Math.ceil(limit.windowMs / limit.calls));
    return new Poller<string>({
      batchSize: api.MAX_IDS_PER_CALL,
      describe: (ids) => api.listInstanceStatus(operation(rt, "polling SWAS servers", 120_000), t, ids),
      clock: rt.clock,
      minIntervalMs,
      maxIntervalMs: Math.max(minIntervalMs, rt.pollMaxMs ?? 30_000),
    });
  });
}

/** Describes: the resources that need ListInstances at about the same time share one call. */
function describer(rt: Runtime, t: AlicloudTarget): Poller<api.SwasServerModel> {
  return rt.pollers.get(
    `swas-describe|${keyOf(t)}`,
    () =>
      new Poller<api.SwasServerModel>({
        batchSize: api.MAX_IDS_PER_CALL,
        describe: (ids) => api.listInstances(operation(rt, "describing SWAS servers", 120_000), t, ids),
        clock: rt.clock,
        minIntervalMs: 200,
        maxIntervalMs: 5_000,
      }),
  );
}

/** Waits until no server is pending (not found right after CreateInstances counts as pending for a while). */
export function waitSettled(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
): Promise<Settled<string, Phase>> {
  return settle(op, statusPoller(op.rt, t), ids, STATUS);
}

/** As waitSettled, the last statuses; a wait that failed (timeout, describe errors) throws. */
export async function settledStatuses(op: Operation, t: AlicloudTarget, ids: string[]): Promise<Statuses> {
  const s = await waitSettled(op, t, ids);
  if (s.failure !== undefined) throw new Error(unsettledReasons(s, ids, STATUS)[0], { cause: s.failure });
  return s.last;
}

/** ListInstances for these ids, batched with every other describe in the process. */
export async function describe(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
): Promise<Map<string, api.SwasServerModel>> {
  const found = await describer(op.rt, t).wait(
    ids,
    () => "done",
    op.deadline,
    `ListInstances for ${op.what}`,
  );
  const out = new Map<string, api.SwasServerModel>();
  for (const [i, s] of found) if (s) out.set(i, s);
  return out;
}
