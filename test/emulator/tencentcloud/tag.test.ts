import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import { codeOf, frozen } from "../support";
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { Client as TagClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_client";
import type { ModifyResourceTagsRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_models";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    settings: { bootMs: 0, terminateMs: 0, transitionMs: 0, rateLimits: false },
    credentials: [["AKIDOTHERACCOUNT", "other-secret"]],
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const profile = () => ({ httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } });
const cvm = () =>
  new CvmClient({
    credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
    region: "ap-shanghai",
    profile: profile(),
  });
/** The tag service is global: its region header may be anything (here one the CVM API does not serve). */
const tag = (secretId = DEFAULT_SECRET_ID, secretKey = DEFAULT_SECRET_KEY, region = "ap-guangzhou") =>
  new TagClient({ credential: { secretId, secretKey }, region, profile: profile() });

async function newInstance(tags: Record<string, string> = {}): Promise<string> {
  const res = await cvm().RunInstances({
    Placement: { Zone: "ap-shanghai-2" },
    ImageId: "img-pmqg1cw7",
    TagSpecification: [
      { ResourceType: "instance", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
    ],
  });
  return (res.InstanceIdSet ?? [])[0];
}

async function tagsOf(id: string): Promise<Record<string, string>> {
  const res = await cvm().DescribeInstances({ InstanceIds: [id] });
  return Object.fromEntries((res.InstanceSet?.[0].Tags ?? []).map((t) => [t.Key, t.Value]));
}

const resource = (id: string, region = "ap-shanghai", uin = "100000000001") =>
  `qcs::cvm:${region}:uin/${uin}:instance/${id}`;

describe("ModifyResourceTags", () => {
  it("replaces and deletes the tags of a CVM instance", async () => {
    const id = await newInstance({ env: "dev", owner: "ann", old: "x" });
    await tag().ModifyResourceTags({
      Resource: resource(id),
      ReplaceTags: [
        { TagKey: "env", TagValue: "prod" },
        { TagKey: "team", TagValue: "blue" },
      ],
      DeleteTags: [{ TagKey: "old" }, { TagKey: "never-there" }],
    });
    expect(await tagsOf(id)).toEqual({ env: "prod", owner: "ann", team: "blue" });
    await tag().ModifyResourceTags({ Resource: resource(id), DeleteTags: [{ TagKey: "owner" }] });
    expect(await tagsOf(id)).toEqual({ env: "prod", team: "blue" });
  });

  it("accepts an empty uin and any region header", async () => {
    const id = await newInstance();
    await tag(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, "").ModifyResourceTags({
      Resource: resource(id, "ap-shanghai", ""),
      ReplaceTags: [{ TagKey: "k", TagValue: "" }],
    });
    expect(await tagsOf(id)).toEqual({ k: "" });
  });

  it("answers ResourceNotFound for an unknown instance, another account's, or the wrong region", async () => {
    const id = await newInstance();
    const replace = [{ TagKey: "k", TagValue: "v" }];
    expect(
      await codeOf(tag().ModifyResourceTags({ Resource: resource("ins-zzzzzzzz"), ReplaceTags: replace })),
    ).toBe("ResourceNotFound");
    expect(
      await codeOf(tag().ModifyResourceTags({ Resource: resource(id, "ap-beijing"), ReplaceTags: replace })),
    ).toBe("ResourceNotFound");
    expect(
      await codeOf(
        tag("AKIDOTHERACCOUNT", "other-secret").ModifyResourceTags({
          Resource: resource(id),
          ReplaceTags: replace,
        }),
      ),
    ).toBe("ResourceNotFound");
    expect(
      await codeOf(
        tag().ModifyResourceTags({
          Resource: `qcs::cos:ap-shanghai:uin/1:instance/${id}`,
          ReplaceTags: replace,
        }),
      ),
    ).toBe("ResourceNotFound");
  });

  const cases: Array<[string, (id: string) => Record<string, unknown>, string]> = [
    [
      "a resource that is not six segments",
      (id) => ({ Resource: `cvm:instance/${id}`, ReplaceTags: [{ TagKey: "k", TagValue: "v" }] }),
      "InvalidParameterValue.ResourceDescriptionError",
    ],
    [
      "a resource without type/id",
      (id) => ({
        Resource: `qcs::cvm:ap-shanghai:uin/1:${id}`,
        ReplaceTags: [{ TagKey: "k", TagValue: "v" }],
      }),
      "InvalidParameterValue.ResourceDescriptionError",
    ],
    [
      "a resource with a bad account",
      (id) => ({
        Resource: `qcs::cvm:ap-shanghai:account/1:instance/${id}`,
        ReplaceTags: [{ TagKey: "k", TagValue: "v" }],
      }),
      "InvalidParameterValue.ResourceDescriptionError",
    ],
    ["no Resource", () => ({ ReplaceTags: [{ TagKey: "k", TagValue: "v" }] }), "MissingParameter"],
    ["neither ReplaceTags nor DeleteTags", (id) => ({ Resource: resource(id) }), "MissingParameter"],
    ["an empty ReplaceTags", (id) => ({ Resource: resource(id), ReplaceTags: [] }), "InvalidParameter.Tag"],
    ["an empty DeleteTags", (id) => ({ Resource: resource(id), DeleteTags: [] }), "InvalidParameter.Tag"],
    [
      "11 tags in one call",
      (id) => ({
        Resource: resource(id),
        ReplaceTags: Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" })),
      }),
      "InvalidParameter.Tag",
    ],
    [
      "the same key to replace and to delete",
      (id) => ({
        Resource: resource(id),
        ReplaceTags: [{ TagKey: "k", TagValue: "v" }],
        DeleteTags: [{ TagKey: "k" }],
      }),
      "InvalidParameterValue.DeleteTagsParamError",
    ],
    [
      "an empty key",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "", TagValue: "v" }] }),
      "InvalidParameterValue.TagKeyEmpty",
    ],
    [
      "a key of 128 characters",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k".repeat(128), TagValue: "v" }] }),
      "InvalidParameterValue.TagKeyLengthExceeded",
    ],
    [
      "a key with an illegal character",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "a#b", TagValue: "v" }] }),
      "InvalidParameterValue.TagKeyCharacterIllegal",
    ],
    [
      "a reserved key",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "tencent:owner", TagValue: "v" }] }),
      "InvalidParameter.ReservedTagKey",
    ],
    [
      "a value of 256 characters",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: "v".repeat(256) }] }),
      "InvalidParameterValue.TagValueLengthExceeded",
    ],
    [
      "a value with an illegal character",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: "a<b" }] }),
      "InvalidParameterValue.TagValueCharacterIllegal",
    ],
    [
      "a tag without value",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k" }] }),
      "MissingParameter",
    ],
    [
      "an unknown parameter",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: "v" }], Foo: 1 }),
      "UnknownParameter",
    ],
    [
      "an unknown tag field",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: "v", Colour: "x" }] }),
      "UnknownParameter",
    ],
    [
      "a tag value of the wrong type",
      (id) => ({ Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: 1 }] }),
      "InvalidParameter",
    ],
  ];

  it.each(cases)("refuses %s", async (_name, request, code) => {
    const id = await newInstance({ keep: "1" });
    expect(await codeOf(tag().ModifyResourceTags(request(id) as unknown as ModifyResourceTagsRequest))).toBe(
      code,
    );
    expect(await tagsOf(id)).toEqual({ keep: "1" });
  });

  it("accepts the documented characters: letters of any script, digits, spaces and + - = . _ : / @ ( ) [ ] （ ） 【 】", async () => {
    const id = await newInstance();
    const key = "环境 env+-=._:/@()[]（）【】1";
    await tag().ModifyResourceTags({
      Resource: resource(id),
      ReplaceTags: [{ TagKey: key, TagValue: "生产/prod" }],
    });
    expect(await tagsOf(id)).toEqual({ [key]: "生产/prod" });
  });

  it("a resource carries at most 50 tags (LimitExceeded.ResourceAttachedTags)", async () => {
    const id = await newInstance(Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, "v"])));
    const more = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ TagKey: `n${from + i}`, TagValue: "v" }));
    await tag().ModifyResourceTags({ Resource: resource(id), ReplaceTags: more(0, 5) });
    expect(await codeOf(tag().ModifyResourceTags({ Resource: resource(id), ReplaceTags: more(5, 1) }))).toBe(
      "LimitExceeded.ResourceAttachedTags",
    );
    expect(Object.keys(await tagsOf(id))).toHaveLength(50);
  });

  it("21 calls within one second see RequestLimitExceeded (documented limit 20/s)", async () => {
    const id = await newInstance();
    await emu.control.settings({ rateLimits: true });
    // The clock stands still, so the bucket does not refill however slowly the calls arrive.
    const codes = await frozen(() =>
      Promise.all(
        Array.from({ length: 21 }, (_, i) =>
          codeOf(
            tag().ModifyResourceTags({
              Resource: resource(id),
              ReplaceTags: [{ TagKey: "n", TagValue: String(i) }],
            }),
          ),
        ),
      ),
    );
    expect(codes).toContain("RequestLimitExceeded");
    expect((await emu.control.calls())["tag.ModifyResourceTags"].throttled).toBeGreaterThanOrEqual(1);
  });

  it("an injected fault answers its code", async () => {
    const id = await newInstance();
    await emu.control.addFault({
      service: "tag",
      action: "ModifyResourceTags",
      code: "FailedOperation",
      count: 1,
    });
    const req = { Resource: resource(id), ReplaceTags: [{ TagKey: "k", TagValue: "v" }] };
    expect(await codeOf(tag().ModifyResourceTags(req))).toBe("FailedOperation");
    expect(await codeOf(tag().ModifyResourceTags(req))).toBe("OK");
  });
});
