/**
 * Two creates of one resource at the same time, as after a SIGKILL of the CLI: the provider host
 * of the killed `pulumi up` finishes its create while the next `pulumi up` creates the resource
 * again. Each create runs in its own provider (own limiter and pollers, as in two processes).
 * They must end with the requested instances running, recorded by whichever create reports
 * success; a create may fail only when the other holds the instances, and says so; never a success
 * whose instances are gone.
 */
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { ownRuntime, useTestEnv } from "../../support/env";
import { ProviderKind, TWO } from "../kinds";

const env = useTestEnv();

interface Kind extends ProviderKind {
  count: number;
  createAction: string;
  running: string;
}

const kinds: Kind[] = [
  {
    kind: "EcmInstance",
    service: "ecm",
    make: makeEcmProvider,
    inputs: {
      zoneInstanceCountISPSet: [
        { zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" },
        { zone: "ap-chengdu-ecm-1", instanceCount: 1, isp: "CTCC" },
      ],
      moduleId: "esm-jz2wm3m2",
      instanceName: "edge",
    },
    count: 3,
    createAction: "RunInstances",
    running: "RUNNING",
  },
  { ...TWO.CvmInstance, count: 2, createAction: "RunInstances", running: "RUNNING" },
  { ...TWO.CvmHourlyInstance, count: 2, createAction: "RunInstances", running: "RUNNING" },
  { ...TWO.HaiInstance, count: 2, createAction: "RunInstances", running: "RUNNING" },
  { ...TWO.SwasInstance, count: 2, createAction: "CreateInstances", running: "Running" },
];

/** A provider as a process of its own would have it: its own limiter and pollers. */
const process = (k: Kind) => k.make(ownRuntime(env));

async function twoCreates(k: Kind, stagger: boolean) {
  const inputs = { __identity: `proj/dev/${k.kind}/twice`, ...k.inputs };
  const [a, b] = [process(k), process(k)];
  const checked = await a.check({}, inputs);
  expect(checked.failures).toEqual([]);
  const first = a.create(checked.inputs!);
  if (stagger) {
    // The second create starts once the first one's purchase has been answered.
    while ((await env.emu.control.callCount(k.service, k.createAction)) === 0) await env.clock.sleep(100);
  }
  const second = b.create(checked.inputs!);
  const results = await Promise.allSettled([first, second]);
  // Long after: whatever either create started has finished.
  await env.emu.control.advanceClock(120_000);
  const live = (await env.emu.control.instances(k.service)).filter((i) => !/TERMINAT|SHUTDOWN/.test(i.state));
  return { results, live };
}

describe.each(kinds.map((k) => [k.kind, k] as const))("%s: two concurrent creates", (_kind, k) => {
  it.each([
    ["at the same moment", false],
    ["the second after the first one's purchase was answered", true],
  ])(
    "%s end with the requested instances running, recorded by each create that reports success",
    async (_when, stagger) => {
      const { results, live } = await twoCreates(k, stagger as boolean);
      const succeeded = results.filter(
        (r): r is PromiseFulfilledResult<{ id: string }> => r.status === "fulfilled",
      );
      expect(succeeded.length).toBeGreaterThan(0);
      for (const r of results) {
        if (r.status === "rejected") expect(String(r.reason)).toMatch(/another create of this resource/);
      }
      // Never a success whose instances are gone: every recorded instance is running.
      for (const r of succeeded) {
        const ids = r.value.id.split(",");
        expect(ids).toHaveLength(k.count);
        for (const id of ids) expect(live.find((i) => i.id === id)?.state).toBe(k.running);
      }
      // Nothing more than the requested instances is left running.
      expect(live.filter((i) => i.state === k.running)).toHaveLength(k.count);
    },
  );
});
