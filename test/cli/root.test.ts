/**
 * The root program (Pulumi.yaml + index.ts, every resource of the package; the demo's stack)
 * under the real engine: preview, up, a second up, an in-place update, the secrets scan, refresh
 * of an out-of-band change, a replacement created before the old instances end, and destroy.
 */
import { CliStack, steps } from "../../cli/stack";
import { CREDENTIALS, CliEnv, REPO, cliEnv, isRunning, logIndex, ok, opsOf, recordedIds } from "./support";

const PASSWORD = "Demo@Passw0rd!";
/** Resource name -> the emulator's service of its instances. */
const RESOURCES: Record<string, string> = {
  web: "cvm",
  legacy: "cvm",
  gpu: "hai",
  edge: "ecm",
  blog: "swas",
};
const every = (op: string) => Object.fromEntries(Object.keys(RESOURCES).map((n) => [n, [op]]));

let env: CliEnv;
let stack: CliStack;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  env = await cliEnv();
  stack = await env.stack({
    program: REPO,
    stack: "root",
    config: { "tencentcloud:region": "ap-guangzhou", "alicloud:region": "cn-hangzhou" },
    secretConfig: { "demo:password": PASSWORD },
  });
});
afterAll(() => env?.close());

const instancesOf = async (name: string) =>
  (await env.emu.control.instances(RESOURCES[name])).filter((i) => ids[name].includes(i.id));

describe("the root program under the real engine", () => {
  it("preview plans every create and makes no cloud call", async () => {
    const r = ok(await stack.preview());
    expect(opsOf(r)).toEqual(every("create"));
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("up creates every instance of every resource Running", async () => {
    const r = ok(await stack.up());
    expect(opsOf(r)).toEqual(every("create"));
    for (const name of Object.keys(RESOURCES)) {
      ids[name] = await recordedIds(stack, name);
      expect(ids[name].length).toBeGreaterThan(0);
      expect((await instancesOf(name)).every(isRunning)).toBe(true);
    }
    expect(r.outputs?.cvm?.value).toMatchObject({ instanceIds: ids.web });
  });

  it("a second up changes nothing (expectNoChanges)", async () => {
    expect(opsOf(ok(await stack.up({ expectNoChanges: true })))).toEqual(every("same"));
  });

  it("an in-place rename updates only that resource and keeps its ids", async () => {
    await stack.setConfig({ "demo:webName": "site-{R:1}" });
    const r = ok(await stack.up());
    expect(opsOf(r)).toEqual({ ...every("same"), web: ["update"] });
    expect(await recordedIds(stack, "web")).toEqual(ids.web);
    expect((await instancesOf("web")).every((i) => i.name.startsWith("site-"))).toBe(true);
  });

  it("the state on disk and the export hold no password and no credential", async () => {
    for (const text of [stack.stateText(), await stack.exportText()]) {
      for (const s of [...CREDENTIALS, PASSWORD]) expect(text).not.toContain(s);
    }
  });

  it("refresh reads an out-of-band rename, and the next preview shows the drift", async () => {
    await env.emu.control.modifyInstance(ids.edge[0], { name: "renamed-out-of-band" });
    ok(await stack.refresh());
    expect(opsOf(ok(await stack.preview()))).toEqual({ ...every("same"), edge: ["update"] });
    expect(opsOf(ok(await stack.up()))).toEqual({ ...every("same"), edge: ["update"] });
  });

  it("a replacement buys the new instances before it terminates the old ones, at the end of the deployment", async () => {
    const runsBefore = (await logIndex(env, "cvm", "RunInstances")).length;
    await stack.setConfig({ "demo:webZone": "ap-guangzhou-4" });
    const r = ok(await stack.up());
    expect(opsOf(r).web).toEqual(["create-replacement", "replace", "delete-replaced"]);
    const order = steps(r).map(([, op]) => op);
    expect(order.indexOf("delete-replaced")).toBe(order.length - 1);
    const fresh = await recordedIds(stack, "web");
    expect(fresh.filter((i) => ids.web.includes(i))).toEqual([]);
    const runs = (await logIndex(env, "cvm", "RunInstances")).slice(runsBefore);
    const log = await env.emu.control.log();
    const terminations = log.flatMap((e, i) =>
      e.action === "TerminateInstances" && ids.web.some((id) => JSON.stringify(e.params).includes(id))
        ? [i]
        : [],
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(terminations.length).toBeGreaterThan(0);
    expect(Math.max(...runs)).toBeLessThan(Math.min(...terminations));
  });

  it("destroy leaves nothing running in any service", async () => {
    const r = ok(await stack.destroy());
    expect(opsOf(r)).toEqual(every("delete"));
    for (const service of new Set(Object.values(RESOURCES))) {
      expect((await env.emu.control.instances(service)).filter(isRunning)).toEqual([]);
    }
  });
});
