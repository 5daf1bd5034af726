/**
 * The reliability cases, generated from the table of kinds (kinds.ts): cloud faults, process
 * faults, bad input and secrets. One definition serves `npm test` (reliability.test.ts) and
 * `npm run reliability` (scripts/reliability.ts).
 *
 * Each case states the promise it checks in its name, and returns what it observed.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import type { Instance, RunningEmulator } from "pulumi-runinstances/emulator";
import { InitFailedError } from "../provider/core/errors";
import { resetTencentClients } from "../provider/tencentcloud/client";
import { resetAlicloudClients } from "../provider/alicloud/client";
import { tc3Signature } from "../emulator/signing/tc3";
import { acs3Signature } from "../emulator/signing/acs3";
import { SECRET_SIG, SIG_KEY, type OperationResult, type Stack } from "../harness";
import { REPO } from "../harness/package";
import {
  ALI_ID,
  ALI_KEY,
  CREDENTIALS,
  ENGINE_SETTINGS,
  Evidence,
  TC_ID,
  TC_KEY,
  collectEmulatorLog,
  sleepReal,
  until,
} from "./fixtures";
import { KINDS, Kind, Props, Provider, applySet, liveInstances, withPassword } from "./kinds";
import { Case, Category, Session, Suite } from "./suite";

// ---- assertions -----------------------------------------------------------------------------

class CaseFailure extends Error {}

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new CaseFailure(message);
}

const sorted = (ids: string[]) => [...ids].sort();
const same = (a: string[], b: string[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/**
 * Exactly the requested servers exist: the recorded ids are the kind's live instances (`ignore`d
 * ones aside), `count` of them, all `ready` (in the running state by default).
 */
async function exactly(
  k: Kind,
  emu: RunningEmulator,
  ids: string[],
  ready: (i: Instance) => boolean = (i) => i.state === k.running,
  ignore: (i: Instance) => boolean = () => false,
): Promise<string> {
  const live = (await liveInstances(k, emu)).filter((i) => !ignore(i));
  check(ids.length === k.count, `${ids.length} instance(s) recorded, ${k.count} requested: ${ids.join(",")}`);
  check(
    same(
      live.map((i) => i.id),
      ids,
    ),
    `the cloud holds ${live.map((i) => `${i.id} ${i.state}`).join(", ") || "nothing"}; recorded: ${ids.join(",")}`,
  );
  const notReady = live.filter((i) => !ready(i));
  check(notReady.length === 0, `not done: ${notReady.map((i) => `${i.id} ${i.state}`).join(", ")}`);
  return `exactly ${ids.length} (${live.map((i) => i.state).join(", ")}), all recorded`;
}

// ---- provider-level cases ---------------------------------------------------------------------

/** `run` fails with an init failure that records every instance the cloud holds; what it recorded and bought. */
async function recordsAllBought(
  r: ProviderRun,
  k: Kind,
  run: () => Promise<unknown>,
): Promise<{ err: InitFailedError; recorded: string[]; bought: Instance[] }> {
  const err = await r.failing(run);
  check(err instanceof InitFailedError, `not an init failure: ${String(err)}`);
  const recorded = idsOf(err.id);
  const bought = await r.emu.control.instances(k.service);
  const shown = bought.map((i) => `${i.id} ${i.state}`).join(",");
  check(
    same(
      recorded,
      bought.map((i) => i.id),
    ),
    `recorded ${recorded.join(",")}, bought ${shown}`,
  );
  return { err, recorded, bought };
}

interface ProviderRun {
  emu: RunningEmulator;
  /** The provider's progress and warning lines. */
  logs: string[];
  p: Provider;
  /** The inputs of a create: identity, arguments, password. */
  inputs: Props;
  /** Checks, then creates; errors go to the evidence and are rethrown. */
  create(inputs?: Props): Promise<{ id: string; outs: Props }>;
  /** Runs a provider call whose error is expected; returns it (also to the evidence). */
  failing<T>(call: () => Promise<T>): Promise<unknown>;
}

async function providerCase(
  s: Suite,
  k: Kind,
  label: string,
  body: (r: ProviderRun) => Promise<string>,
): Promise<string> {
  const f = await s.provider();
  await f.reset();
  const { rt, logs } = f.runtime();
  const p = k.provider(rt);
  if (k.password) s.ev.passwords.add(k.password.value);
  const source = `${k.kind} ${label}`;
  const inputs = { [k.identityKey]: `reliability/faults/${k.kind}`, ...withPassword(k) };
  const run: ProviderRun = {
    emu: f.emu,
    logs,
    p,
    inputs,
    async create(news = inputs) {
      const checked = await p.check({}, news);
      const failures = checked.failures ?? [];
      check(failures.length === 0, `check refused valid input: ${JSON.stringify(failures)}`);
      const r = await p.create(checked.inputs ?? news);
      return { id: r.id, outs: r.outs ?? {} };
    },
    async failing(call) {
      try {
        await call();
      } catch (e) {
        s.ev.error(source, e);
        return e;
      }
      throw new CaseFailure("the call succeeded; it was expected to fail");
    },
  };
  try {
    return await body(run);
  } finally {
    s.ev.add(`${source}: provider log`, logs.join("\n"));
    await collectEmulatorLog(s.ev, f.emu, source);
    await f.emu.control.clearFaults();
  }
}

