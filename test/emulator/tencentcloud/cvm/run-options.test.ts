/** RunInstances (001): the termination timer, placement groups, tags, spot options, user data, metadata (run-options.ts). */
import { cvmTest, runRules } from "./support";

const t = cvmTest();

describe("RunInstances: what comes with the instances", () => {
  runRules(t, {
    refused: {
      InvalidParameterValue: [
        [
          "a timer for another action",
          { ActionTimer: { TimerAction: "StopInstances", ActionTime: "2099-01-01T00:00:00Z" } },
        ],
        [
          "a timer time less than 5 minutes ahead",
          { ActionTimer: { TimerAction: "TerminateInstances", ActionTime: "2000-01-01T00:00:00Z" } },
        ],
        [
          "tags for a host",
          { TagSpecification: [{ ResourceType: "host", Tags: [{ Key: "k", Value: "v" }] }] },
        ],
        [
          "a market type other than spot",
          {
            InstanceChargeType: "SPOTPAID",
            InstanceMarketOptions: { MarketType: "ondemand", SpotOptions: { MaxPrice: "0.5" } },
          },
        ],
        ["a metadata key with a space", { Metadata: { Items: [{ Key: "a b", Value: "v" }] } }],
      ],
      "InvalidParameterValue.InvalidTimeFormat": [
        [
          "a timer time malformed",
          { ActionTimer: { TimerAction: "TerminateInstances", ActionTime: "tomorrow" } },
        ],
      ],
      "InvalidParameterValue.LimitExceeded": [
        ["two placement groups", { DisasterRecoverGroupIds: ["ps-aaaaaaaa", "ps-bbbbbbbb"] }],
      ],
      "FailedOperation.TagKeyReserved": [
        [
          "a reserved tag key",
          { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "qcloud:x", Value: "1" }] }] },
        ],
      ],
      "FailedOperation.IllegalTagKey": [
        [
          "an illegal tag key",
          { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "a<b", Value: "1" }] }] },
        ],
      ],
      "FailedOperation.IllegalTagValue": [
        [
          "a tag value too long",
          { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "k", Value: "v".repeat(256) }] }] },
        ],
      ],
      "InvalidParameterValue.DuplicateTags": [
        [
          "a duplicate tag key",
          {
            TagSpecification: [
              {
                ResourceType: "instance",
                Tags: [
                  { Key: "k", Value: "1" },
                  { Key: "k", Value: "2" },
                ],
              },
            ],
          },
        ],
      ],
      "InvalidParameterValue.TagQuotaLimitExceeded": [
        [
          "51 tags",
          {
            TagSpecification: [
              {
                ResourceType: "instance",
                Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" })),
              },
            ],
          },
        ],
      ],
      InvalidParameterCombination: [
        ["market options without SPOTPAID", { InstanceMarketOptions: { SpotOptions: { MaxPrice: "0.5" } } }],
      ],
      "InvalidParameterValue.InvalidUserDataFormat": [
        ["user data not in base64", { UserData: "echo hello!" }],
        ["user data above 16 KB", { UserData: "A".repeat(16 * 1024 + 4) }],
      ],
    },
    accepted: [
      ["user data of 16 KB", { UserData: "A".repeat(16 * 1024) }],
      ["one placement group", { DisasterRecoverGroupIds: ["ps-aaaaaaaa"] }],
      [
        "a spot instance",
        {
          InstanceChargeType: "SPOTPAID",
          InstanceMarketOptions: {
            MarketType: "spot",
            SpotOptions: { MaxPrice: "0.5", SpotInstanceType: "one-time" },
          },
        },
      ],
    ],
  });
});

describe("RunInstances: the termination timer", () => {
  it("an ActionTimer terminates the instance at its time", async () => {
    const at = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const [id] = await t.run({ ActionTimer: { TimerAction: "TerminateInstances", ActionTime: at } });
    expect((await t.describe1(id))?.InstanceState).toBe("RUNNING");
    await t.emu.control.advanceClock(11 * 60_000);
    expect(await t.describe1(id)).toBeUndefined();
  });
});
