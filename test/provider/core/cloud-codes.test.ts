/**
 * Documented error codes (GUIDE section 6: tencentcloud-sdk-go client.go lists them per action),
 * returned by the emulator under their conditions or injected, and what the provider does with
 * each: retry, fail with what the user can do, count a failed launch as gone, wait for an operation
 * already under way, count an instance the cloud does not know as gone.
 */
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { makeHaiProvider } from "../../../provider/tencentcloud/hai/provider";
import { InitFailedError } from "../../../provider/core/errors";
import { RateLimiter } from "../../../provider/core/ratelimit";
import { PollerRegistry } from "../../../provider/core/poller";
import type { Runtime } from "../../../provider/core/context";
import { failNext, useTestEnv } from "../../support/env";
import { webCvm } from "../tencentcloud/support";

const env = useTestEnv();

type Props = Record<string, unknown>;
const cvmInputs = (extra: Props = {}) => webCvm({ instanceName: "web", ...extra });
const PREPAID = { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } };

async function createCvm(extra: Props = {}) {
  const cvm = makeCvmProvider(env.rt);
  const checked = await cvm.check({}, cvmInputs(extra));
  expect(checked.failures).toEqual([]);
  const r = await cvm.create(checked.inputs);
  return { cvm, id: r.id, outs: r.outs as Props, ids: r.id.split(",") };
}
const cvmStates = async () => (await env.emu.control.instances("cvm")).map((i) => i.state);

describe("CVM MutexOperation.TaskRunning: another operation is running, so retry", () => {
  it("from ModifyInstancesAttribute", async () => {
    const { cvm, id, outs } = await createCvm();
    await failNext(env, "cvm", "ModifyInstancesAttribute", "MutexOperation.TaskRunning", 2);
    const { outs: updated } = await cvm.update(id, outs, cvmInputs({ instanceName: "api" }));
    expect((updated.instances as Array<{ instanceName: string }>)[0].instanceName).toBe("api");
  });

  it("from TerminateInstances", async () => {
    const { cvm, id, outs } = await createCvm();
    await failNext(env, "cvm", "TerminateInstances", "MutexOperation.TaskRunning", 2);
    await cvm.delete(id, outs);
    expect(await env.emu.control.instances("cvm")).toEqual([]);
  });
});

describe("CVM prepaid instances that cannot be returned: the delete fails, naming them and what to do", () => {
  it("FailedOperation.Unreturnable", async () => {
    const { cvm, id, outs, ids } = await createCvm({ ...PREPAID, instanceCount: 2 });
    await env.emu.control.addFault({
      service: "cvm",
      action: "TerminateInstances",
      code: "FailedOperation.Unreturnable",
      message: "The instance cannot be returned.",
    });
    const err = String(await cvm.delete(id, outs).catch((e: unknown) => e));
    for (const i of ids) expect(err).toContain(i);
    expect(err).toMatch(/FailedOperation\.Unreturnable/);
    expect(err).toMatch(/cannot be returned early.*expire.*pulumi state delete/s);
    expect(await cvmStates()).toEqual(["RUNNING", "RUNNING"]);
  });

  it("LimitExceeded.UserReturnQuota", async () => {
    await env.emu.control.settings({ prepaidReturnQuota: 0 });
    const { cvm, id, outs, ids } = await createCvm(PREPAID);
    const err = String(await cvm.delete(id, outs).catch((e: unknown) => e));
    expect(err).toContain(ids[0]);
    expect(err).toMatch(/LimitExceeded\.UserReturnQuota/);
    expect(err).toMatch(/quota.*expire.*pulumi state delete/s);
    expect(await cvmStates()).toEqual(["RUNNING"]);
  });
});