/** Makes every SDK request time out after `ms` (the SDKs' own timeouts are 30 s): a test seam, undone by the returned function. */
function shortenSdkTimeouts(ms: number): () => void {
  type Sign3 = (o: { timeout?: number }) => Promise<unknown>;
  const tc = require("tencentcloud-sdk-nodejs/tencentcloud/common/http/http_connection") as {
    HttpConnection: { doRequestWithSign3: Sign3 };
  };
  const sign3 = tc.HttpConnection.doRequestWithSign3;
  tc.HttpConnection.doRequestWithSign3 = function (this: unknown, o) {
    return sign3.call(this, { ...o, timeout: Math.min(o.timeout ?? ms, ms) });
  };
  const swasDir = path.dirname(require.resolve("@alicloud/swas-open20200601"));
  type CallApi = (params: unknown, request: unknown, runtime?: { readTimeout?: number }) => Promise<unknown>;
  const openapi = require(require.resolve("@alicloud/openapi-core", { paths: [swasDir] })) as {
    default: { prototype: { callApi: CallApi } };
  };
  const proto = openapi.default.prototype;
  const callApi = proto.callApi;
  proto.callApi = function (this: unknown, params, request, runtime) {
    if (runtime) runtime.readTimeout = ms;
    return callApi.call(this, params, request, runtime);
  };
  return () => {
    tc.HttpConnection.doRequestWithSign3 = sign3;
    proto.callApi = callApi;
  };
}

function idsOf(id: string): string[] {
  return id.split(",").filter(Boolean);
}

async function callsOf(emu: RunningEmulator, k: Kind) {
  const log = await emu.control.log({ service: k.service });
  return {
    total: log.length,
    /** Answered with an error code (injected or the emulator's own); cut connections have none. */
    errors: log.filter((e) => e.error).length,
    of: (action: string) => log.filter((e) => e.action === action).length,
  };
}

/** After a delete: no server left (or, SWAS, every one stopped). */
async function afterDelete(k: Kind, emu: RunningEmulator, ids: string[]): Promise<string> {
  await emu.control.advanceClock(60_000);
  const live = await liveInstances(k, emu);
  if (k.afterDelete === "gone") {
    check(live.length === 0, `left after delete: ${live.map((i) => `${i.id} ${i.state}`).join(", ")}`);
    return "deleted: none left";
  }
  const mine = live.filter((i) => ids.includes(i.id));
  check(
    mine.length === ids.length && mine.every((i) => i.state === "Stopped"),
    `after delete: ${mine.map((i) => `${i.id} ${i.state}`).join(", ")}`,
  );
  return `deleted: ${mine.length} stopped (no delete API)`;
}

