/**
 * Refresh and destroy work from whatever the state holds: stored properties that lack arguments
 * (an old or hand-edited state, a partial failure recorded with little) are no reason to fail.
 */
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { makeHaiProvider } from "../../../provider/tencentcloud/hai/provider";
import { makeSwasProvider } from "../../../provider/alicloud/swas/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import type { Runtime } from "../../../provider/core/context";
import { PROVIDER_SETTINGS, useTestEnv } from "../../support/env";

const env = useTestEnv({ ...PROVIDER_SETTINGS, rateLimits: false });

type Props = Record<string, unknown>;
interface Kind {
  kind: string;
  service: "cvm" | "ecm" | "hai" | "swas";
  make(rt: Runtime): {
    check(o: Props, n: Props): Promise<{ inputs?: Props; failures?: unknown[] }>;
    create(i: Props): Promise<{ id: string; outs?: Props }>;
    read(id: string, p: Props): Promise<{ id?: string; props?: Props }>;
    delete(id: string, p: Props): Promise<void>;
  };
  inputs: Props;
  /** What the instances' state is after the delete. */
  deleted: RegExp;
}

const kinds: Kind[] = [
  {
    kind: "CvmInstance",
    service: "cvm",
    make: makeCvmProvider,
    inputs: { placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7", instanceCount: 2 },
    deleted: /^(TERMINATING|gone)$/,
  },
  {
    kind: "CvmHourlyInstance",
    service: "cvm",
    make: makeCvmHourlyProvider,
    inputs: { zoneId: 100001, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0, goodsNum: 2 },
    deleted: /^(TERMINATING|gone)$/,
  },
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
  {
    kind: "HaiInstance",
    service: "hai",
    make: makeHaiProvider,
    inputs: { applicationId: "app-jknfna", bundleType: "XL", instanceCount: 2 },
    deleted: /^(TERMINATING|TERMINATED|gone)$/,
  },
  {
    kind: "SwasInstance",
    service: "swas",
    make: makeSwasProvider,
    inputs: {
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      amount: 2,
    },
    deleted: /^(Stopping|Stopped)$/,
  },
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
