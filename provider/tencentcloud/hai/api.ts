/**
 * Thin typed calls of HAI 2023-08-12 (RunInstances, DescribeInstances, TerminateInstances,
 * StartInstance, StopInstance, ResizeInstanceDisk); camelCase ↔ PascalCase happens here and
 * nowhere else.
 */
import type * as hai from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import { Operation } from "../../core/context";
import { pascalize } from "../../core/case";
import { TencentTarget, callTencent } from "../client";
import type { HaiArgs } from "./schema";

export type HaiInstanceModel = hai.Instance;

/** DescribeInstances / TerminateInstances: "at most 100 instance ids" (SDK InstanceIds). */
const MAX_IDS = 100;

/** The RunInstances request for the arguments. */
export function runInstancesRequest(
  args: HaiArgs,
  clientToken: string,
  count = args.instanceCount,
): hai.RunInstancesRequest {
  const { region: _r, timeouts: _t, running: _g, clientToken: _c, instanceCount: _n, ...params } = args;
  const req: hai.RunInstancesRequest = pascalize(params);
  return { ...req, InstanceCount: count, ClientToken: clientToken };
}

export async function runInstances(
  op: Operation,
  t: TencentTarget,
  req: hai.RunInstancesRequest,
): Promise<string[]> {
  // Idempotent: the ClientToken makes a repeated call return the same instances.
  const res = await callTencent(op, "hai", "RunInstances", t, (c) => c.RunInstances(req), {
    idempotent: true,
  });
  return res.InstanceIdSet ?? [];
}

/** "DryRun: True only checks the interface" (doc): validated by the cloud, nothing bought. */
export async function dryRun(op: Operation, t: TencentTarget, req: hai.RunInstancesRequest): Promise<void> {
  await callTencent(op, "hai", "RunInstances", t, (c) => c.RunInstances({ ...req, DryRun: true }), {
    idempotent: true,
  });
}

export async function describeInstances(
  op: Operation,
  t: TencentTarget,
  ids: string[],
): Promise<Map<string, hai.Instance>> {
  const out = new Map<string, hai.Instance>();
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const batch = ids.slice(i, i + MAX_IDS);
    // Limit defaults to 20 (SDK DescribeInstancesRequest.Limit): ask for the whole batch.
    const res = await callTencent(
      op,
      "hai",
      "DescribeInstances",
      t,
      (c) => c.DescribeInstances({ InstanceIds: batch, Limit: batch.length }),
      { idempotent: true },
    );
    for (const inst of res.InstanceSet ?? []) if (inst.InstanceId) out.set(inst.InstanceId, inst);
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
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const batch = ids.slice(i, i + MAX_IDS);
    const res = await callTencent(
      op,
      "hai",
      "DescribeInstances",
      t,
      (c) =>
        c.DescribeInstances({
          Filters: [
            { Name: "instance-id", Values: batch },
            { Name: "charge-type", Values: ["PREPAID_BY_MONTH"] },
          ],
          Limit: batch.length,
        }),
      { idempotent: true },
    );
    for (const inst of res.InstanceSet ?? []) if (inst.InstanceId) out.add(inst.InstanceId);
  }
  return out;
}

export async function terminateInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const batch = ids.slice(i, i + MAX_IDS);
    await callTencent(
      op,
      "hai",
      "TerminateInstances",
      t,
      (c) => c.TerminateInstances({ InstanceIds: batch }),
      { idempotent: true },
    );
  }
}

/**
 * StopInstance with StopMode STOP_CHARGE, "currently the only mode" (SDK StopInstanceRequest.StopMode):
 * the compute resources are released and no longer charged. Not repeated after a network error
 * (a second stop of a stopping instance is refused); the caller re-reads the state instead.
 */
export async function stopInstance(op: Operation, t: TencentTarget, id: string): Promise<void> {
  await callTencent(
    op,
    "hai",
    "StopInstance",
    t,
    (c) => c.StopInstance({ InstanceId: id, StopMode: "STOP_CHARGE" }),
    { idempotent: false },
  );
}

export async function startInstance(op: Operation, t: TencentTarget, id: string): Promise<void> {
  await callTencent(op, "hai", "StartInstance", t, (c) => c.StartInstance({ InstanceId: id }), {
    idempotent: false,
  });
}

/** DiskSize in GB "must be larger than the current size" (SDK ResizeInstanceDiskRequest.DiskSize). */
export async function resizeInstanceDisk(
  op: Operation,
  t: TencentTarget,
  id: string,
  diskSize: number,
): Promise<void> {
  await callTencent(
    op,
    "hai",
    "ResizeInstanceDisk",
    t,
    (c) => c.ResizeInstanceDisk({ InstanceId: id, DiskSize: diskSize }),
    { idempotent: false },
  );
}
