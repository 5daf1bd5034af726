/**
 * The real-engine cases of one resource kind, run by `pulumi` itself against the emulator:
 * its example through preview, up, a second up, an in-place update, the secrets scan, refresh
 * of an out-of-band change, a replacement and destroy; then a bad argument, a launch failure,
 * and SIGKILL of the CLI during a create, an update and a delete (with and without its plugins).
 */
import * as path from "node:path";
import type { Instance } from "pulumi-runinstances/emulator";
import { CliResult, CliStack, Op, descendantsOf, processGroupOf } from "../../cli/stack";
import type { Kind } from "./kinds";
import {
  CREDENTIALS,
  CliEnv,
  REPO,
  cliEnv,
  isRunning,
  liveInstances,
  ok,
  opsOf,
  recordedIds,
  until,
} from "./support";

const idsOf = (r: CliResult): string[] => (r.outputs?.instanceIds?.value as string[] | undefined) ?? [];

/** The secret signature of a property value in a Pulumi state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export function kindSuite(k: Kind): void {
  let env: CliEnv;
  const program = path.join(REPO, "examples", k.example);
  const leftovers: number[] = [];
  beforeAll(async () => {
    env = await cliEnv();
  });
  afterAll(async () => {
    // Provider hosts a SIGKILL left behind (their CLI is gone, so nobody else ends them).
    for (const g of leftovers) killGroup(g);
    await env?.close();
  });

  const newStack = (name: string, config: Record<string, string> = {}) =>
    env.stack({
      program,
      stack: name,
      config: { ...k.config, ...config },
      secretConfig: k.secretConfig,
    });
  const inService = async (ids: string[]) =>
    (await env.emu.control.instances(k.service)).filter((i) => ids.includes(i.id));
  /** Exactly the requested servers, all recorded, none orphaned, all Running. */
  const converged = async (stack: CliStack, count: number) => {
    const recorded = await recordedIds(stack, k.resource);
    const live = (await liveInstances(env, k.service)).map((i) => i.id);
    expect([...live].sort()).toEqual([...recorded].sort());
    expect(recorded).toHaveLength(count);
    expect((await inService(recorded)).every(isRunning)).toBe(true);
    return recorded;
  };

  describe(`examples/${k.example}`, () => {
    let stack: CliStack;
    let ids: string[] = [];

    beforeAll(async () => {
      await env.emu.control.reset();
      stack = await newStack("example");
    });

    it("preview plans the create and makes no cloud call", async () => {
      const before = await env.emu.control.totalCalls();
      const r = ok(await stack.preview());
      expect(opsOf(r)).toEqual({ [k.resource]: ["create"] });
      expect(await env.emu.control.totalCalls()).toBe(before);
    });

    it("up creates every instance Running, and its progress lines reach the CLI's output", async () => {
      const r = ok(await stack.up());
      expect(opsOf(r)).toEqual({ [k.resource]: ["create"] });
      ids = idsOf(r);
      expect(ids).toHaveLength(k.count);
      expect((await inService(ids)).map((i) => i.state).every((s) => /^running$/i.test(s))).toBe(true);
      expect(r.output).toMatch(k.progress);
    });

    it("a second up changes nothing (expectNoChanges)", async () => {
      const r = ok(await stack.up({ expectNoChanges: true }));
      expect(opsOf(r)).toEqual({ [k.resource]: ["same"] });
    });

    it("an in-place change updates the instances and keeps their ids", async () => {
      await stack.setConfig(k.inPlace.config);
      const r = ok(await stack.up());
      expect(opsOf(r)).toEqual({ [k.resource]: ["update"] });
      expect(idsOf(r)).toEqual(ids);
      expect(k.inPlace.done(await inService(ids))).toBe(true);
    });

    it("the state on disk and the export hold no password and no credential; the password output is secret", async () => {
      const secrets = [...CREDENTIALS, ...(k.password ? [k.password.value] : [])];
      const texts = [stack.stateText(), await stack.exportText()];
      for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
      const d = await stack.exportStack();
      const res = d.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${k.resource}`));
      // The package is installed under node_modules: the provider text is a require of the shim.
      for (const props of [res.inputs, res.outputs]) {
        expect(props.__provider).toMatch(
          /require\("pulumi-runinstances\/(dist\/)?provider\/[a-z]+\/[a-z-]+\/shim(\.js)?"\)/,
        );
        expect(props.__provider.length).toBeLessThan(600);
      }
      if (k.password) {
        expect(res.outputs[k.password.output][SECRET_SIG]).toBeDefined();
        expect(JSON.stringify(res.outputs[k.password.output])).toContain(k.password.value);
      }
    });

    it("refresh reads an out-of-band change, and the next preview shows the drift", async () => {
      await k.drift(env, ids);
      const refreshed = ok(await stack.refresh());
      expect(refreshed.summary?.result).toBe("succeeded");
      const r = ok(await stack.preview());
      expect(opsOf(r)).toEqual({ [k.resource]: ["update"] });
      expect(opsOf(ok(await stack.up()))).toEqual({ [k.resource]: ["update"] });
    });

    it("a replacement buys the new instances before it ends the old ones, at the end of the deployment", async () => {
      const logBefore = (await env.emu.control.log()).length;
      await stack.setConfig(k.replace.config);
      const r = ok(await stack.up());
      const ops = opsOf(r)[k.resource];
      expect(ops).toEqual(["create-replacement", "replace", "delete-replaced"]);
      const fresh = idsOf(r);
      expect(fresh).toHaveLength(k.replace.count);
      expect(fresh.filter((i) => ids.includes(i))).toEqual([]);
      const log = await env.emu.control.log();
      const creates = log.flatMap((e, i) =>
        i >= logBefore && e.service === k.service && e.action === k.actions.create ? [i] : [],
      );
      const ends = log.flatMap((e, i) =>
        i >= logBefore &&
        e.service === k.service &&
        k.actions.delete.test(e.action) &&
        ids.some((id) => JSON.stringify(e.params).includes(id))
          ? [i]
          : [],
      );
      expect(creates.length).toBeGreaterThan(0);
      expect(ends.length).toBeGreaterThan(0);
      expect(Math.max(...creates)).toBeLessThan(Math.min(...ends));
      const old = await inService(ids);
      if (k.afterDelete === "gone") expect(old.filter((i) => !/TERMINAT/.test(i.state))).toEqual([]);
      else expect(old.every((i) => i.state === "Stopped")).toBe(true);
      expect((await inService(fresh)).every(isRunning)).toBe(true);
      ids = fresh;
    });

    it("destroy leaves nothing running", async () => {
      const r = ok(await stack.destroy());
      expect(opsOf(r)).toEqual({ [k.resource]: ["delete"] });
      expect((await env.emu.control.instances(k.service)).filter(isRunning)).toEqual([]);
    });
  });

  it("a bad argument fails the up with the property, the rule and the document, and no cloud call", async () => {
    await env.emu.control.reset();
    const stack = await newStack("bad", k.bad.config);
    const r = await stack.up();
    expect(r.ok).toBe(false);
    expect(r.output).toContain(k.bad.property);
    expect(r.output).toMatch(k.bad.rule);
    expect(r.output).toMatch(k.bad.doc);
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("a launch failure is recorded with its instance ids and init errors; the next up converges without buying extra", async () => {
    await env.emu.control.reset();
    await env.emu.control.instanceFaults({ launchFailures: { [k.service]: 1 } });
    const stack = await newStack("launch-failure");
    const failed = await stack.up();
    expect(failed.ok).toBe(false);
    const d = await stack.exportStack();
    const res = d.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${k.resource}`));
    expect(res.id.split(",")).toHaveLength(k.count);
    expect(res.outputs.instanceIds).toHaveLength(k.count);
    expect(res.initErrors?.length).toBeGreaterThan(0);
    if (k.launchFailureOptIn) await stack.setConfig(k.launchFailureOptIn);
    const r = ok(await stack.up());
    expect(opsOf(r)).toEqual({ [k.resource]: ["update"] });
    await converged(stack, k.count);
  });

  describe.each([
    ["its plugins' process group is killed too", true],
    ["only the CLI is killed: the provider host lives on", false],
  ])("SIGKILL of pulumi, %s", (_title, group) => {
    // A provider host left behind has had the whole case to finish its work: end it before the next.
    afterEach(() => leftovers.splice(0).forEach(killGroup));
    /** Starts `op`, waits until `trigger` holds, SIGKILLs the CLI (and the plugins' group), waits for it to end. */
    const killDuring = async (stack: CliStack, op: Op, trigger: () => Promise<boolean>) => {
      const run = stack.start(op);
      const pid = await run.pulumiPid();
      await until(`${op} to reach the cloud`, trigger);
      const groups = [...new Set(descendantsOf(pid).map(processGroupOf))].filter(
        (g): g is number => g !== undefined && g !== process.pid && g !== processGroupOf(process.pid),
      );
      process.kill(pid, "SIGKILL");
      if (group) groups.forEach(killGroup);
      else leftovers.push(...groups);
      const r = await run.result;
      expect(r.ok).toBe(false);
      // The next command finds the stack locked until `pulumi cancel`.
      const locked = await (op === "destroy" ? stack.destroy() : stack.up());
      expect(locked.ok).toBe(false);
      expect(locked.output).toMatch(/locked/);
      const cancel = await stack.cancel();
      expect(cancel.code).toBe(0);
    };
    const called = (action: string | RegExp, after: number) => async () =>
      (await env.emu.control.log()).filter(
        (e) =>
          e.service === k.service &&
          (typeof action === "string" ? e.action === action : action.test(e.action)),
      ).length > after;
    const countOf = async (action: string | RegExp) =>
      (await env.emu.control.log()).filter(
        (e) =>
          e.service === k.service &&
          (typeof action === "string" ? e.action === action : action.test(e.action)),
      ).length;

    it("during a create: cancel, up again, exactly the requested servers, none orphaned", async () => {
      await env.emu.control.reset();
      await env.emu.control.settings({ bootMs: 2000 });
      const stack = await newStack(`kill-create-${group ? "group" : "cli"}`);
      await killDuring(stack, "up", called(k.actions.create, 0));
      await env.emu.control.settings({ bootMs: 300 });
      const r = ok(await stack.up());
      expect(r.output).toMatch(/pending operations/);
      await converged(stack, k.count);
    });

    it("during an update: cancel, up again, the change made, none orphaned", async () => {
      await env.emu.control.reset();
      const stack = await newStack(`kill-update-${group ? "group" : "cli"}`);
      ok(await stack.up());
      await env.emu.control.settings({ bootMs: 2000, transitionMs: 2000 });
      await stack.setConfig(k.killUpdate.config);
      await killDuring(stack, "up", called(k.killUpdate.action, await countOf(k.killUpdate.action)));
      await env.emu.control.settings({ bootMs: 300, transitionMs: 100 });
      ok(await stack.up());
      const recorded = await recordedIds(stack, k.resource);
      expect(recorded).toHaveLength(k.killUpdate.count);
      const live = (await liveInstances(env, k.service)).map((i) => i.id);
      expect([...live].sort()).toEqual([...recorded].sort());
      expect(k.killUpdate.done(await inService(recorded))).toBe(true);
    });

    it("during a delete: cancel, destroy again, nothing left", async () => {
      await env.emu.control.reset();
      const stack = await newStack(`kill-delete-${group ? "group" : "cli"}`);
      const ids = idsOf(ok(await stack.up()));
      await env.emu.control.settings({ terminateMs: 2000, transitionMs: 2000 });
      await killDuring(stack, "destroy", called(k.actions.delete, await countOf(k.actions.delete)));
      await env.emu.control.settings({ terminateMs: 200, transitionMs: 100 });
      const r = ok(await stack.destroy());
      expect(r.summary?.result).toBe("succeeded");
      expect(await recordedIds(stack, k.resource)).toEqual([]);
      const left: Instance[] = await inService(ids);
      if (k.afterDelete === "gone") expect(left.filter((i) => !/TERMINAT/.test(i.state))).toEqual([]);
      else expect(left.filter(isRunning)).toEqual([]);
    });
  });
}

function killGroup(g: number): void {
  try {
    process.kill(-g, "SIGKILL");
  } catch {
    // already gone
  }
}
