/**
 * The region a resource needs comes from its argument, else stack config, else the environment:
 * without any, check fails naming the argument, and the argument alone is enough.
 */
import { makeHaiProvider } from "../../../provider/tencentcloud/hai/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import { makeSwasProvider } from "../../../provider/alicloud/swas/provider";
import type { Runtime } from "../../../provider/core/context";
import { useTestEnv } from "../../support/env";
import { EXAMPLE } from "../tencentcloud/cvm-hourly/example";
import { LINUX, SMALL } from "../../support/swas-catalogue";

const env = useTestEnv();

type Props = Record<string, unknown>;
const kinds: Array<{
  kind: string;
  title: string;
  make(rt: Runtime): { check(o: Props, n: Props): Promise<{ failures?: unknown[] }> };
  inputs: Props;
  variable: string;
  failure: unknown;
  /** The argument that is enough on its own. */
  argument?: Props;
}> = [
  {
    kind: "HaiInstance",
    title: "requires a region: the argument, stack config or TENCENTCLOUD_REGION",
    make: makeHaiProvider,
    inputs: { __identity: "proj/dev/gpu", applicationId: "app-jknfna", bundleType: "XL" },
    variable: "TENCENTCLOUD_REGION",
    failure: { property: "region", reason: expect.stringContaining("is required by HAI") },
    argument: { region: "ap-shanghai" },
  },
  {
    kind: "CvmHourlyInstance",
    title: "requires a region",
    make: makeCvmHourlyProvider,
    inputs: { __identity: "proj/dev/CvmHourlyInstance/legacy", ...EXAMPLE },
    variable: "TENCENTCLOUD_REGION",
    failure: expect.objectContaining({ property: "region" }),
  },
  {
    kind: "SwasInstance",
    title: "requires a region from the argument, stack config or the environment",
    make: makeSwasProvider,
    inputs: { __identity: "proj/dev/web", imageId: LINUX, planId: SMALL, period: 1 },
    variable: "ALIBABA_CLOUD_REGION_ID",
    failure: { property: "regionId", reason: expect.stringContaining("alicloud:region") },
    argument: { regionId: "cn-hangzhou" },
  },
];

describe.each(kinds.map((k) => [k.kind, k] as const))("%s", (_kind, k) => {
  it(k.title, async () => {
    const p = k.make(env.rt);
    const saved = process.env[k.variable];
    delete process.env[k.variable];
    try {
      expect((await p.check({}, k.inputs)).failures).toEqual([k.failure]);
      if (k.argument) expect((await p.check({}, { ...k.inputs, ...k.argument })).failures).toEqual([]);
    } finally {
      process.env[k.variable] = saved;
    }
  });
});
