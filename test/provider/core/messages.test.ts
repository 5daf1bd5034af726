/**
 * Check failures speak this package's words: the property, the rule and the document it comes
 * from, never the validation library's own wording. A sweep runs every field of every resource's
 * schema through wrong values and looks at every reason.
 */
import type { z } from "zod";
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import { makeEcmProvider } from "../../../provider/tencentcloud/ecm/provider";
import { makeHaiProvider } from "../../../provider/tencentcloud/hai/provider";
import { makeSwasProvider } from "../../../provider/alicloud/swas/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import { CvmInstanceArgsSchema } from "../../../provider/tencentcloud/cvm/schema";
import { EcmInstanceArgsSchema } from "../../../provider/tencentcloud/ecm/schema";
import { HaiInstanceArgsSchema } from "../../../provider/tencentcloud/hai/schema";
import { SwasInstanceArgsSchema } from "../../../provider/alicloud/swas/schema";
import { CvmHourlyInstanceArgsSchema } from "../../../provider/tencentcloud/cvm-hourly/schema";
import { defaultRuntime } from "../../../provider/core/context";
import { defOf, unwrap } from "../../../provider/core/check";

// Check alone: no preflight call to any cloud, whatever the shell sets.
beforeAll(() => {
  delete process.env.RUNINSTANCES_PREFLIGHT;
});

/** What zod says when a schema gives no message of its own. */
const LIBRARY_WORDING =
  /Invalid input|Invalid (string|option|element|key|union|value|type|format|number|date)|Too (big|small)|\bexpected\b|\breceived\b|must be a int\b|Unrecognized key|^Required$/i;

interface Resource {
  kind: string;
  schema: z.ZodType;
  base: Record<string, unknown>;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ failures?: Failure[] }>;
}
interface Failure {
  property: string;
  reason: string;
}

const resources: Resource[] = [
  {
    kind: "CvmInstance",
    schema: CvmInstanceArgsSchema,
    base: { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" },
    ...makeCvmProvider(defaultRuntime),
  },
  {
    kind: "EcmInstance",
    schema: EcmInstanceArgsSchema,
    base: {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
      moduleId: "em-12345678",
    },
    ...makeEcmProvider(defaultRuntime),
  },
  {
    kind: "HaiInstance",
    schema: HaiInstanceArgsSchema,
    base: { region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" },
    ...makeHaiProvider(defaultRuntime),
  },
  {
    kind: "SwasInstance",
    schema: SwasInstanceArgsSchema,
    base: {
      regionId: "cn-hangzhou",
      imageId: "794526736f3b4d2a9b1b6d3c5e8f0a12",
      planId: "swas.s1",
      period: 1,
    },
    ...makeSwasProvider(defaultRuntime),
  },
  {
    kind: "CvmHourlyInstance",
    schema: CvmHourlyInstanceArgsSchema,
    base: { region: "ap-guangzhou", zoneId: 100001, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0 },
    ...makeCvmHourlyProvider(defaultRuntime),
  },
];

async function failuresOf(r: Resource, extra: Record<string, unknown>): Promise<Failure[]> {
  const news = { ...r.base, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete news[k];
  return (await r.check({}, news)).failures ?? [];
}

describe("check failures in this package's words", () => {
  const cvm = resources[0];

  it("a fraction where a whole number is wanted", async () => {
    const [f] = await failuresOf(cvm, { instanceCount: 1.5 });
    expect(f.property).toBe("instanceCount");
    expect(f.reason).not.toMatch(LIBRARY_WORDING);
    expect(f.reason).toMatch(/whole number/);
  });

  it("a number beyond the safe integers", async () => {
    const [f] = await failuresOf(cvm, { placement: { zone: "ap-guangzhou-3", projectId: 2 ** 60 } });
    expect(f.property).toBe("placement.projectId");
    expect(f.reason).not.toMatch(LIBRARY_WORDING);
    expect(f.reason).toMatch(/CVM RunInstances 2017-03-12: Placement.ProjectId/);
  });

  it('region: ""', async () => {
    const [f] = await failuresOf(cvm, { region: "" });
    expect(f).toEqual({ property: "region", reason: expect.stringMatching(/^must not be empty/) });
  });

  it("a missing required argument is required, not of the wrong type", async () => {
    expect(await failuresOf(cvm, { imageId: undefined })).toEqual([
      { property: "imageId", reason: "is required (CVM RunInstances 2017-03-12: ImageId)" },
    ]);
    const [f] = await failuresOf(resources[1], {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", isp: "CTCC" }],
    });
    expect(f).toEqual({
      property: "zoneInstanceCountISPSet[0].instanceCount",
      reason: "is required (ECM RunInstances 2019-07-19: ZoneInstanceCountISPSet.InstanceCount)",
    });
  });
});

// ---- the sweep ---------------------------------------------------------------------------------

/** Every field of a schema, nested objects and list elements included, as a path. */
function fieldPaths(schema: z.ZodType, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const d = defOf(unwrap(schema));
  const here = prefix.length ? [prefix] : [];
  if (d.type === "object" && d.shape) {
    return [...here, ...Object.entries(d.shape).flatMap(([k, f]) => fieldPaths(f, [...prefix, k]))];
  }
  if (d.type === "array" && d.element) return [...here, ...fieldPaths(d.element, [...prefix, 0])];
  return here;
}

/** A copy of `base` with `value` at `path` (objects and lists made where missing). */
function withValue(base: unknown, path: Array<string | number>, value: unknown): Record<string, unknown> {
  const root = structuredClone(base) as Record<string, unknown>;
  let at: Record<string | number, unknown> = root;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      if (value === undefined) delete at[key];
      else at[key] = value;
    } else {
      const next = at[key];
      if (next === null || typeof next !== "object") at[key] = typeof path[i + 1] === "number" ? [] : {};
      at = at[key] as Record<string | number, unknown>;
    }
  }
  return root;
}

/** Wrong values of every kind: missing, empty, huge, negative, fractional, beyond safe integers, other types. */
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  "",
  " ",
  "x",
  "é",
  "x".repeat(5000),
  -1,
  0,
  1.5,
  2 ** 60,
  true,
  {},
  { bogus: 1 },
  [],
  [1],
  Array.from({ length: 200 }, () => "x"),
];

describe("the sweep: no reason of any schema carries the validation library's wording", () => {
  it.each(resources.map((r) => [r.kind, r] as const))("%s", async (_kind, r) => {
    const seen: Failure[] = [];
    const paths = fieldPaths(r.schema);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of [...paths, ["bogusArgument"]]) {
      for (const value of BAD_VALUES) {
        const news = withValue(r.base, path, value);
        const failures = (await r.check({}, news)).failures ?? [];
        seen.push(...failures);
      }
    }
    expect(seen.length).toBeGreaterThan(100);
    const worded = seen.filter((f) => LIBRARY_WORDING.test(f.reason) || !f.reason || !f.property);
    expect([...new Map(worded.map((f) => [`${f.property}: ${f.reason}`, f])).keys()]).toEqual([]);
    // Every reason names its rule's source: a document, the SDK, or this package's own argument.
    const uncited = seen.filter(
      (f) => !/\([^()]*(\d{4}-\d{2}-\d{2}|RunInstancesHour|SDK|sdk|argument)[^()]*\)/.test(f.reason),
    );
    expect([...new Map(uncited.map((f) => [`${f.property}: ${f.reason}`, f])).keys()]).toEqual([]);
  });
});
