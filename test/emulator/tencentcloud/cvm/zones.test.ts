/** DescribeZones and DescribeInstanceTypeConfigs. */
import { codeOf } from "../../support";
import { cvmTest } from "./support";

const t = cvmTest();

describe("DescribeZones and DescribeInstanceTypeConfigs", () => {
  it("lists the region's zones", async () => {
    const res = await t.cvm().DescribeZones();
    expect(res.TotalCount).toBe(3);
    expect(res.ZoneSet?.[1]).toEqual({
      Zone: "ap-shanghai-2",
      ZoneName: "Shanghai Zone 2",
      ZoneId: "200002",
      ZoneState: "AVAILABLE",
    });
    expect(await codeOf(t.cvm().DescribeZones({ Zone: "x" } as never))).toBe("UnknownParameter");
  });

  it("lists every zone × instance type, filtered by zone, family and type", async () => {
    const all = await t.cvm().DescribeInstanceTypeConfigs({});
    const perZone = (all.InstanceTypeConfigSet ?? []).filter((c) => c.Zone === "ap-shanghai-1");
    expect((all.InstanceTypeConfigSet ?? []).length).toBe(perZone.length * 3);
    expect(perZone.some((c) => c.InstanceType?.startsWith("CDH"))).toBe(false);
    const s5 = await t.cvm().DescribeInstanceTypeConfigs({
      Filters: [
        { Name: "zone", Values: ["ap-shanghai-2"] },
        { Name: "instance-type", Values: ["S5.16XLARGE256"] },
      ],
    });
    expect(s5.InstanceTypeConfigSet).toEqual([
      {
        Zone: "ap-shanghai-2",
        InstanceType: "S5.16XLARGE256",
        InstanceFamily: "S5",
        GPU: 0,
        CPU: 64,
        Memory: 256,
        FPGA: 0,
        GpuCount: 0,
      },
    ]);
    const family = await t.cvm().DescribeInstanceTypeConfigs({
      Filters: [{ Name: "instance-family", Values: ["M2"] }],
    });
    expect(family.InstanceTypeConfigSet?.every((c) => c.InstanceFamily === "M2")).toBe(true);
    expect(
      await codeOf(t.cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "cpu", Values: ["2"] }] })),
    ).toBe("InvalidFilter");
    expect(
      await codeOf(t.cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "zone", Values: ["a", "b"] }] })),
    ).toBe("InvalidFilterValue.LimitExceeded");
    expect(
      await codeOf(
        t.cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "zone", Values: ["ap-guangzhou-1"] }] }),
      ),
    ).toBe("InvalidZone.MismatchRegion");
  });
});