function cloudFaultCases(k: Kind): Case[] {
  const c = (name: string, run: (s: Suite) => Promise<string>): Case => ({
    name,
    resource: k.kind,
    category: "cloud faults",
    group: "provider",
    run,
  });
  const allDescribes = (f: (action: string) => Promise<unknown>) => Promise.all(k.actions.describe.map(f));

  /** Create, read and delete under faults that retries must absorb. */
  type Calls = Awaited<ReturnType<typeof callsOf>>;
  const absorbs = (label: string, inject: (emu: RunningEmulator) => Promise<(c: Calls) => string>) =>
    c(`${label}: create, read and delete converge, exactly the requested servers`, (s) =>
      providerCase(s, k, label, async (r) => {
        const injected = await inject(r.emu);
        const { id, outs } = await r.create();
        const ids = idsOf(id);
        const done = await exactly(k, r.emu, ids);
        const read = await r.p.read(id, outs);
        check(same(idsOf(read.id ?? ""), ids), `read answered ${read.id}`);
        await r.p.delete(id, outs);
        const deleted = await afterDelete(k, r.emu, ids);
        const calls = await callsOf(r.emu, k);
        return `${done}; ${deleted}; ${calls.total} calls, ${injected(calls)}`;
      }),
    );

  const fault = (emu: RunningEmulator, action: string, extra: Record<string, unknown>) =>
    emu.control.addFault({ service: k.service, action, ...extra });

  return [
    absorbs("throttling on half the calls", async (emu) => {
      await fault(emu, "*", { code: k.throttle.code, httpStatus: k.throttle.httpStatus, probability: 0.5 });
      return (c) => `${c.errors} answered ${k.throttle.code}`;
    }),
    absorbs("InternalError bursts (3 in a row on create, describe and delete)", async (emu) => {
      const f = { code: k.internal.code, httpStatus: k.internal.httpStatus, count: 3 };
      await fault(emu, k.actions.create, f);
      await allDescribes((a) => fault(emu, a, f));
      await fault(emu, k.actions.delete, f);
      return (c) => `${c.errors} answered ${k.internal.code}`;
    }),
    absorbs(
      "connection resets before the action (2 in a row on create, describe and delete)",
      async (emu) => {
        await fault(emu, k.actions.create, { drop: "before", count: 2 });
        await allDescribes((a) => fault(emu, a, { drop: "before", count: 2 }));
        await fault(emu, k.actions.delete, { drop: "before", count: 2 });
        return () => `${2 * (2 + k.actions.describe.length)} connections cut`;
      },
    ),
    c("a lost create response (connection cut after the cloud acted): exactly the requested servers", (s) =>
      providerCase(s, k, "lost create response", async (r) => {
        await fault(r.emu, k.actions.create, { drop: "after", count: 1 });
        const { id } = await r.create();
        const done = await exactly(k, r.emu, idsOf(id));
        const all = (await r.emu.control.instances(k.service)).length;
        check(all === k.count, `${all} servers were bought in all`);
        return `${done}; ${(await callsOf(r.emu, k)).of(k.actions.create)} ${k.actions.create} calls, ${all} servers bought`;
      }),
    ),
    c("responses slower than the SDK timeout (the cloud acts late): exactly the requested servers", (s) =>
      providerCase(s, k, "slow responses", async (r) => {
        // The create is carried out well after the provider's own waits (which take no real
        // time here) are over: a ClientToken must still make it the same purchase.
        const timeoutMs = 150;
        const latencyMs = 1200;
        const restore = shortenSdkTimeouts(timeoutMs);
        try {
          await fault(r.emu, k.actions.create, { latencyMs, count: 1 });
          await allDescribes((a) => fault(r.emu, a, { latencyMs: 3 * timeoutMs, count: 1 }));
          const created = await r.create();
          let id = created.id;
          // The cloud carries out the slow create after the client gave up: let it land (the
          // log has the time the request arrived).
          const [slow] = await r.emu.control.log({ service: k.service, action: k.actions.create });
          await sleepReal(Math.max(0, Date.parse(slow.time) + latencyMs + 100 - Date.now()));
          if (k.service === "ecm") {
            // No ClientToken: a purchase that lands after the create returned cannot be prevented;
            // it carries the resource's marks, and the next update (or delete) terminates it.
            id = String((await r.p.update(id, created.outs, r.inputs)).outs?.instanceIds ?? id);
          }
          const done = await exactly(k, r.emu, idsOf(id));
          const all = (await r.emu.control.instances(k.service)).filter(
            (i) => i.state !== "TERMINATING",
          ).length;
          check(all === k.count, `${all} servers are kept in all`);
          return `SDK timeout ${timeoutMs} ms, answers after ${latencyMs} ms: ${done}; ${all} kept`;
        } finally {
          restore();
          resetTencentClients();
          resetAlicloudClients();
        }
      }),
    ),
    c(
      k.launchFailure.optIn
        ? `a failed launch: an init failure records every server; the next update replaces it only with ${Object.keys(k.launchFailure.optIn).join(", ")} (${k.launchFailure.why})`
        : "LAUNCH_FAILED: an init failure records every instance; the next update replaces it and converges",
      (s) =>
        providerCase(s, k, "launch failure", async (r) => {
          await r.emu.control.instanceFaults({ launchFailures: { [k.service]: 1 } });
          const { err, recorded, bought } = await recordsAllBought(r, k, () => r.create());
          const failed = bought.filter((i) => i.state === k.launchFailure.state).map((i) => i.id);
          check(failed.length === 1, `failed: ${bought.map((i) => `${i.id} ${i.state}`).join(", ")}`);
          let inputs = r.inputs;
          let refusal = "";
          const optIn = k.launchFailure.optIn;
          if (optIn) {
            const e = await r.failing(() => r.p.update(err.id, err.properties, inputs));
            const message = e instanceof Error ? e.message : String(e);
            check(
              message.includes(failed[0]) && Object.keys(optIn).every((o) => message.includes(o)),
              `the refusal does not name ${failed[0]} and ${Object.keys(optIn).join(", ")}: ${message}`,
            );
            refusal = `without ${Object.keys(optIn).join(", ")}: refused naming ${failed[0]}; `;
            inputs = { ...inputs, ...optIn };
          }
          const { outs } = await r.p.update(err.id, err.properties, inputs);
          const ids = (outs?.instanceIds as string[]) ?? [];
          const kept = (i: Instance) => Boolean(optIn) && failed.includes(i.id);
          const done = await exactly(k, r.emu, ids, undefined, kept);
          if (optIn) {
            check(
              r.logs.some((l) => l.includes(failed[0]) && /warning/.test(l)),
              `no warning names the server left behind (${failed[0]})`,
            );
          }
          return `init failure recorded ${recorded.length} (${short(err.reasons.join("; "), 100)}); ${refusal}update: ${done}${optIn ? `; ${failed[0]} left (${k.launchFailure.why}), named in a warning` : ""}`;
        }),
    ),
    c(
      "stuck PENDING past the create timeout: an init failure records it; once it boots, update converges",
      (s) =>
        providerCase(s, k, "stuck pending", async (r) => {
          await r.emu.control.instanceFaults({ stuckPending: { [k.service]: 1 } });
          const inputs = { ...r.inputs, timeouts: { create: "2m" } };
          const { err, recorded, bought } = await recordsAllBought(r, k, () => r.create(inputs));
          const stuck = bought.filter((i) => i.state !== k.running);
          check(stuck.length === 1, `stuck: ${stuck.map((i) => `${i.id} ${i.state}`).join(",")}`);
          // It boots at last (as the emulator's own transition: the latest operation completes too).
          const inst = r.emu.world.instances.get(stuck[0].id)!;
          inst.next = { state: k.running, at: r.emu.world.now() };
          const { outs } = await r.p.update(err.id, err.properties, inputs);
          const done = await exactly(k, r.emu, (outs?.instanceIds as string[]) ?? []);
          return `init failure after the 2m timeout recorded ${recorded.length} (${err.reasons.join("; ").slice(0, 100)}); update: ${done}`;
        }),
    ),
    c(
      "a describe that does not yet know the new instances: create converges, exactly the requested servers",
      (s) =>
        providerCase(s, k, "describe lag", async (r) => {
          await r.emu.control.instanceFaults({ describeLag: { [k.service]: 3 } });
          const { id } = await r.create();
          return exactly(k, r.emu, idsOf(id));
        }),
    ),
  ];
}

// ---- bad input -------------------------------------------------------------------------------

