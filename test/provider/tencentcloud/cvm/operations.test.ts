/**
 * CVM in-place changes finish asynchronously, and right after ModifyInstancesAttribute
 * DescribeInstances may still show the PREVIOUS operation in LatestOperation*. The provider
 * believes LatestOperationState only for its own call's RequestId; when another caller's later
 * operation replaced it, the attribute itself tells.
 */
import { makeCvmProvider } from "../../../../provider/tencentcloud/cvm/provider";
import { PollerRegistry } from "../../../../provider/core/poller";
import type { Runtime } from "../../../../provider/core/context";
import { useTestEnv } from "../../../support/env";
import { webCvm } from "../support";

const env = useTestEnv();
/** Runs after every sleep of the provider's clock (emulated time has moved on). */
let afterSleep: (() => void) | undefined;
let cvm: ReturnType<typeof makeCvmProvider>;

beforeEach(() => {
  afterSleep = undefined;
  const clock = {
    ...env.clock,
    sleep: async (ms: number) => {
      await env.clock.sleep(ms);
      afterSleep?.();
    },
  };
  const rt: Runtime = { ...env.rt, clock, pollers: new PollerRegistry() };
  cvm = makeCvmProvider(rt);
});

const inputs = (extra: Record<string, unknown> = {}) => webCvm({ instanceName: "web", ...extra });

async function created() {
  const checked = await cvm.check({}, inputs());
  const r = await cvm.create(checked.inputs!);
  return { id: r.id, outs: r.outs as Record<string, unknown> };
}

const live = async (id: string) => (await env.emu.control.instances("cvm")).find((i) => i.id === id)!;

describe("CvmInstance in-place changes and LatestOperation*", () => {
  it("a host name change returns only when the reboot it causes is over", async () => {
    const { id, outs } = await created();
    // The reboot takes 5 s; LatestOperation* show the new operation only 3 s after the call.
    await env.emu.control.settings({ transitionMs: 5000, latestOperationLagMs: 3000 });
    const news = inputs({ hostName: "web-2" });
    expect(await cvm.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: updated } = await cvm.update(id, outs, news);
    const inst = await live(id);
    expect(inst.state).toBe("RUNNING");
    expect(inst.latestOperation).toMatchObject({ name: "ModifyInstancesAttribute", state: "SUCCESS" });
    expect((updated.instances as Array<{ state: string }>)[0].state).toBe("RUNNING");
  });

  it("a failed operation fails the update, also while LatestOperation* still show the previous one", async () => {
    const { id, outs } = await created();
    await env.emu.control.settings({ transitionMs: 1000, latestOperationLagMs: 3000 });
    await env.emu.control.instanceFaults({ operationFailures: { cvm: 1 } });
    const err = await cvm.update(id, outs, inputs({ instanceName: "api" })).catch((e: unknown) => e);
    expect(String(err)).toMatch(/ModifyInstancesAttribute InstanceName failed on/);
    expect(String(err)).toContain(id);
    expect((await live(id)).name).toBe("web");
  });

  it("believes the attribute when another caller's later operation replaced its own", async () => {
    const { id, outs } = await created();
    await env.emu.control.settings({ transitionMs: 1000, latestOperationLagMs: 3000 });
    let injected = false;
    afterSleep = () => {
      const inst = env.emu.world.get(id);
      const ours = inst?.latestOperation;
      // Once our rename is done, someone else changes the CAM role.
      if (!injected && inst && ours?.name === "ModifyInstancesAttribute" && ours.state === "SUCCESS") {
        injected = true;
        inst.attrs.CamRoleName = "someone-else";
        env.emu.world.startOperation(inst, "ModifyInstancesAttribute", "another-callers-request-id");
        env.emu.world.transition(inst, inst.state, inst.state, 1000);
      }
    };
    const { outs: updated } = await cvm.update(id, outs, inputs({ instanceName: "api" }));
    expect(injected).toBe(true);
    expect((updated.instances as Array<{ instanceName: string }>)[0].instanceName).toBe("api");
  });

  it("gives up at the deadline when its operation never shows", async () => {
    const { id, outs } = await created();
    await env.emu.control.settings({ transitionMs: 1000, latestOperationLagMs: 3_600_000 });
    const err = await cvm
      .update(id, outs, inputs({ hostName: "web-2", timeouts: { update: "2m" } }))
      .catch((e: unknown) => e);
    expect(String(err)).toMatch(/timed out/);
  });
});
