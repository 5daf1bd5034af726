/**
 * Every example program through the engine path against the emulator: preview makes no cloud
 * call, up creates Running instances, a second up does nothing, an in-place change updates,
 * refresh reads, destroy leaves nothing running; no secret or credential in the state.
 */
import * as path from "node:path";
import { OperationResult } from "../harness";
import { engineEnv, EngineEnv, REPO, CREDENTIALS } from "./support";

interface Example {
  dir: string;
  service: string;
  config: Record<string, string>;
  /** A config change the resource makes in place. */
  inPlace: Record<string, string>;
  password: string;
}

const EXAMPLES: Example[] = [
  {
    dir: "swas",
    service: "swas",
    config: { "alicloud:region": "cn-hangzhou", "blog:password": "Blog@Passw0rd" },
    inPlace: { "blog:name": "blog-renamed", "blog:planId": "swas.s2.c2m2s40b3t08" },
    password: "Blog@Passw0rd",
  },
  {
    dir: "ecm",
    service: "ecm",
    config: { "edge:password": "Edge@Passw0rd" },
    inPlace: { "edge:name": "edge-renamed-{R:1}" },
    password: "Edge@Passw0rd",
  },
  {
    dir: "hai",
    service: "hai",
    config: {},
    inPlace: { "gpu:running": "false", "gpu:diskSize": "120" },
    password: "",
  },
  {
    dir: "cvm-hourly",
    service: "cvm",
    config: { "legacy:password": "Legacy@123" },
    inPlace: { "legacy:name": "legacy-renamed", "legacy:goodsNum": "2" },
    password: "Legacy@123",
  },
];

let env: EngineEnv;
beforeAll(async () => {
  env = await engineEnv();
});
afterAll(() => env.close());
beforeEach(() => env.emu.control.reset());

const ops = (r: OperationResult) => r.resources.map((x) => x.op);
const running = async (service: string) =>
  (await env.emu.control.instances(service)).filter((i) => /^running$/i.test(i.state));

describe.each(EXAMPLES.map((e) => [e.dir, e] as const))("examples/%s through the engine path", (_dir, ex) => {
  it("previews with no cloud call, creates, stays the same, updates in place, refreshes and destroys", async () => {
    const program = path.join(REPO, "examples", ex.dir);
    const stack = env.stack(program, { stack: `ex-${ex.dir}`, config: ex.config });
    const preview = await stack.preview();
    expect(preview.error).toBeUndefined();
    expect(ops(preview)).toEqual(["create"]);
    expect(await env.emu.control.totalCalls()).toBe(0);

    const up = await stack.up();
    expect(up.resources.map((r) => r.error).filter(Boolean)).toEqual([]);
    expect(ops(up)).toEqual(["create"]);
    const count = (await running(ex.service)).length;
    expect(count).toBeGreaterThan(0);
    expect(ops(await stack.up())).toEqual(["same"]);

    const changed = env.stack(program, { stack: `ex-${ex.dir}`, config: { ...ex.config, ...ex.inPlace } });
    const update = await changed.up();
    expect(update.resources.map((r) => r.error).filter(Boolean)).toEqual([]);
    expect(ops(update)).toEqual(["update"]);

    const refresh = await changed.refresh();
    expect(refresh.failed).toBe(false);

    const text = changed.stateText();
    for (const s of [...CREDENTIALS, ex.password].filter(Boolean)) expect(text).not.toContain(s);

    const destroy = await changed.destroy();
    expect(ops(destroy)).toEqual(["delete"]);
    expect(await running(ex.service)).toEqual([]);
  });
});
