/**
 * Limits that check knows, so that no create buys servers only to fail: timeouts too short to wait
 * for anything, a CVM zone outside the region, and top-level arguments that are no arguments.
 */
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { makeHaiProvider } from "../../../provider/tencentcloud/hai/provider";
import { makeSwasProvider } from "../../../provider/alicloud/swas/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import { defaultRuntime } from "../../../provider/core/context";

// Check alone: no preflight call to any cloud, whatever the shell sets.
beforeAll(() => {
  delete process.env.RUNINSTANCES_PREFLIGHT;
});

type Props = Record<string, unknown>;
interface Failure {
  property: string;
  reason: string;
}
const resources: Array<[string, (o: Props, n: Props) => Promise<{ failures?: Failure[] }>, Props]> = [
  [
    "CvmInstance",
    makeCvmProvider(defaultRuntime).check,
    { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" },
  ],
  [
    "EcmInstance",
    makeEcmProvider(defaultRuntime).check,
    {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
      moduleId: "em-12345678",
    },
  ],
  [
    "HaiInstance",
    makeHaiProvider(defaultRuntime).check,
    { region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" },
  ],
  [
    "SwasInstance",
    makeSwasProvider(defaultRuntime).check,
    { regionId: "cn-hangzhou", imageId: "794526736f3b4d2a9b1b6d3c5e8f0a12", planId: "swas.s1", period: 1 },
  ],
  [
    "CvmHourlyInstance",
    makeCvmHourlyProvider(defaultRuntime).check,
    { region: "ap-guangzhou", zoneId: 100001, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0 },
  ],
];

const failures = async (check: (o: Props, n: Props) => Promise<{ failures?: Failure[] }>, news: Props) =>
  (await check({}, news)).failures ?? [];

describe.each(resources)("%s", (kind, check, base) => {
  it.each(["0s", "1ms", "59s", "0.5m"])(
    "refuses timeouts of %s, too short to wait for anything",
    async (t) => {
      for (const which of ["create", "update", "delete"]) {
        const f = await failures(check, { ...base, timeouts: { [which]: t } });
        expect(f).toEqual([
          {
            property: `timeouts.${which}`,
            reason: expect.stringMatching(/at least 1 minute.*\(\w+ argument\)/),
          },
        ]);
      }
    },
  );

  it("takes timeouts of 1m and more", async () => {
    expect(
      await failures(check, { ...base, timeouts: { create: "1m", update: "90s", delete: "2h" } }),
    ).toEqual([]);
  });

  it.each(["__foo", "__proto__", "__identity2"])(
    "refuses the top-level argument %s like any unknown one",
    async (key) => {
      const news = { ...base, __identity: "p/s/n", __provider: "exports.handler = ..." };
      Object.defineProperty(news, key, { value: 1, enumerable: true, configurable: true, writable: true });
      expect(await failures(check, news)).toEqual([
        { property: key, reason: expect.stringContaining(`is not an argument of ${kind}`) },
      ]);
    },
  );

  it("takes the keys Pulumi and this package add (__provider, __identity)", async () => {
    expect(
      await failures(check, { ...base, __identity: "p/s/n", __provider: "exports.handler = ..." }),
    ).toEqual([]);
  });
});

describe("CvmInstance: the zone must be in the region", () => {
  const check = makeCvmProvider(defaultRuntime).check;
  const base = { placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" };

  it("refuses ap-guangzhou-3 in ap-beijing, citing InvalidZone.MismatchRegion", async () => {
    expect(await failures(check, { ...base, region: "ap-beijing" })).toEqual([
      {
        property: "placement.zone",
        reason: expect.stringMatching(
          /ap-guangzhou-3 is a zone of ap-guangzhou, not of ap-beijing.*InvalidZone\.MismatchRegion/,
        ),
      },
    ]);
  });

  it("refuses it when the region comes from the configuration too", async () => {
    const saved = process.env.TENCENTCLOUD_REGION;
    process.env.TENCENTCLOUD_REGION = "ap-beijing";
    try {
      expect((await failures(check, base)).map((f) => f.property)).toEqual(["placement.zone"]);
    } finally {
      if (saved === undefined) delete process.env.TENCENTCLOUD_REGION;
      else process.env.TENCENTCLOUD_REGION = saved;
    }
  });

  it("takes a zone of the region", async () => {
    expect(await failures(check, { ...base, region: "ap-guangzhou" })).toEqual([]);
    expect(
      await failures(check, { ...base, region: "ap-shanghai-fsi", placement: { zone: "ap-shanghai-fsi-1" } }),
    ).toEqual([]);
  });
});
