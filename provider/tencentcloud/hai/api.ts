/**
 * Thin typed calls of HAI 2023-08-12 (RunInstances, DescribeInstances, TerminateInstances,
 * StartInstance, StopInstance, ResizeInstanceDisk); camelCase ↔ PascalCase happens here and
 * nowhere else.
 */
import type * as hai from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import { batches } from "../../core/batches";
import { pascalize } from "../../core/case";
import { Operation } from "../../core/context";
import { TencentTarget, addById, serviceCalls } from "../client";
import type { HaiArgs } from "./schema";

export type HaiInstanceModel = hai.Instance;

/** DescribeInstances / TerminateInstances: "at most 100 instance ids" (SDK InstanceIds). */
const MAX_IDS = 100;
const call = serviceCalls("hai");

/** The RunInstances request for the arguments. */
export function runInstancesRequest(
  args: HaiArgs,
  clientToken: string,
  count = args.instanceCount,
): hai.RunInstancesRequest {
  const {
    region: _r,
    timeouts: _t,
    running: _g,
    clientToken: _c,
    instanceCount: _n,
    adoptInstanceIds: _a,
    ...params
  } = args;
  const req: hai.RunInstancesRequest = pascalize(params);
  return { ...req, InstanceCount: count, ClientToken: clientToken };
}

export async function runInstances(
  op: Operation,
  t: TencentTarget,
  req: hai.RunInstancesRequest,
): Promise<string[]> {
  // Idempotent: the ClientToken makes a repeated call return the same instances.
  return (await call(op, t, "RunInstances", (c) => c.RunInstances(req))).InstanceIdSet ?? [];
}

/** "DryRun: True only checks the interface" (doc): validated by the cloud, nothing bought. */
export async function dryRun(op: Operation, t: TencentTarget, req: hai.RunInstancesRequest): Promise<void> {
  await call(op, t, "RunInstances", (c) => c.RunInstances({ ...req, DryRun: true }));
}

export async function describeInstances(
  op: Operation,
  t: TencentTarget,
  ids: string[],
): Promise<Map<string, hai.Instance>> {
  const out = new Map<string, hai.Instance>();
  for (const batch of batches(ids, MAX_IDS)) {
    // Limit defaults to 20 (SDK DescribeInstancesRequest.Limit): ask for the whole batch.
    const res = await call(op, t, "DescribeInstances", (c) =>
      c.DescribeInstances({ InstanceIds: batch, Limit: batch.length }),
    );
    addById(out, res.InstanceSet);
  }
  return out;
}

/**
 * The prepaid ones among `ids`. The Instance model has no charge type; the DescribeInstances
 * filter `charge-type` does ("PREPAID_BY_MONTH, POSTPAID_BY_HOUR", SDK DescribeInstancesRequest.Filters;
 * InstanceIds and Filters exclude each other, so the ids go in the `instance-id` filter).
 */
export async function prepaidInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of batches(ids, MAX_IDS)) {
    const res = await call(op, t, "DescribeInstances", (c) =>
      c.DescribeInstances({
        Filters: [
          { Name: "instance-id", Values: batch },
          { Name: "charge-type", Values: ["PREPAID_BY_MONTH"] },
        ],
        Limit: batch.length,
      }),
    );
    for (const inst of res.InstanceSet ?? []) if (inst.InstanceId) out.add(inst.InstanceId);
  }
  return out;
}

export async function terminateInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  for (const batch of batches(ids, MAX_IDS)) {
    await call(op, t, "TerminateInstances", (c) => c.TerminateInstances({ InstanceIds: batch }));
  }
}

/** Start, stop and resize are not repeated after a network error: the caller re-reads the state instead. */
const ONCE = { idempotent: false };

/**
 * StopInstance with StopMode STOP_CHARGE, "currently the only mode" (SDK StopInstanceRequest.StopMode):
 * the compute resources are released and no longer charged. Not repeated after a network error
 * (a second stop of a stopping instance is refused); the caller re-reads the state instead.
 */
export async function stopInstance(op: Operation, t: TencentTarget, id: string): Promise<void> {
  await call(op, t, "StopInstance", (c) => c.StopInstance({ InstanceId: id, StopMode: "STOP_CHARGE" }), ONCE);
}

export async function startInstance(op: Operation, t: TencentTarget, id: string): Promise<void> {
  await call(op, t, "StartInstance", (c) => c.StartInstance({ InstanceId: id }), ONCE);
}

/** DiskSize in GB "must be larger than the current size" (SDK ResizeInstanceDiskRequest.DiskSize). */
export async function resizeInstanceDisk(
  op: Operation,
  t: TencentTarget,
  id: string,
  diskSize: number,
): Promise<void> {
  await call(
    op,
    t,
    "ResizeInstanceDisk",
    (c) => c.ResizeInstanceDisk({ InstanceId: id, DiskSize: diskSize }),
    ONCE,
  );
}
