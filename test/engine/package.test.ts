/**
 * The package as it is shipped: the emulator started by its CLI, the built package required from
 * the repository root, and the engine path with the package installed from its `npm pack`
 * tarball into a fresh directory outside the repository.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { createStack } from "../../harness";
import { CREDENTIALS, REPO } from "./support";

let cli: ChildProcess;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-package-"));

beforeAll(async () => {
  cli = spawn(
    process.execPath,
    [path.join(REPO, "dist", "emulator", "cli.js"), "--port", "0", "--boot-ms", "200"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    cli.stdout!.on("data", (d: Buffer) => {
      const m = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    cli.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
});
afterAll(() => {
  cli.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  RUNINSTANCES_ENDPOINT: url,
  TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
  TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
  TENCENTCLOUD_REGION: "ap-guangzhou",
  RUNINSTANCES_POLL_INTERVAL_MS: "50",
  RUNINSTANCES_QUIET: "1",
});

describe("the shipped package", () => {
  it("the emulator CLI serves the real SDK on 127.0.0.1 and reports call counts", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new CvmClient({
      credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
      region: "ap-guangzhou",
      profile: { httpProfile: { protocol: "http://", endpoint: url.replace("http://", "") } },
    });
    const { InstanceIdSet } = await client.RunInstances({
      Placement: { Zone: "ap-guangzhou-3" },
      ImageId: "img-pmqg1cw7",
    });
    const first = await client.DescribeInstances({ InstanceIds: InstanceIdSet });
    expect(first.InstanceSet![0].InstanceState).toBe("PENDING");
    await new Promise((r) => setTimeout(r, 300));
    const later = await client.DescribeInstances({ InstanceIds: InstanceIdSet });
    expect(later.InstanceSet![0].InstanceState).toBe("RUNNING");
    await expect(
      client.RunInstances({
        Placement: { Zone: "ap-guangzhou-3" },
        ImageId: "img-pmqg1cw7",
        InstanceName: "x".repeat(61),
      }),
    ).rejects.toMatchObject({ code: "InvalidInstanceName.TooLong" });
    const calls = (await (await fetch(`${url}/_emulator/calls`)).json()) as {
      calls: Record<string, { calls: number }>;
    };
    expect(calls.calls["cvm.RunInstances"].calls).toBe(2);
    await client.TerminateInstances({ InstanceIds: InstanceIdSet! });
  });

  it("require('pulumi-runinstances').providers.cvm runs check, create, update and delete from the repository root", () => {
    const script = `
      const { providers } = require("pulumi-runinstances");
      (async () => {
        const cvm = providers.cvm;
        const news = { __identity: "p/s/pkg", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7", instanceName: "pkg" };
        const checked = await cvm.check({}, news);
        if (checked.failures.length) throw new Error(JSON.stringify(checked.failures));
        const bad = await cvm.check({}, { ...news, instanceCount: 101 });
        const { id, outs } = await cvm.create(checked.inputs);
        const updated = await cvm.update(id, outs, { ...news, instanceName: "pkg-renamed" });
        await cvm.delete(id, updated.outs);
        console.log(JSON.stringify({ id, state: outs.instances[0].state, renamed: updated.outs.instances[0].instanceName, bad: bad.failures[0].property }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO, env: env() }).toString();
    expect(JSON.parse(out)).toEqual({
      id: expect.stringMatching(/^ins-/),
      state: "RUNNING",
      renamed: "pkg-renamed",
      bad: "instanceCount",
    });
  });

  it("installed from its npm pack tarball into a fresh directory, the example program runs through the engine path", async () => {
    const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", tmp], {
      cwd: REPO,
    })
      .toString()
      .trim()
      .split("\n")
      .pop()!;
    const project = path.join(tmp, "project");
    const modules = path.join(project, "node_modules");
    const installed = path.join(modules, "pulumi-runinstances");
    fs.mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(tmp, packed), "-C", installed, "--strip-components=1"]);
    // The package's dependencies, as an install would provide them (linked: the test runs offline).
    for (const dep of fs.readdirSync(path.join(REPO, "node_modules"))) {
      if (dep.startsWith(".") || dep === "pulumi-runinstances") continue;
      fs.symlinkSync(path.join(REPO, "node_modules", dep), path.join(modules, dep));
    }
    expect(
      fs.existsSync(path.join(installed, "dist", "provider", "tencentcloud", "cvm", "provider.js")),
    ).toBe(true);
    expect(fs.existsSync(path.join(installed, "test"))).toBe(false);
    for (const f of ["index.ts", "Pulumi.yaml", "package.json"]) {
      fs.copyFileSync(path.join(REPO, "examples", "cvm", f), path.join(project, f));
    }
    const stack = createStack({
      program: project,
      stack: "packed",
      stateDir: path.join(tmp, "state"),
      config: { "tencentcloud:region": "ap-guangzhou", "web:password": "Qcloud@TestApi123++" },
      env: env() as Record<string, string>,
    });
    try {
      const up = await stack.up();
      expect(up.error).toBeUndefined();
      expect(up.resources.map((r) => [r.name, r.op])).toEqual([["web", "create"]]);
      expect(up.outputs.instanceIds).toHaveLength(2);
      const text = stack.stateText();
      for (const c of [...CREDENTIALS, "Qcloud@TestApi123++", tmp, REPO]) expect(text).not.toContain(c);
      const destroy = await stack.destroy();
      expect(destroy.resources.map((r) => [r.name, r.op])).toEqual([["web", "delete"]]);
    } finally {
      stack.close();
    }
  });
});
