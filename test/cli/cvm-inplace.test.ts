/**
 * CvmInstance's in-place changes under the real engine, in one stack: a password rotation and a
 * new instance type keep the ids; `running: false` stops the instance and `true` starts it again;
 * a new image reinstalls in place, unless `replaceOnChanges: ["imageId"]` asks for a new one
 * (the engine does not apply it to a dynamic resource: the diff does, from a hidden input).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Instance } from "pulumi-runinstances/emulator";
import type { CliResult, CliStack } from "../../cli/stack";
import { CliEnv, cliEnv, ok, opsOf } from "./support";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance } from "pulumi-runinstances";
const c = new pulumi.Config("vm");
const replaceOnChanges = c.get("replaceOnChanges");
const vm = new CvmInstance(
  "vm",
  {
    placement: { zone: "ap-guangzhou-3" },
    imageId: c.get("imageId") ?? "img-pmqg1cw7",
    instanceType: c.get("instanceType") ?? "S5.MEDIUM4",
    systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
    loginSettings: { password: c.requireSecret("password") },
    running: c.getBoolean("running") ?? true,
  },
  replaceOnChanges ? { replaceOnChanges: replaceOnChanges.split(",") } : {},
);
export const instanceIds = vm.instanceIds;
`;

const idsOf = (r: CliResult): string[] => (r.outputs?.instanceIds?.value as string[] | undefined) ?? [];

let env: CliEnv;
let stack: CliStack;
let program: string;
let ids: string[] = [];

const live = async (): Promise<Instance> =>
  (await env.emu.control.instances("cvm")).find((i) => i.id === ids[0])!;

beforeAll(async () => {
  env = await cliEnv();
  program = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-inplace-"));
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: cvm-inplace\nruntime: nodejs\n");
  fs.writeFileSync(path.join(program, "index.ts"), PROGRAM);
  stack = await env.stack({
    program,
    stack: "inplace",
    config: { "tencentcloud:region": "ap-guangzhou" },
    secretConfig: { "vm:password": "Old@Passw0rd" },
  });
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(program, { recursive: true, force: true });
});

/** One up after the config change: the resource's ops. */
async function upWith(plain: Record<string, string>, secret: Record<string, string> = {}) {
  await stack.setConfig(plain, secret);
  const r = ok(await stack.up());
  return { ops: opsOf(r).vm, ids: idsOf(r) };
}

describe("CvmInstance in place under the real engine", () => {
  it("up creates the instance", async () => {
    const r = ok(await stack.up());
    ids = idsOf(r);
    expect(ids).toHaveLength(1);
    expect((await live()).state).toBe("RUNNING");
  });

  it("a password rotation is an update that keeps the id", async () => {
    expect(await upWith({}, { "vm:password": "New@Passw0rd" })).toEqual({ ops: ["update"], ids });
    expect((await live()).attrs.Password).toBe("New@Passw0rd");
  });

  it("an instance type change of the running instance is an update that keeps the id", async () => {
    expect(await upWith({ "vm:instanceType": "S5.LARGE8" })).toEqual({ ops: ["update"], ids });
    const inst = await live();
    expect([inst.attrs.InstanceType, inst.state]).toEqual(["S5.LARGE8", "RUNNING"]);
  });

  it("running: false stops it, true starts it again", async () => {
    expect(await upWith({ "vm:running": "false" })).toEqual({ ops: ["update"], ids });
    expect((await live()).state).toBe("STOPPED");
    expect(await upWith({ "vm:running": "true" })).toEqual({ ops: ["update"], ids });
    expect((await live()).state).toBe("RUNNING");
  });

  it("a new image reinstalls in place; with replaceOnChanges imageId it replaces", async () => {
    expect(await upWith({ "vm:imageId": "img-dkwyg6sr" })).toEqual({ ops: ["update"], ids });
    expect((await live()).attrs.ImageId).toBe("img-dkwyg6sr");
    const replaced = await upWith({ "vm:imageId": "img-3wnd9xpl", "vm:replaceOnChanges": "imageId" });
    expect(replaced.ops).toEqual(["create-replacement", "replace", "delete-replaced"]);
    expect(replaced.ids).toHaveLength(1);
    expect(replaced.ids).not.toEqual(ids);
  });

  it("destroy ends it", async () => {
    ok(await stack.destroy());
    expect((await env.emu.control.instances("cvm")).filter((i) => i.state !== "TERMINATING")).toEqual([]);
  });
});
