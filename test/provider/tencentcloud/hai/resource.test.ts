/**
 * The resource class under Pulumi's mocks: its type token, its serialized provider (the shim, by
 * package path) and its identity. The engine-path harness checks the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import { mockResources, resolved } from "../../mocks";

const registered = mockResources("hai-abcdefgh", { region: "ap-guangzhou" });

describe("HaiInstance resource class", () => {
  it("registers pulumi-nodejs:dynamic/tencentcloud:HaiInstance with the shim and its identity", async () => {
    const { HaiInstance } = await import("../../../../provider/tencentcloud/hai/resource");
    const r = new HaiInstance("gpu", {
      applicationId: "app-jknfna",
      bundleType: "XL",
      systemDisk: { diskSize: pulumi.output(100) },
      running: false,
    });
    expect(await resolved(r.instanceIds)).toEqual(["hai-abcdefgh"]);
    expect(await resolved(r.region)).toBe("ap-guangzhou");
    expect(await resolved(r.running)).toBe(false);
    const [reg] = registered;
    expect(reg.type).toBe("pulumi-nodejs:dynamic/tencentcloud:HaiInstance");
    expect(reg.inputs).toMatchObject({
      __identity: "proj/dev/gpu",
      applicationId: "app-jknfna",
      bundleType: "XL",
      systemDisk: { diskSize: 100 },
      running: false,
    });
    const shim = String(reg.inputs.__provider);
    expect(shim).toContain("pulumi-runinstances/provider/tencentcloud/hai/provider");
    expect(shim.length).toBeLessThan(4000);
  });
});
