/** DescribeInstances: ids, filters, paging, accounts and regions. */
import { codeOf } from "../../support";
import { cvmTest } from "./support";

const t = cvmTest();

describe("DescribeInstances", () => {
  it("leaves unknown ids out, and refuses malformed ids, more than 100 ids, and ids with filters", async () => {
    const [id] = await t.run();
    const res = await t.cvm().DescribeInstances({ InstanceIds: [id, "ins-zzzzzzzz"] });
    expect(res.TotalCount).toBe(1);
    expect(await codeOf(t.cvm().DescribeInstances({ InstanceIds: ["i-123"] }))).toBe(
      "InvalidInstanceId.Malformed",
    );
    const many = Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);
    expect(await codeOf(t.cvm().DescribeInstances({ InstanceIds: many }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    expect(
      await codeOf(
        t.cvm().DescribeInstances({
          InstanceIds: [id],
          Filters: [{ Name: "zone", Values: ["ap-shanghai-2"] }],
        }),
      ),
    ).toBe("InvalidParameterCombination");
  });

  it("filters by zone, name, state, charge type, IPs, ids and tags", async () => {
    const [a] = await t.run({
      InstanceName: "alpha-web",
      InternetAccessible: { InternetMaxBandwidthOut: 1 },
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "team", Value: "blue" }] }],
    });
    const [b] = await t.run({
      Placement: { Zone: "ap-shanghai-3" },
      InstanceName: "beta-db",
      InstanceChargeType: "PREPAID",
      InstanceChargePrepaid: { Period: 1 },
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "team", Value: "red" }] }],
    });
    const inst = await t.describe1(a);
    const ids = async (Name: string, Values: string[]) =>
      ((await t.cvm().DescribeInstances({ Filters: [{ Name, Values }] })).InstanceSet ?? [])
        .map((i) => i.InstanceId)
        .sort();
    expect(await ids("zone", ["ap-shanghai-3"])).toEqual([b]);
    expect(await ids("instance-name", ["web"])).toEqual([a]);
    expect(await ids("instance-state", ["RUNNING"])).toEqual([a, b].sort());
    expect(await ids("instance-charge-type", ["PREPAID"])).toEqual([b]);
    expect(await ids("private-ip-address", inst?.PrivateIpAddresses ?? [])).toEqual([a]);
    expect(await ids("public-ip-address", inst?.PublicIpAddresses ?? [])).toEqual([a]);
    expect(await ids("instance-id", [b])).toEqual([b]);
    expect(await ids("tag-key", ["team"])).toEqual([a, b].sort());
    expect(await ids("tag-value", ["red"])).toEqual([b]);
    expect(await ids("tag:team", ["blue"])).toEqual([a]);
    const both = await t.cvm().DescribeInstances({
      Filters: [
        { Name: "tag-key", Values: ["team"] },
        { Name: "zone", Values: ["ap-shanghai-2"] },
      ],
    });
    expect(both.InstanceSet?.map((i) => i.InstanceId)).toEqual([a]);
  });

  it("refuses unknown filters and too many filter values", async () => {
    expect(await codeOf(t.cvm().DescribeInstances({ Filters: [{ Name: "color", Values: ["red"] }] }))).toBe(
      "InvalidFilter",
    );
    expect(
      await codeOf(
        t.cvm().DescribeInstances({ Filters: [{ Name: "zone", Values: ["a", "b", "c", "d", "e", "f"] }] }),
      ),
    ).toBe("InvalidFilterValue.LimitExceeded");
    const eleven = Array.from({ length: 11 }, () => ({ Name: "zone", Values: ["ap-shanghai-2"] }));
    expect(await codeOf(t.cvm().DescribeInstances({ Filters: eleven }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    expect(
      await codeOf(t.cvm().DescribeInstances({ Filters: [{ Name: "private-ip-address", Values: ["x"] }] })),
    ).toBe("InvalidParameterValue.InvalidIpFormat");
  });

  it("pages with Offset and Limit: 20 by default, at most 100", async () => {
    await t.run({ InstanceCount: 25 });
    const first = await t.cvm().DescribeInstances({});
    expect(first.TotalCount).toBe(25);
    expect(first.InstanceSet).toHaveLength(20);
    const rest = await t.cvm().DescribeInstances({ Offset: 20, Limit: 10 });
    expect(rest.InstanceSet).toHaveLength(5);
    const all = [...(first.InstanceSet ?? []), ...(rest.InstanceSet ?? [])].map((i) => i.InstanceId);
    expect(new Set(all).size).toBe(25);
    expect(await codeOf(t.cvm().DescribeInstances({ Limit: 101 }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
  });

  it("shows an account's instances only to that account and in their region", async () => {
    const [id] = await t.run();
    const other = t.cvm("ap-shanghai", "AKIDOTHERACCOUNT", "other-secret");
    expect((await other.DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect((await t.cvm("ap-guangzhou").DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect(await codeOf(other.TerminateInstances({ InstanceIds: [id] }))).toBe("InvalidInstanceId.NotFound");
  });
});
