/**
 * Adoption under the real engine: instances bought through the SDK outside Pulumi are adopted by
 * `pulumi up` (no RunInstances), renamed by the next `up`, and terminated by `pulumi destroy`; a
 * second stack that adopts the same ids is refused, naming the first, with no mutating call. With
 * `retainOnDelete`, destroy keeps them; once their owner mark is deleted the second stack adopts
 * them, and its destroy terminates them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import type { CliStack } from "../../cli/stack";
import { operation } from "../../provider/core/context";
import { tencentTarget } from "../../provider/tencentcloud/client";
import * as cvm from "../../provider/tencentcloud/cvm/api";
import { emulatorRuntime, pointAtEmulator } from "../../reliability/provider-env";
import { CliEnv, cliEnv, ok, opsOf, recordedIds } from "./support";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance } from "pulumi-runinstances";
const c = new pulumi.Config("adopt");
const ids = c.requireObject<string[]>("ids");
new CvmInstance(
  "fleet",
  {
    placement: { zone: "ap-guangzhou-3" },
    imageId: "img-pmqg1cw7",
    instanceCount: ids.length,
    instanceName: c.get("name") ?? "legacy-{R:1}",
    adoptInstanceIds: ids,
  },
  { retainOnDelete: c.getBoolean("retain") ?? false },
);
`;

let env: CliEnv;
let program: string;
let first: CliStack;
let ids: string[] = [];
let restore = () => {};

/** Actions that change something (not describes), summed. */
const mutating = async () =>
  Object.entries(await env.emu.control.calls())
    .filter(([k]) => !/\.(Describe|Get|Inquir)/.test(k))
    .reduce((n, [, v]) => n + v.calls, 0);

const live = async () => (await env.emu.control.instances("cvm")).filter((i) => ids.includes(i.id));

beforeAll(async () => {
  env = await cliEnv();
  program = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-"));
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: adopt\nruntime: nodejs\n");
  fs.writeFileSync(path.join(program, "index.ts"), PROGRAM);
  // Bought outside Pulumi: RunInstances through the SDK, as a console or a script would.
  restore = pointAtEmulator(
    env.emu,
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
  );
  const op = operation(emulatorRuntime(env.emu, []), "buying outside Pulumi", 60_000);
  ids = await cvm.runInstances(op, tencentTarget("ap-guangzhou"), {
    Placement: { Zone: "ap-guangzhou-3" },
    ImageId: "img-pmqg1cw7",
    InstanceCount: 2,
    InstanceName: "bought",
  });
  const config = { "tencentcloud:region": "ap-guangzhou", "adopt:ids": JSON.stringify(ids) };
  first = await env.stack({ program, stack: "first", config });
});
afterAll(async () => {
  restore();
  await env?.close();
  fs.rmSync(program, { recursive: true, force: true });
});

describe("adoptInstanceIds under the real engine", () => {
  it("up adopts the instances: no RunInstances, the owner mark on each, the names of the program", async () => {
    const runs = await env.emu.control.callCount("cvm", "RunInstances");
    const r = ok(await first.up());
    expect(opsOf(r).fleet).toEqual(["create"]);
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(runs);
    expect(await recordedIds(first, "fleet")).toEqual(ids);
    const named = (await live()).map((i) => [i.name, i.state, i.tags["pulumi:owner"]]).sort();
    expect(named).toEqual([
      ["legacy-1", "RUNNING", "adopt/first/fleet"],
      ["legacy-2", "RUNNING", "adopt/first/fleet"],
    ]);
  });

  it("the next up renames them in place", async () => {
    await first.setConfig({ "adopt:name": "web-{R:1}" });
    const r = ok(await first.up());
    expect(opsOf(r).fleet).toEqual(["update"]);
    expect(await recordedIds(first, "fleet")).toEqual(ids);
    expect((await live()).map((i) => i.name).sort()).toEqual(["web-1", "web-2"]);
  });

  let second: CliStack;
  it("a second stack adopting the same ids is refused, naming the first, with no mutating call", async () => {
    second = await env.stack({
      program,
      stack: "second",
      config: { "tencentcloud:region": "ap-guangzhou", "adopt:ids": JSON.stringify(ids) },
    });
    const before = await mutating();
    const r = await second.up();
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("is held by another resource: pulumi:owner is adopt/first/fleet");
    expect(await mutating()).toBe(before);
    expect(await recordedIds(second, "fleet")).toEqual([]);
  });

  it("with retainOnDelete, destroy keeps them", async () => {
    await first.setConfig({ "adopt:retain": "true" });
    ok(await first.up());
    const terminations = await env.emu.control.callCount("cvm", "TerminateInstances");
    ok(await first.destroy());
    expect(await env.emu.control.callCount("cvm", "TerminateInstances")).toBe(terminations);
    expect((await live()).map((i) => i.state)).toEqual(["RUNNING", "RUNNING"]);
  });

  it("once the owner mark is deleted, the second stack adopts them; its destroy terminates them", async () => {
    const op = operation(emulatorRuntime(env.emu, []), "untagging outside Pulumi", 60_000);
    for (const id of ids) await cvm.modifyTags(op, tencentTarget("ap-guangzhou"), id, {}, ["pulumi:owner"]);
    const r = ok(await second.up());
    expect(opsOf(r).fleet).toEqual(["create"]);
    expect((await live()).map((i) => i.tags["pulumi:owner"])).toEqual([
      "adopt/second/fleet",
      "adopt/second/fleet",
    ]);
    ok(await second.destroy());
    expect((await live()).filter((i) => !/TERMINATING|SHUTDOWN/.test(i.state))).toEqual([]);
  });
});
