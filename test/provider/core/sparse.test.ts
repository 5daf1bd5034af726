/**
 * Refresh and destroy work from whatever the state holds: stored properties that lack arguments
 * (an old or hand-edited state, a partial failure recorded with little) are no reason to fail.
 */
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { PROVIDER_SETTINGS, useTestEnv } from "../../support/env";
import { Props, ProviderKind, TWO } from "../kinds";

const env = useTestEnv({ ...PROVIDER_SETTINGS, rateLimits: false });

interface Kind extends ProviderKind {
  /** What the instances' state is after the delete. */
  deleted: RegExp;
}

const kinds: Kind[] = [
  { ...TWO.CvmInstance, deleted: /^(TERMINATING|gone)$/ },
  { ...TWO.CvmHourlyInstance, deleted: /^(TERMINATING|gone)$/ },
  {
    kind: "EcmInstance",
    service: "ecm",
    make: makeEcmProvider,
    inputs: {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" }],
      moduleId: "esm-jz2wm3m2",
    },
    deleted: /^(TERMINATING|gone)$/,
  },
  { ...TWO.HaiInstance, deleted: /^(TERMINATING|TERMINATED|gone)$/ },
  { ...TWO.SwasInstance, deleted: /^(Stopping|Stopped)$/ },
];

describe.each(kinds.map((k) => [k.kind, k] as const))("%s with sparse stored properties", (_kind, k) => {
  async function created() {
    const p = k.make(env.rt);
    const checked = await p.check({}, { __identity: `proj/dev/${k.kind}/sparse`, ...k.inputs });
    expect(checked.failures).toEqual([]);
    const { id } = await p.create(checked.inputs!);
    return { p, id, ids: id.split(",") };
  }
  const states = async (ids: string[]) => {
    const live = await env.emu.control.instances(k.service);
    return ids.map((i) => live.find((x) => x.id === i)?.state ?? "gone");
  };

  for (const [what, sparse] of [
    ["only instanceIds", (ids: string[]): Props => ({ instanceIds: ids })],
    ["nothing but the id", (): Props => ({})],
    [
      "arguments of the wrong shape",
      (ids: string[]): Props => ({ instanceIds: ids, timeouts: "soon", placement: 3 }),
    ],
  ] as const) {
    it(`refresh reads the instances from ${what}`, async () => {
      const { p, id, ids } = await created();
      const r = await p.read(id, sparse(ids));
      expect(r.id).toBe(id);
      expect(r.props?.instanceIds).toEqual(ids);
    });

    it(`destroy deletes the instances from ${what}`, async () => {
      const { p, id, ids } = await created();
      await p.delete(id, sparse(ids));
      for (const s of await states(ids)) expect(s).toMatch(k.deleted);
    });
  }
});