function badInputCases(k: Kind): Case[] {
  const provider: Case[] = k.badInput.map((b) => ({
    name: `refused at check: ${b.name}`,
    resource: k.kind,
    category: "bad input" as Category,
    group: "provider",
    run: async (s: Suite) => {
      const f = await s.provider();
      const { rt } = f.runtime();
      const p = k.provider(rt);
      const before = { calls: await f.emu.control.totalCalls(), log: (await f.emu.control.log()).length };
      // With preflight on: a refused input must not even reach the cloud's DryRun.
      f.setPreflight(true);
      let failures: { property: string; reason: string }[];
      try {
        const news = { [k.identityKey]: `reliability/bad/${k.kind}`, ...applySet(withPassword(k), b.set) };
        failures = (await p.check({}, news)).failures ?? [];
      } finally {
        f.setPreflight(false);
      }
      s.ev.add(`${k.kind} bad input ${b.name}: check failures`, failures);
      const after = { calls: await f.emu.control.totalCalls(), log: (await f.emu.control.log()).length };
      check(
        after.calls === before.calls && after.log === before.log,
        `${after.calls - before.calls} cloud call(s) made`,
      );
      return judgeFailures(k, b, failures);
    },
  }));
  const controlCase: Case[] = k.preflight
    ? [
        {
          name: "valid input with preflight on: check sends the dry run (the control for the zero-call cases)",
          resource: k.kind,
          category: "bad input",
          group: "provider",
          run: async (s: Suite) => {
            const f = await s.provider();
            await f.reset();
            const p = k.provider(f.runtime().rt);
            f.setPreflight(true);
            try {
              const news = { [k.identityKey]: `reliability/bad/${k.kind}`, ...withPassword(k) };
              const failures = (await p.check({}, news)).failures ?? [];
              check(failures.length === 0, `valid input refused: ${JSON.stringify(failures)}`);
            } finally {
              f.setPreflight(false);
            }
            const calls = await f.emu.control.totalCalls();
            check(calls > 0, "no call: preflight is not on, the zero-call cases prove nothing");
            check((await f.emu.control.instances()).length === 0, "the dry run bought a server");
            return `${calls} call(s), nothing bought`;
          },
        },
      ]
    : [];
  return [...controlCase, ...provider, ...engineBadInputCases(k)];
}

