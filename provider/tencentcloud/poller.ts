/**
 * The process-wide poller of a Tencent Cloud service's instances for a target (region,
 * credentials, endpoint): one DescribeInstances a round for the ids of every waiting resource,
 * the rounds within DescribeInstances' documented rate.
 */
import { Operation, Runtime, operation } from "../core/context";
import { Poller } from "../core/poller";
import { documentedLimit, perSecond } from "../core/ratelimit";
import { Settled, StatusOf, waitSettled } from "../core/settle";
import { TencentService, TencentTarget } from "./client";

export function tencentPoller<M>(
  rt: Runtime,
  service: TencentService,
  t: TencentTarget,
  /** Ids a DescribeInstances takes. */
  batchSize: number,
  describe: (op: Operation, t: TencentTarget, ids: string[]) => Promise<Map<string, M>>,
): Poller<M> {
  return rt.pollers.get(
    `${service}|${t.region}|${t.credentials.id}|${t.endpoint ?? ""}`,
    () =>
      new Poller<M>({
        batchSize,
        describe: (ids) =>
          describe(operation(rt, `describing ${service.toUpperCase()} instances`, 120_000), t, ids),
        clock: rt.clock,
        minIntervalMs: rt.pollMinMs,
        callsPerSecond: perSecond(documentedLimit(service, "DescribeInstances")),
        maxIntervalMs: rt.pollMaxMs,
      }),
  );
}

/** A service's poller, and the wait until new instances settle on it. */
export function tencentWaits<M, P extends string>(
  service: TencentService,
  batchSize: number,
  describe: (op: Operation, t: TencentTarget, ids: string[]) => Promise<Map<string, M>>,
  status: StatusOf<M, P>,
) {
  const poller = (rt: Runtime, t: TencentTarget) => tencentPoller(rt, service, t, batchSize, describe);
  return {
    poller,
    /** Waits until no instance is pending (not found right after RunInstances counts as pending for a while). */
    waitSettled: (op: Operation, t: TencentTarget, ids: string[]): Promise<Settled<M, P>> =>
      waitSettled(op, poller(op.rt, t), ids, status) as Promise<Settled<M, P>>,
  };
}
