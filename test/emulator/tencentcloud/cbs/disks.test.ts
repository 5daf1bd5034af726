/** CBS ResizeDisk and DescribeDisks through the real SDK, over the disks of CVM instances. */
import { Client as CbsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_client";
import { codeOf, tencent } from "../../support";
import { cvmTest } from "../cvm/support";

const t = cvmTest();
const cbs = () => tencent(CbsClient, t.emu, { region: "ap-shanghai" });

async function withDataDisk(): Promise<{ id: string; diskId: string }> {
  const [id] = await t.run({ DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100 }] });
  return { id, diskId: (await t.describe1(id))!.DataDisks![0].DiskId! };
}

describe("CBS 2017-03-12", () => {
  it("DescribeDisks finds an instance's data disks by filters", async () => {
    const { id, diskId } = await withDataDisk();
    const res = await cbs().DescribeDisks({
      Filters: [
        { Name: "instance-id", Values: [id] },
        { Name: "disk-usage", Values: ["DATA_DISK"] },
      ],
    });
    expect(res.TotalCount).toBe(1);
    expect(res.DiskSet?.[0]).toMatchObject({
      DiskId: diskId,
      DiskSize: 100,
      Portable: true,
      DiskState: "ATTACHED",
    });
    expect(await codeOf(cbs().DescribeDisks({ Filters: [{ Name: "colour", Values: ["x"] }] }))).toBe(
      "InvalidFilter",
    );
  });

  it("ResizeDisk is asynchronous: EXPANDING, then the new size, in CVM's DescribeInstances too", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const { id, diskId } = await withDataDisk();
    await cbs().ResizeDisk({ DiskId: diskId, DiskSize: 200 });
    const during = (await cbs().DescribeDisks({ DiskIds: [diskId] })).DiskSet?.[0];
    expect(during).toMatchObject({ DiskState: "EXPANDING", DiskSize: 100 });
    expect(await codeOf(cbs().ResizeDisk({ DiskId: diskId, DiskSize: 300 }))).toBe("InvalidDisk.Busy");
    await t.emu.control.advanceClock(1000);
    expect((await cbs().DescribeDisks({ DiskIds: [diskId] })).DiskSet?.[0]).toMatchObject({
      DiskState: "ATTACHED",
      DiskSize: 200,
    });
    expect((await t.describe1(id))?.DataDisks?.[0].DiskSize).toBe(200);
  });

  it("refuses a smaller size, an unknown disk and a system disk", async () => {
    const { id, diskId } = await withDataDisk();
    expect(await codeOf(cbs().ResizeDisk({ DiskId: diskId, DiskSize: 50 }))).toBe("InvalidParameterValue");
    expect(await codeOf(cbs().ResizeDisk({ DiskId: "disk-00000000", DiskSize: 500 }))).toBe(
      "InvalidDiskId.NotFound",
    );
    const system = (await t.describe1(id))!.SystemDisk!.DiskId!;
    expect(await codeOf(cbs().ResizeDisk({ DiskId: system, DiskSize: 500 }))).toBe(
      "InvalidDisk.NotSupported",
    );
  });
});