function judgeFailures(
  k: Kind,
  b: { property: string; rule?: RegExp },
  failures: { property: string; reason: string }[],
): string {
  const mine = failures.filter((f) => f.property === b.property);
  check(mine.length > 0, `no failure for ${b.property}; got ${JSON.stringify(failures)}`);
  const cited = mine.find((f) => k.cites.test(f.reason) && (!b.rule || b.rule.test(f.reason)));
  check(
    cited,
    `${b.property}: "${mine.map((f) => f.reason).join(" | ")}" ` +
      (mine.some((f) => k.cites.test(f.reason))
        ? `does not state the rule ${b.rule}`
        : `does not cite the document (${k.cites.source})`),
  );
  return `${cited.property}: ${short(cited.reason, 160)}`;
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

// ---- engine path: process faults and secrets ------------------------------------------------------

/**
 * A kind's stack on the engine path: one Stack (one provider host, restarted only after a kill)
 * for all of the kind's engine cases, so that they cost few host starts. The program reads its
 * arguments from a file at every run: a case "edits the program" by rewriting it.
 */
let stackSeq = 0;
async function session(s: Suite, k: Kind): Promise<Session> {
  const have = s.sessions.get(k.kind);
  if (have) return have;
  const eng = await s.engine();
  const argsFile = path.join(eng.tmp, `${k.kind}-args.json`);
  fs.writeFileSync(argsFile, JSON.stringify(k.args));
  const stack = await eng.stack(k.kind, {
    stack: `reliability-${++stackSeq}`,
    config: {
      "rel:module": k.module,
      "rel:class": k.kind,
      "rel:name": "rel",
      "rel:argsFile": argsFile,
      // The password as users keep it: a secret in stack config (used where the arguments have none).
      ...(k.password ? { "rel:secretPath": k.password.path, "rel:secret": k.password.value } : {}),
    },
  });
  const created: Session = {
    stack,
    emu: await eng.emulator(k.kind),
    setArgs: (args) => fs.writeFileSync(argsFile, JSON.stringify(args)),
  };
  s.sessions.set(k.kind, created);
  return created;
}

/** The state file and the errors of an operation, as evidence. */
function record(s: Suite, k: Kind, stack: Stack, r?: OperationResult): void {
  s.ev.add(`${k.kind}: state file`, stack.stateText());
  for (const res of r?.resources ?? []) if (res.error) s.ev.add(`${k.kind}: error`, res.error);
  if (r?.error) s.ev.add(`${k.kind}: program error`, r.error);
}

function resourceOf(k: Kind, stack: Stack) {
  return stack.state().resources.find((r) => r.type.endsWith(`:${k.kind}`));
}

const recordedIds = (k: Kind, stack: Stack) => idsOf(String(resourceOf(k, stack)?.id ?? ""));

async function logAfter(emu: RunningEmulator, k: Kind, mark: number) {
  return (await emu.control.log({ service: k.service })).slice(mark);
}

async function logLength(emu: RunningEmulator, k: Kind) {
  return (await emu.control.log({ service: k.service })).length;
}

/** Runs `op`, SIGKILLs the host when `trigger` sees the moment in the emulator's log; returns op's result. */
async function killedDuring(
  ss: Session,
  k: Kind,
  op: () => Promise<OperationResult>,
  what: string,
  trigger: (after: { action: string; error?: string }[]) => boolean,
): Promise<OperationResult> {
  const mark = await logLength(ss.emu, k);
  const running = op();
  try {
    // Real time: a loaded machine can take long to get there.
    await until(what, async () => trigger(await logAfter(ss.emu, k, mark)), 120_000);
  } catch (e) {
    // The operation must not outlive the case, holding the stack's lock for the next one.
    ss.stack.killHost();
    await running.catch(() => undefined);
    throw e;
  }
  ss.stack.killHost();
  return running;
}

/** Holds `action`'s next answer back (`latencyMs`) and SIGKILLs the host once it is sent; returns op's result. */
async function killedWhileSending(
  ss: Session,
  k: Kind,
  action: string,
  latencyMs: number,
  op: () => Promise<OperationResult>,
): Promise<OperationResult> {
  await ss.emu.control.addFault({ service: k.service, action, latencyMs, count: 1 });
  return killedDuring(ss, k, op, `${action} to be sent`, (after) => after.some((e) => e.action === action));
}

/**
 * While `op` runs, the emulator's clock runs fast (5 s per 10 ms) so that long transitions end
 * soon; from the first call `op` makes (`after`: the length of the kind's log before it), so that
 * the state `op` meets first is the one left behind.
 */
async function fastClock<T>(
  emu: RunningEmulator,
  op: Promise<T>,
  after?: { k: Kind; mark: number },
): Promise<T> {
  let done = false;
  void op.finally(() => (done = true)).catch(() => undefined);
  const ticking = (async () => {
    while (!done && after && (await logLength(emu, after.k)) <= after.mark) await sleepReal(5);
    while (!done) {
      await emu.control.advanceClock(5000);
      await sleepReal(10);
    }
  })();
  try {
    return await op;
  } finally {
    done = true;
    await ticking;
  }
}

/**
 * The kind's stack with nothing in it (a case that creates starts here). When the stack cannot be
 * emptied (an earlier case failed and left it so), the case goes on with a new stack on a reset
 * emulator rather than failing too.
 */
async function ensureEmpty(s: Suite, k: Kind, ss: Session): Promise<Session> {
  if (!resourceOf(k, ss.stack)) return ss;
  const r = await fastClock(ss.emu, ss.stack.destroy());
  record(s, k, ss.stack, r);
  if (!r.failed) return ss;
  ss.stack.close();
  s.sessions.delete(k.kind);
  await ss.emu.control.reset();
  return session(s, k);
}

/** The kind's stack up with the valid arguments and its servers running (a case that changes starts here). */
async function ensureUp(s: Suite, k: Kind, ss: Session): Promise<string[]> {
  const ids = recordedIds(k, ss.stack);
  const live = await liveInstances(k, ss.emu);
  if (
    ids.length === k.count &&
    same(
      live.map((i) => i.id),
      ids,
    ) &&
    live.every((i) => i.state === k.running)
  )
    return ids;
  ss.setArgs(k.args);
  const r = await ss.stack.up();
  record(s, k, ss.stack, r);
  check(!r.failed, `bringing the stack up: ${JSON.stringify(r.resources)}`);
  return recordedIds(k, ss.stack);
}

function engineBadInputCases(k: Kind): Case[] {
  return k.badInput
    .filter((b) => b.engine)
    .map((b) => ({
      name: `refused by \`up\` through the engine, nothing created: ${b.name}`,
      resource: k.kind,
      category: "bad input" as Category,
      group: `engine:${k.kind}`,
      run: async (s: Suite) => {
        const ss = await ensureEmpty(s, k, await session(s, k));
        ss.setArgs(applySet(k.args, b.set));
        const before = { calls: await ss.emu.control.totalCalls(), log: (await ss.emu.control.log()).length };
        const up = await ss.stack.up();
        record(s, k, ss.stack, up);
        const res = up.resources.find((x) => x.type.endsWith(`:${k.kind}`));
        check(
          res?.op === "failed" && res.attempted === "create",
          `up: ${JSON.stringify(up.resources)} ${up.error ?? ""}`,
        );
        check(!resourceOf(k, ss.stack), "a resource was recorded");
        const after = { calls: await ss.emu.control.totalCalls(), log: (await ss.emu.control.log()).length };
        check(
          after.calls === before.calls && after.log === before.log,
          `${after.calls - before.calls} cloud call(s)`,
        );
        const error = res.error ?? "";
        check(error.includes(`${b.property}: `), `the error does not name ${b.property}: ${error}`);
        check(k.cites.test(error), `the error does not cite the document: ${short(error, 300)}`);
        if (b.rule) check(b.rule.test(error), `the error does not state the rule ${b.rule}: ${error}`);
        return `0 calls; ${short(error, 160)}`;
      },
    }));
}

function processCases(k: Kind): Case[] {
  const c = (
    name: string,
    run: (s: Suite, ss: Session) => Promise<string>,
    category: Category = "process faults",
  ): Case => ({
    name,
    resource: k.kind,
    category,
    group: `engine:${k.kind}`,
    run: async (s) => {
      if (k.password) s.ev.passwords.add(k.password.value);
      return run(s, await session(s, k));
    },
  });

  /** The interrupted up recorded nothing; the next up records exactly the servers the interrupted create bought. */
  const upAgainAfterCreateKilled = async (s: Suite, ss: Session, first: OperationResult, mark: number) => {
    record(s, k, ss.stack, first);
    check(first.failed && !resourceOf(k, ss.stack), `the interrupted up: ${JSON.stringify(first.resources)}`);
    const bought = (await liveInstances(k, ss.emu)).map((i) => i.id);
    check(bought.length === k.count, `${bought.length} servers bought before the second up`);
    const second = await ss.stack.up();
    record(s, k, ss.stack, second);
    check(!second.failed && resourceOf(k, ss.stack), `the second up: ${JSON.stringify(second.resources)}`);
    const ids = recordedIds(k, ss.stack);
    const done = await exactly(k, ss.emu, ids);
    check(same(ids, bought), `recorded ${ids.join(",")}, the interrupted create bought ${bought.join(",")}`);
    const after = await logAfter(ss.emu, k, mark);
    const creates = after.filter((e) => e.action === k.actions.create).length;
    return (
      `${done}; ${creates} ${k.actions.create} call(s) in all: ` +
      (creates > 1
        ? "the repeated one was answered with the same servers"
        : `the second up found the servers by ${k.idempotency} and bought none`)
    );
  };

  const cases: Case[] = [
    c(
      "host killed after the create call was accepted, while waiting for Running; up again: exactly the requested servers, all recorded",
      async (s, old) => {
        const ss = await ensureEmpty(s, k, old);
        ss.setArgs(k.args);
        // A long boot keeps the provider waiting for Running; the clock is moved on after the kill.
        await ss.emu.control.settings({ bootMs: 600_000 });
        const mark = await logLength(ss.emu, k);
        try {
          const first = await killedDuring(
            ss,
            k,
            () => ss.stack.up(),
            "the provider to wait for Running",
            (after) => {
              const i = after.findIndex((e) => e.action === k.actions.create && !e.error);
              return i >= 0 && after.slice(i + 1).some((e) => k.actions.describe.includes(e.action));
            },
          );
          await ss.emu.control.advanceClock(600_000);
          return await upAgainAfterCreateKilled(s, ss, first, mark);
        } finally {
          await ss.emu.control.settings({ bootMs: ENGINE_SETTINGS.bootMs });
        }
      },
    ),
    c(
      "host killed during an in-place update (the cloud acts late); up again: converges in place",
      async (s, ss) => {
        const before = await ensureUp(s, k, ss);
        ss.setArgs({ ...k.args, ...k.update.patch });
        const first = await killedWhileSending(ss, k, k.update.action, 400, () => ss.stack.up());
        record(s, k, ss.stack, first);
        check(first.failed, `the interrupted up succeeded: ${JSON.stringify(first.resources)}`);
        // The cloud carries out the call it accepted, after the host is gone.
        await sleepReal(500);
        const mark = await logLength(ss.emu, k);
        const second = await fastClock(ss.emu, ss.stack.up(), { k, mark });
        record(s, k, ss.stack, second);
        const ops = second.resources.map((r) => `${r.name} ${r.op}`).join(", ");
        check(
          !second.failed && resourceOf(k, ss.stack),
          `the second up: ${JSON.stringify(second.resources)}`,
        );
        check(
          second.resources.every((r) => r.op !== "replace"),
          `replaced: ${ops}`,
        );
        const ids = recordedIds(k, ss.stack);
        check(same(ids, before), `instances changed: ${before.join(",")} -> ${ids.join(",")}`);
        const done = await exactly(k, ss.emu, ids, k.update.done);
        return `second up: ${ops}; ${done}, changed in place`;
      },
    ),
    ...(k.password
      ? [
          c(
            "passwords are secret outputs: encrypted in the state file, never in the clear",
            async (s, ss) => {
              await ensureUp(s, k, ss);
              const text = ss.stack.stateText();
              s.ev.add(`${k.kind}: state file`, text);
              check(!text.includes(k.password!.value), "the password is in the state file");
              const res = resourceOf(k, ss.stack)!;
              for (const out of k.secretOutputs) {
                check(res.secretOutputs.includes(out), `${out} is not in additionalSecretOutputs`);
              }
              const raw = JSON.parse(text) as {
                resources: { type: string; outputs: Props; inputs: Props }[];
              };
              const stored = raw.resources.find((r) => r.type.endsWith(`:${k.kind}`))!;
              const top = k.password!.path.split(".")[0];
              for (const where of ["inputs", "outputs"] as const) {
                const v = stored[where][top] as Record<string, unknown> | undefined;
                check(
                  v?.[SIG_KEY] === SECRET_SIG && typeof v.ciphertext === "string",
                  `${where}.${top} is not stored as a secret: ${JSON.stringify(v)?.slice(0, 80)}`,
                );
              }
              return `${top} stored encrypted in inputs and outputs; additionalSecretOutputs: ${res.secretOutputs.join(", ")}`;
            },
            "secrets",
          ),
        ]
      : []),
    c(
      "the provider text in the state is a small shim: no credential, no absolute path",
      async (s, ss) => {
        await ensureUp(s, k, ss);
        const res = resourceOf(k, ss.stack)!;
        const text = String(res.inputs.__provider ?? "");
        s.ev.add(`${k.kind}: provider text`, text);
        check(text.length > 0 && text.length < 4096, `provider text of ${text.length} characters`);
        check(
          text.includes(`"pulumi-runinstances/provider/${k.module}/provider"`),
          "the shim does not require the package path",
        );
        check(!text.includes(REPO) && !/\/(home|root|tmp|work|Users)\//.test(text), "an absolute path");
        for (const cred of CREDENTIALS) check(!text.includes(cred), "a credential in the provider text");
        check(res.outputs.__provider === res.inputs.__provider, "outputs carry another provider text");
        return `${text.length} characters, requires pulumi-runinstances/provider/${k.module}/provider`;
      },
      "secrets",
    ),
    c("host killed during delete (the cloud acts late); destroy again: completes", async (s, ss) => {
      const ids = await ensureUp(s, k, ss);
      // Deleting takes a while, as in the cloud: the second destroy finds the servers on their way.
      await ss.emu.control.settings({ terminateMs: 60_000, transitionMs: 60_000 });
      try {
        const first = await killedWhileSending(ss, k, k.actions.delete, 300, () => ss.stack.destroy());
        record(s, k, ss.stack, first);
        check(
          first.failed && resourceOf(k, ss.stack),
          `the interrupted destroy: ${JSON.stringify(first.resources)}`,
        );
        // The cloud carries out the call it accepted, after the host is gone.
        await sleepReal(400);
        const states = (await ss.emu.control.instances(k.service)).map((i) => i.state).join(", ");
        const mark = await logLength(ss.emu, k);
        const second = await fastClock(ss.emu, ss.stack.destroy(), { k, mark });
        record(s, k, ss.stack, second);
        check(
          !second.failed && !resourceOf(k, ss.stack),
          `the second destroy (servers ${states}): ${JSON.stringify(second.resources)}`,
        );
        const done = await afterDelete(k, ss.emu, ids);
        return `the second destroy found ${states || "nothing"}; ${done}`;
      } finally {
        await ss.emu.control.settings({
          terminateMs: ENGINE_SETTINGS.terminateMs,
          transitionMs: ENGINE_SETTINGS.transitionMs,
        });
      }
    }),
  ];
  if (k.killInFlight) {
    // Other arguments than the cases before: a new request (the earlier ones' ClientToken is spent).
    const args = { ...k.args, ...k.killInFlight };
    cases.push(
      c(
        "host killed while the create call is in flight (the cloud acts, the answer is lost); up again: exactly the requested servers, all recorded",
        async (s, old) => {
          const ss = await ensureEmpty(s, k, old);
          ss.setArgs(args);
          const mark = await logLength(ss.emu, k);
          const first = await killedWhileSending(ss, k, k.actions.create, 400, () => ss.stack.up());
          // The cloud carries out the request it accepted, after the host is gone.
          await until(
            "the accepted create to be carried out",
            async () => (await liveInstances(k, ss.emu)).length >= k.count,
          );
          await ss.emu.control.advanceClock(60_000);
          return upAgainAfterCreateKilled(s, ss, first, mark);
        },
      ),
    );
  }
  return cases;
}

// ---- secrets: emulator authenticity and the final scan ---------------------------------------

function emulatorCases(): Case[] {
  const c = (name: string, run: (s: Suite) => Promise<string>): Case => ({
    name,
    resource: "emulator",
    category: "secrets",
    group: "provider",
    run,
  });
  const tc3 = async (
    emu: RunningEmulator,
    o: { id: string; key: string; skewSeconds?: number; action?: string; body?: string },
  ) => {
    const timestamp = Math.floor(Date.now() / 1000) - (o.skewSeconds ?? 0);
    const body = o.body ?? "{}";
    const host = emu.url.replace("http://", "");
    const headers = { "content-type": "application/json", host };
    const signature = tc3Signature({
      secretKey: o.key,
      service: "cvm",
      timestamp,
      headers,
      signedHeaders: ["content-type", "host"],
      body,
    });
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const res = await fetch(emu.url, {
      method: "POST",
      body,
      headers: {
        ...headers,
        "x-tc-action": o.action ?? "RunInstances",
        "x-tc-version": "2017-03-12",
        "x-tc-region": "ap-guangzhou",
        "x-tc-timestamp": String(timestamp),
        authorization: `TC3-HMAC-SHA256 Credential=${o.id}/${date}/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      },
    });
    return ((await res.json()) as { Response: { Error?: { Code: string } } }).Response.Error?.Code ?? "OK";
  };
  const acs3 = async (emu: RunningEmulator, o: { id: string; key: string; skewMs?: number }) => {
    const query = new URLSearchParams({ RegionId: "cn-hangzhou" });
    const host = emu.url.replace("http://", "");
    const payloadHash = createHash("sha256").update("").digest("hex");
    const headers: Record<string, string> = {
      host,
      "x-acs-action": "ListInstances",
      "x-acs-content-sha256": payloadHash,
      "x-acs-date": new Date(Date.now() - (o.skewMs ?? 0)).toISOString().replace(/\.\d{3}Z$/, "Z"),
      "x-acs-signature-nonce": String(Math.random()).slice(2),
      "x-acs-version": "2020-06-01",
    };
    const signedHeaders = Object.keys(headers).sort();
    const signature = acs3Signature({
      secret: o.key,
      method: "POST",
      path: "/",
      query,
      headers,
      signedHeaders,
      payloadHash,
    });
    const res = await fetch(`${emu.url}/?${query}`, {
      method: "POST",
      headers: {
        ...headers,
        authorization: `ACS3-HMAC-SHA256 Credential=${o.id},SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`,
      },
    });
    return { status: res.status, code: ((await res.json()) as { Code?: string }).Code ?? "OK" };
  };
  const nothingHappened = async (emu: RunningEmulator) => {
    check((await emu.control.instances()).length === 0, "an instance was created");
    check((await emu.control.totalCalls()) === 0, "a refused request was counted as a call");
  };
  return [
    c(
      "TC3: a request signed with the right key is accepted (the control for the refusals below)",
      async (s) => {
        const { emu } = await s.provider();
        await emu.control.reset();
        const code = await tc3(emu, { id: TC_ID, key: TC_KEY, action: "DescribeZones" });
        check(code === "OK", `answered ${code}`);
        return "DescribeZones answered";
      },
    ),
    ...(
      [
        ["a wrong signature", { id: TC_ID, key: "not-the-key" }, "AuthFailure.SignatureFailure"],
        ["an unknown SecretId", { id: "AKIDUNKNOWNUNKNOWN", key: TC_KEY }, "AuthFailure.SecretIdNotFound"],
        [
          "a timestamp 6 minutes old",
          { id: TC_ID, key: TC_KEY, skewSeconds: 360 },
          "AuthFailure.SignatureExpire",
        ],
      ] as const
    ).map(([what, creds, expected]) =>
      c(`TC3: ${what} is refused (${expected}), nothing done`, async (s) => {
        const { emu } = await s.provider();
        await emu.control.reset();
        const code = await tc3(emu, creds);
        check(code === expected, `answered ${code}`);
        await nothingHappened(emu);
        return code;
      }),
    ),
    c(
      "ACS3: a request signed with the right key is accepted (the control for the refusals below)",
      async (s) => {
        const { emu } = await s.provider();
        await emu.control.reset();
        const r = await acs3(emu, { id: ALI_ID, key: ALI_KEY });
        check(r.status === 200, `answered ${r.status} ${r.code}`);
        return "ListInstances answered";
      },
    ),
    ...(
      [
        ["a wrong signature", { id: ALI_ID, key: "not-the-key" }, 400, "SignatureDoesNotMatch"],
        [
          "an unknown AccessKeyId",
          { id: "LTAIUNKNOWNUNKNOWN", key: ALI_KEY },
          404,
          "InvalidAccessKeyId.NotFound",
        ],
        [
          "a date 6 minutes old",
          { id: ALI_ID, key: ALI_KEY, skewMs: 360_000 },
          400,
          "InvalidTimeStamp.Expired",
        ],
      ] as const
    ).map(([what, creds, status, code]) =>
      c(`ACS3: ${what} is refused (${code}, HTTP ${status}), nothing done`, async (s) => {
        const { emu } = await s.provider();
        await emu.control.reset();
        const r = await acs3(emu, creds);
        check(r.status === status && r.code === code, `answered ${r.status} ${r.code}`);
        await nothingHappened(emu);
        return `${r.status} ${r.code}`;
      }),
    ),
    c("the emulator listens on 127.0.0.1 only: every other address of this machine refuses", async (s) => {
      const { emu } = await s.provider();
      check(/^http:\/\/127\.0\.0\.1:\d+$/.test(emu.url), `url ${emu.url}`);
      const others = ["127.0.0.2", "::1"];
      for (const list of Object.values(os.networkInterfaces()))
        for (const a of list ?? []) if (!a.internal) others.push(a.address);
      const connects = (host: string) =>
        new Promise<boolean>((resolve) => {
          const sock = net.connect({ host, port: emu.port });
          sock.setTimeout(1000);
          sock.once("connect", () => (sock.destroy(), resolve(true)));
          sock.once("error", () => resolve(false));
          sock.once("timeout", () => (sock.destroy(), resolve(false)));
        });
      check(await connects("127.0.0.1"), "127.0.0.1 does not answer");
      const open = [];
      for (const host of others) if (await connects(host)) open.push(host);
      check(open.length === 0, `also reachable on ${open.join(", ")}`);
      return `refused on ${others.join(", ")}`;
    }),
  ];
}

function wrongKeyCases(): Case[] {
  const c = (k: Kind, envKey: string, expected: RegExp): Case => ({
    name: "a wrong secret key: create fails at once with the cloud's code, nothing bought, the key in no message",
    resource: k.kind,
    category: "secrets",
    group: "provider",
    run: (s) =>
      providerCase(s, k, "wrong key", async (r) => {
        const wrong = `wrong-${k.service}-key-0f9e8d7c6b5a`;
        s.ev.passwords.add(wrong);
        const saved = process.env[envKey];
        process.env[envKey] = wrong;
        resetTencentClients();
        resetAlicloudClients();
        try {
          const err = await r.failing(() => r.p.create(r.inputs));
          const message = err instanceof Error ? err.message : String(err);
          check(expected.test(message), `the error: ${message}`);
          check(!message.includes(wrong), "the error shows the key");
          check((await r.emu.control.instances()).length === 0, "an instance was bought");
          return short(message, 160);
        } finally {
          process.env[envKey] = saved;
          resetTencentClients();
          resetAlicloudClients();
        }
      }),
  });
  const cvm = KINDS.find((k) => k.kind === "CvmInstance")!;
  const swas = KINDS.find((k) => k.kind === "SwasInstance")!;
  return [
    c(cvm, "TENCENTCLOUD_SECRET_KEY", /AuthFailure\.SignatureFailure/),
    c(swas, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", /SignatureDoesNotMatch/),
  ];
}

function finalScan(): Case {
  return {
    name: "no credential or password in any state file, provider text, log line or error message of the whole suite",
    resource: "all",
    category: "secrets",
    group: "final",
    run: async (s) => {
      // The engine path's emulators: what the providers in the hosts sent.
      for (const [kind, emu] of await (await s.engine()).emulators()) {
        await collectEmulatorLog(s.ev, emu, `${kind} engine`);
      }
      // The scan's own control: a planted password is found.
      const probe = new Evidence();
      probe.passwords.add("Planted@Pw123");
      probe.add("probe", "… password Planted@Pw123 …");
      check(probe.scan().length === 1, "the scan does not find a planted password");
      const hits = s.ev.scan();
      const kinds = new Map<string, number>();
      for (const item of s.ev.items) {
        const kind =
          /state file|provider text|provider std|emulator request log|error|provider log|check failures/.exec(
            item.source,
          )?.[0];
        kinds.set(kind ?? "other", (kinds.get(kind ?? "other") ?? 0) + 1);
      }
      const summary = [...kinds].map(([k, n]) => `${n} ${k}`).join(", ");
      check(
        hits.length === 0,
        `${hits.length} hit(s): ${hits
          .slice(0, 5)
          .map((h) => `${h.secret} in ${h.source} after "${h.excerpt}"`)
          .join("; ")}`,
      );
      // The scan must have had something to look at.
      for (const must of ["state file", "provider text", "emulator request log", "error", "provider log"]) {
        check((kinds.get(must) ?? 0) > 0, `nothing of kind "${must}" was scanned`);
      }
      return `${s.ev.secrets().length} secrets, ${s.ev.items.length} texts (${Math.round(s.ev.bytes() / 1024)} KB): ${summary}; 0 hits`;
    },
  };
}

// ---- all cases ---------------------------------------------------------------------------------

export const CASES: Case[] = [
  ...KINDS.flatMap(cloudFaultCases),
  ...KINDS.flatMap(badInputCases),
  ...KINDS.flatMap(processCases),
  ...emulatorCases(),
  ...wrongKeyCases(),
  finalScan(),
];
