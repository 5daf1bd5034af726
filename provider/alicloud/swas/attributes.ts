/**
 * SwasInstance's in-place changes on settled servers, in the order TF-ali makes them: another image
 * (ResetSystem, a reinstall), a larger plan (UpgradeInstance), names and passwords
 * (UpdateInstanceAttribute, one call per server), a restart where a password changed (it takes
 * effect after RebootInstance), then Running or Stopped as `running` says.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import type { AlicloudTarget } from "../client";
import * as api from "./api";
import { setPower } from "./power";
import type { SwasArgs } from "./schema";
import type { Statuses } from "./status";
import { describe, settledStatuses } from "./wait";

/** The names of n servers: the name itself for one, "<name>-1" ... "<name>-n" for more. */
export function expectedNames(name: string | undefined, n: number): string[] | undefined {
  if (name === undefined) return undefined;
  return n === 1 ? [name] : Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
}

/**
 * Brings settled servers to the arguments: a larger plan (UpgradeInstance), names and passwords
 * (UpdateInstanceAttribute, one call per server), a restart where a password changed (the SDK:
 * it takes effect after a restart), then Running or Stopped as `running` says.
 */
export async function bringUp(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
  args: SwasArgs,
  passwords: string[],
): Promise<Map<string, api.SwasServerModel> | undefined> {
  let passwordFor = passwords;
  let live = await describe(op, t, ids);
  const missing = ids.filter((i) => !live.has(i));
  if (missing.length) throw new Error(`server(s) not found: ${missing.join(", ")}`);

  const toReset = ids.filter((i) => live.get(i)!.imageId !== args.imageId);
  if (toReset.length) {
    op.rt.log(
      `${op.what}: ResetSystem to ${args.imageId} on ${toReset.join(", ")} (a reinstall: the disk data is cleared)`,
    );
    // The new system gets the password at once (LoginCredentials): no UpdateInstanceAttribute for it.
    await each(toReset, (i) => api.resetSystem(op, t, i, args.imageId, args.password));
    passwordFor = passwordFor.filter((i) => !toReset.includes(i));
    await settledStatuses(op, t, ids);
    live = await describe(op, t, ids);
  }

  const toUpgrade = ids.filter((i) => live.get(i)!.planId !== args.planId);
  if (toUpgrade.length) {
    op.rt.log(`${op.what}: UpgradeInstance to ${args.planId} on ${toUpgrade.join(", ")}`);
    await each(toUpgrade, async (i) => {
      try {
        await api.upgradeInstance(op, t, i, args.planId);
      } catch (e) {
        if (e instanceof CloudError && /^InvalidPlanIdUpgrade/.test(e.code)) {
          throw new Error(
            `${e.message}: UpgradeInstance only moves to a plan at least as large in every respect; ` +
              `set allowReplacement: true to buy new servers with plan ${args.planId} instead`,
            { cause: e },
          );
        }
        throw e;
      }
    });
    await settledStatuses(op, t, ids);
    live = await describe(op, t, ids);
  }

  const names = expectedNames(args.instanceName, ids.length);
  const changes = ids
    .map((id, n) => ({
      id,
      instanceName: names && live.get(id)!.instanceName !== names[n] ? names[n] : undefined,
      password: passwordFor.includes(id) ? args.password : undefined,
    }))
    .filter((c) => c.instanceName !== undefined || c.password !== undefined);
  if (changes.length) {
    const what = [
      changes.some((c) => c.instanceName !== undefined) ? "name" : "",
      changes.some((c) => c.password !== undefined) ? "password" : "",
    ]
      .filter(Boolean)
      .join(" and ");
    op.rt.log(`${op.what}: UpdateInstanceAttribute (${what}) on ${changes.map((c) => c.id).join(", ")}`);
    await each(changes, (c) =>
      api.updateInstanceAttribute(op, t, c.id, { instanceName: c.instanceName, password: c.password }),
    );
  }

  const withNewPassword = changes.filter((c) => c.password !== undefined).map((c) => c.id);
  if (args.running && withNewPassword.length) {
    // Stopped servers take the new password when they start.
    const running = withNewPassword.filter((i) => live.get(i)!.status === "Running");
    if (running.length) {
      op.rt.log(
        `${op.what}: RebootInstances on ${running.length} server(s) so that the new password takes effect ` +
          `(UpdateInstanceAttribute: it applies after RebootInstance)`,
      );
      await api.power(op, t, "RebootInstances", running).catch((e: unknown) => {
        // The state changed under us: the wait below looks again, and a start applies the password too.
        if (!(e instanceof CloudError && e.code === "IncorrectInstanceStatus")) throw e;
      });
      await setPower(op, t, ids, "running");
      return undefined;
    }
  }
  const known = statusesOf(live);
  const after = await setPower(op, t, ids, args.running ? "running" : "stopped", known);
  // Nothing changed: what was read is still true, and another ListInstances (10 a minute) is saved.
  const same = toReset.length === 0 && toUpgrade.length === 0 && changes.length === 0;
  return after === known && same ? live : undefined;
}

function statusesOf(live: Map<string, api.SwasServerModel>): Statuses {
  return new Map([...live].map(([i, s]) => [i, s.status]));
}

/** Runs one call per item (the limiter paces them); waits for all, then throws the first error. */
async function each<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(items.map(fn));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
