/**
 * CvmInstance the way users meet it: examples/cvm run through the harness, which drives the
 * real @pulumi/pulumi dynamic-provider host over gRPC like the Pulumi engine does.
 */
import * as path from "node:path";
import { OperationResult } from "../harness";
import { engineEnv, EngineEnv, REPO, CREDENTIALS } from "./support";

const program = path.join(REPO, "examples", "cvm");
const PASSWORD = "Qcloud@TestApi123++";
let env: EngineEnv;

beforeAll(async () => {
  env = await engineEnv();
});
afterAll(() => env.close());
beforeEach(() => env.emu.control.reset());

const ops = (r: OperationResult) => Object.fromEntries(r.resources.map((x) => [x.name, x.op]));
const running = async () => (await env.emu.control.instances("cvm")).filter((i) => i.state === "RUNNING");

describe("CvmInstance through the engine path", () => {
  it("previews a new stack without a single cloud call", async () => {
    const stack = env.stack(program, { config: { "web:password": PASSWORD } });
    const r = await stack.preview();
    expect(r.failed).toBe(false);
    expect(ops(r)).toEqual({ web: "create" });
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("creates, does nothing on a second up, renames in place, replaces on a zone change, refreshes and destroys", async () => {
    const config = { "web:password": PASSWORD, "web:name": "web-{R:1}" };
    const stack = env.stack(program, { stack: "lifecycle", config });
    const up = await stack.up();
    expect(up.error).toBeUndefined();
    expect(ops(up)).toEqual({ web: "create" });
    expect(up.outputs.instanceIds).toHaveLength(2);
    expect((up.outputs.publicIps as string[]).every((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
    expect(await running()).toHaveLength(2);
    expect(up.events.some((e) => e.type === "provider-output" && /RUNNING/.test(e.line))).toBe(true);

    const again = await stack.up();
    expect(ops(again)).toEqual({ web: "same" });

    const renamed = env.stack(program, {
      stack: "lifecycle",
      config: { ...config, "web:name": "api-{R:1}" },
    });
    const rename = await renamed.up();
    expect(ops(rename)).toEqual({ web: "update" });
    expect((await running()).map((i) => i.name).sort()).toEqual(["api-1", "api-2"]);
    expect(rename.outputs.instanceIds).toEqual(up.outputs.instanceIds);

    const moved = env.stack(program, {
      stack: "lifecycle",
      config: { ...config, "web:name": "api-{R:1}", "web:zone": "ap-guangzhou-4" },
    });
    const replace = await moved.up();
    expect(ops(replace)).toEqual({ web: "replace" });
    expect(replace.outputs.instanceIds).not.toEqual(up.outputs.instanceIds);
    // The new instances were created before the old ones were terminated.
    const log = await env.emu.control.log({ service: "cvm" });
    const lastRun = log.map((e) => e.action).lastIndexOf("RunInstances");
    const firstTerminate = log.map((e) => e.action).indexOf("TerminateInstances");
    expect(lastRun).toBeLessThan(firstTerminate);
    const live = await running();
    expect(live.map((i) => i.zone)).toEqual(["ap-guangzhou-4", "ap-guangzhou-4"]);

    const [first] = replace.outputs.instanceIds as string[];
    await env.emu.control.modifyInstance(first, { name: "changed-out-of-band" });
    const refresh = await moved.refresh();
    const refreshed = moved.state().resources.find((r) => r.name === "web")!;
    expect(refresh.failed).toBe(false);
    expect(JSON.stringify(refreshed.outputs)).toContain("changed-out-of-band");

    const destroy = await moved.destroy();
    expect(ops(destroy)).toEqual({ web: "delete" });
    expect(await running()).toEqual([]);
    expect(moved.state().resources).toEqual([]);
  });

  it("records a launch failure as a partial failure, and the next up converges", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const stack = env.stack(program, { config: { "web:password": PASSWORD } });
    const first = await stack.up();
    expect(ops(first)).toEqual({ web: "failed" });
    expect(first.resources[0].error).toMatch(/LAUNCH_FAILED/);
    const recorded = stack.state().resources.find((r) => r.name === "web")!;
    expect(recorded.initErrors?.[0]).toMatch(/LAUNCH_FAILED/);
    expect(String(recorded.id).split(",")).toHaveLength(2);

    const second = await stack.up();
    expect(ops(second)).toEqual({ web: "update" });
    expect(await running()).toHaveLength(2);
    expect((await env.emu.control.instances("cvm")).filter((i) => i.state === "LAUNCH_FAILED")).toEqual([]);
    await stack.destroy();
  });

  it.each([["environment"], ["stack config"]])(
    "keeps the password secret and every credential (from the %s) out of the state and the provider text",
    async (where) => {
      const stack = env.stack(program, {
        config: { "web:password": PASSWORD },
        credentialsInConfig: where === "stack config",
      });
      await stack.up();
      const text = stack.stateText();
      expect(text).not.toContain(PASSWORD);
      for (const c of CREDENTIALS) expect(text).not.toContain(c);
      const web = stack.state().resources.find((r) => r.name === "web")!;
      expect(web.secretOutputs ?? []).toContain("loginSettings");
      await stack.destroy();
    },
  );

  it("writes a small provider text, the same for every CvmInstance, with no absolute path", async () => {
    const stack = env.stack(program, { config: { "web:password": PASSWORD } });
    const r = await stack.preview();
    const texts = r.registrations.filter((reg) => reg.custom).map((reg) => String(reg.inputs.__provider));
    expect(texts[0].length).toBeLessThan(4096);
    expect(texts[0]).toContain('"pulumi-runinstances/provider/tencentcloud/cvm/provider"');
    expect(texts[0]).not.toContain(REPO);
    expect(texts[0]).not.toMatch(/\/(home|root|tmp|work|Users)\//);
    for (const c of CREDENTIALS) expect(texts[0]).not.toContain(c);
    const other = env.stack(program, {
      config: { "web:password": "Other@Pass123", "web:zone": "ap-guangzhou-2" },
    });
    const r2 = await other.preview();
    expect(String(r2.registrations.find((reg) => reg.custom)!.inputs.__provider)).toBe(texts[0]);
  });
});