describe("CVM UnsupportedOperation.InstanceStateLaunchFailed: a failed launch is not terminated, it counts as gone", () => {
  async function launchFailed(p: { create(i: Props): Promise<unknown> }, inputs: Props) {
    await env.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const f = await p.create(inputs).catch((e: unknown) => e);
    expect(f).toBeInstanceOf(InitFailedError);
    return f as InitFailedError;
  }

  it("CvmInstance: the next update replaces it, and a delete of the recorded set succeeds", async () => {
    const cvm = makeCvmProvider(env.rt);
    const inputs = cvmInputs({ instanceCount: 2 });
    const f = await launchFailed(cvm, inputs);
    const { outs } = await cvm.update(f.id, f.properties, inputs);
    expect((outs.instances as Array<{ state: string }>).map((i) => i.state)).toEqual(["RUNNING", "RUNNING"]);
    expect(env.logs.some((l) => /failed to launch/.test(l))).toBe(true);

    const again = await launchFailed(cvm, cvmInputs({ __identity: "proj/dev/other", instanceCount: 2 }));
    await cvm.delete(again.id, again.properties);
  });

  it("CvmHourlyInstance: the next update replaces it", async () => {
    const hourly = makeCvmHourlyProvider(env.rt);
    const inputs = {
      __identity: "proj/dev/CvmHourlyInstance/legacy",
      zoneId: 100001,
      cpu: 1,
      mem: 2,
      imageId: "img-3wnd9xpl",
      storageSize: 0,
      goodsNum: 2,
    };
    const f = await launchFailed(hourly, inputs);
    const { outs } = await hourly.update(f.id, f.properties, inputs);
    expect((outs.instances as Array<{ state: string }>).map((i) => i.state)).toEqual(["RUNNING", "RUNNING"]);
  });
});

describe("HAI FailedOperation.OperateInstanceRepeatedly: the operation is under way, so wait for its state", () => {
  it("a stop that someone else started just before ours", async () => {
    // Right before our StopInstance goes out, another caller stops the instance.
    const limiter = new (class extends RateLimiter {
      override async acquire(key: string, service: string, action: string): Promise<void> {
        await super.acquire(key, service, action);
        if (action !== "StopInstance") return;
        for (const inst of env.emu.world.list("hai", "AKIDLOCALEMULATOR")) {
          if (inst.state === "RUNNING") env.emu.world.transition(inst, "STOPPING", "STOPPED_NO_CHARGE", 1000);
        }
      }
    })(env.clock);
    const rt: Runtime = { ...env.rt, limiter, pollers: new PollerRegistry() };
    const hai = makeHaiProvider(rt);
    const inputs = { __identity: "proj/dev/gpu", applicationId: "app-jknfna", bundleType: "XL" };
    const { id, outs } = await hai.create((await hai.check({}, inputs)).inputs);
    const { outs: stopped } = await hai.update(id, outs, { ...inputs, running: false });
    expect((stopped.instances as Array<{ state: string }>)[0].state).toBe("STOPPED_NO_CHARGE");
  });
});

describe("ECM DescribeInstances ResourceNotFound.InstanceNotExist: the instance counts as gone", () => {
  const inputs = {
    __identity: "proj/dev/edge",
    zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" }],
    moduleId: "esm-jz2wm3m2",
  };

  it("refresh of a resource whose instances are all gone removes it", async () => {
    const ecm = makeEcmProvider(env.rt);
    const { id, outs } = await ecm.create((await ecm.check({}, inputs)).inputs);
    for (const i of id.split(",")) await env.emu.control.removeInstance(i);
    expect(await ecm.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("refresh keeps the instances that exist and drops the others", async () => {
    const ecm = makeEcmProvider(env.rt);
    const { id, outs } = await ecm.create((await ecm.check({}, inputs)).inputs);
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(a);
    expect((await ecm.read(id, outs)).id).toBe(b);
  });

  it("delete waits until the cloud no longer knows them", async () => {
    const ecm = makeEcmProvider(env.rt);
    const { id, outs } = await ecm.create((await ecm.check({}, inputs)).inputs);
    await ecm.delete(id, outs);
    expect(await env.emu.control.instances("ecm")).toEqual([]);
  });
});
