/**
 * The one reader of Tencent Cloud request parameters: readRequest against a shape, alone and
 * through each service's API.
 */
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { Client as EcmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_client";
import { Client as HaiClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client";
import type { RunningEmulator } from "pulumi-runinstances/emulator";
import { ApiError } from "../../../emulator/errors";
import { B, I, NO_PARAMETERS, S, Spec, arr, readRequest } from "../../../emulator/tencentcloud/shapes";
import { INSTANT, codeOf, tencent, useEmulator } from "../support";

const SPEC: Spec = {
  fields: {
    Name: S,
    Count: I,
    DryRun: B,
    Ids: arr(S),
    Disk: { fields: { Size: I, Type: S } },
    Disks: arr({ fields: { Size: I } }),
  },
};

const failure = (params: Record<string, unknown>, spec: Spec = SPEC) => {
  try {
    readRequest(params, spec);
    return "OK";
  } catch (e) {
    return `${(e as ApiError).code}: ${(e as ApiError).message}`;
  }
};

describe("readRequest", () => {
  it("answers the request without its null values, arrays as they are", () => {
    expect(
      readRequest(
        { Name: "a", Count: null, Disk: { Size: 10, Type: null }, Disks: [{ Size: 1 }], Ids: [] },
        SPEC,
      ),
    ).toEqual({ Name: "a", Disk: { Size: 10 }, Disks: [{ Size: 1 }], Ids: [] });
  });

  it.each([
    [
      "a name the model does not have",
      { Colour: "red" },
      "UnknownParameter: The parameter `Colour` is not recognized.",
    ],
    ["a nested one", { Disk: { Iops: 3 } }, "UnknownParameter: The parameter `Disk.Iops` is not recognized."],
    [
      "one in an array",
      { Disks: [{ Size: 1 }, { Iops: 3 }] },
      "UnknownParameter: The parameter `Disks.1.Iops` is not recognized.",
    ],
    ["a number for a string", { Name: 1 }, "InvalidParameter: The parameter `Name` must be a string."],
    [
      "a fraction for an integer",
      { Count: 1.5 },
      "InvalidParameter: The parameter `Count` must be an integer.",
    ],
    [
      "a string for a boolean",
      { DryRun: "true" },
      "InvalidParameter: The parameter `DryRun` must be a boolean.",
    ],
    ["a string for an array", { Ids: "ins-1" }, "InvalidParameter: The parameter `Ids` must be an array."],
    ["an array for an object", { Disk: [] }, "InvalidParameter: The parameter `Disk` must be an object."],
    ["null in an array", { Ids: ["a", null] }, "InvalidParameter: The parameter `Ids.1` must be a string."],
  ])("refuses %s", (_name, params, expected) => {
    expect(failure(params)).toBe(expected);
  });

  it("an action without parameters refuses every name", () => {
    expect(failure({ Zone: "x" }, NO_PARAMETERS)).toBe(
      "UnknownParameter: The parameter `Zone` is not recognized.",
    );
    expect(failure({}, NO_PARAMETERS)).toBe("OK");
  });
});

const t = useEmulator({ settings: INSTANT });
const cvm = (emu: RunningEmulator) => tencent(CvmClient, emu, { region: "ap-shanghai" });
const ecmRun = (patch: Record<string, unknown>) =>
  tencent(EcmClient, t.emu).RunInstances({
    ZoneInstanceCountISPSet: [{ Zone: "ap-xian-ecm-1", InstanceCount: 1, ISP: "CMCC" }],
    ModuleId: "esm-jz2wm3m2",
    Password: "Passw0rd",
    ...patch,
  } as never);
const haiRun = (patch: Record<string, unknown>) =>
  tencent(HaiClient, t.emu, { region: "ap-guangzhou" }).RunInstances({
    ApplicationId: "app-jknfna",
    BundleType: "XL",
    ...patch,
  } as never);
const cvmRun = (patch: Record<string, unknown>) =>
  cvm(t.emu).RunInstances({
    Placement: { Zone: "ap-shanghai-2" },
    ImageId: "img-pmqg1cw7",
    DryRun: true,
    ...patch,
  } as never);

describe("every Tencent Cloud service reads its request this way", () => {
  it.each([
    ["CVM: an unknown parameter", () => cvmRun({ Foo: 1 }), "UnknownParameter"],
    [
      "CVM: an unknown nested parameter",
      () => cvmRun({ Placement: { Zone: "ap-shanghai-2", Foo: 1 } }),
      "UnknownParameter",
    ],
    ["CVM: a value of the wrong type", () => cvmRun({ InstanceCount: "2" }), "InvalidParameter"],
    ["ECM: an unknown parameter", () => ecmRun({ Zone: "ap-xian-ecm-1" }), "UnknownParameter"],
    [
      "ECM: an unknown nested parameter",
      () =>
        ecmRun({
          ZoneInstanceCountISPSet: [{ Zone: "ap-xian-ecm-1", InstanceCount: 1, ISP: "CMCC", Foo: 1 }],
        }),
      "UnknownParameter",
    ],
    ["ECM: a value of the wrong type", () => ecmRun({ DataDiskSize: "100" }), "InvalidParameter"],
    ["HAI: an unknown parameter", () => haiRun({ Zone: "ap-guangzhou-3" }), "UnknownParameter"],
    [
      "HAI: an unknown nested parameter",
      () => haiRun({ SystemDisk: { DiskSize: 100, Iops: 3 } }),
      "UnknownParameter",
    ],
    ["HAI: a value of the wrong type", () => haiRun({ InstanceCount: "2" }), "InvalidParameter"],
  ])("%s", async (_name, call, code) => {
    expect(await codeOf(call())).toBe(code);
    expect(await t.emu.control.instances()).toEqual([]);
  });
});
