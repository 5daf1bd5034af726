/**
 * Temporary credentials that expire in the middle of a create are refreshed, and the create
 * finishes. The SDK refreshes 30 s before expiry by the real Date.now(), so here Date.now() is the
 * provider's clock: every sleep of the provider moves it forward, and the emulator (whose clock is
 * Date.now() plus an offset left at 0) sees the same time, as do the signatures of both sides.
 */
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { testEnv, TestEnv } from "../../support/env";
import { Home, stackConfig, tempHome } from "./credentials-support";
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import type { Runtime } from "../../../provider/core/context";
import type { Clock } from "../../../provider/core/clock";
import { RateLimiter } from "../../../provider/core/ratelimit";
import { PollerRegistry } from "../../../provider/core/poller";
import { accountIdOf } from "../../../emulator/sessions";

let env: TestEnv;
let home: Home;
let base = 0;
let shift = 0;
/** Only Date is faked (Date.now() and new Date(), which the SDK signs with): timers stay real. */
const ONLY_DATE = {
  doNotFake: [
    "hrtime",
    "nextTick",
    "performance",
    "queueMicrotask",
    "requestAnimationFrame",
    "cancelAnimationFrame",
    "requestIdleCallback",
    "cancelIdleCallback",
    "setImmediate",
    "clearImmediate",
    "setInterval",
    "clearInterval",
    "setTimeout",
    "clearTimeout",
  ] as const,
};

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());
beforeEach(() => {
  home = tempHome({ RUNINSTANCES_ENDPOINT: env.emu.url });
  base = Date.now();
  shift = 0;
  jest.useFakeTimers({ doNotFake: [...ONLY_DATE.doNotFake] });
  jest.setSystemTime(base);
});
afterEach(() => {
  jest.useRealTimers();
  home.restore();
});

/** The provider's clock: Date.now(), moved forward by every sleep. */
const clock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    shift += Math.max(0, ms);
    jest.setSystemTime(base + shift);
    await new Promise((r) => setImmediate(r));
  },
  random: () => 0.5,
};

test("a CVM create that outlives its assumed role's credentials refreshes them and finishes", async () => {
  // Credentials live 120 s; the instance takes 10 minutes to boot.
  await env.emu.control.settings({ temporaryCredentialSeconds: 120, bootMs: 600_000 });
  Object.assign(process.env, {
    TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
  });
  const uin = accountIdOf(DEFAULT_SECRET_ID);
  stackConfig({
    "tencentcloud:assumeRole": { roleArn: `qcs::cam::uin/${uin}:roleName/deployer`, sessionName: "ci" },
  });
  const rt: Runtime = {
    clock,
    limiter: new RateLimiter(clock),
    pollers: new PollerRegistry(),
    log: () => undefined,
    pollMinMs: 1000,
    pollMaxMs: 5000,
  };
  const cvm = makeCvmProvider(rt);
  const news = {
    __identity: "proj/dev/web",
    region: "ap-guangzhou",
    placement: { zone: "ap-guangzhou-3" },
    imageId: "img-pmqg1cw7",
    instanceType: "S5.MEDIUM4",
  };
  const checked = await cvm.check({}, news);
  expect(checked.failures).toEqual([]);
  const start = Date.now();
  const { outs } = await cvm.create(checked.inputs);
  expect(outs.instances[0].state).toBe("RUNNING");
  expect(Date.now() - start).toBeGreaterThanOrEqual(600_000);
  const assumed = env.emu.world.counts.get("sts.AssumeRole")?.calls ?? 0;
  // At least one new session every 120 s of the 600 s.
  expect(assumed).toBeGreaterThanOrEqual(5);
  const refused = env.emu.world.log.filter((e) => e.error?.startsWith("AuthFailure"));
  expect(refused).toEqual([]);
  // Every call acted in the one account: the instance is the key's own.
  expect(
    env.emu.world.log.filter((e) => e.service === "cvm").every((e) => e.account === DEFAULT_SECRET_ID),
  ).toBe(true);
});
