/**
 * The resource class under Pulumi's mocks: its type token, its serialized provider (the shim, by
 * package path), its identity, and the password as a secret. The engine-path harness checks the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import { mockResources, resolved } from "../../mocks";

const registered = mockResources("3a658ca270df4df39f22e289b3380000", { regionId: "cn-hangzhou" });

describe("SwasInstance resource class", () => {
  it("registers pulumi-nodejs:dynamic/alicloud:SwasInstance with the shim and its identity", async () => {
    const { SwasInstance } = await import("../../../../provider/alicloud/swas/resource");
    const r = new SwasInstance("web", {
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: pulumi.output("swas.s1.c1m1s40b3t05"),
      period: 1,
      password: "Swas@Test123",
      running: false,
    });
    expect(await resolved(r.instanceIds)).toEqual(["3a658ca270df4df39f22e289b3380000"]);
    expect(await resolved(r.regionId)).toBe("cn-hangzhou");
    expect(await resolved(r.running)).toBe(false);
    const [reg] = registered;
    expect(reg.type).toBe("pulumi-nodejs:dynamic/alicloud:SwasInstance");
    expect(reg.inputs).toMatchObject({
      __identity: "proj/dev/web",
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      running: false,
    });
    const shim = String(reg.inputs.__provider);
    expect(shim).toContain("pulumi-runinstances/provider/alicloud/swas/provider");
    expect(shim).not.toContain("Swas@Test123");
    expect(shim.length).toBeLessThan(4000);
  });

  it("keeps the password secret, as an input and as an output", async () => {
    const { SwasInstance } = await import("../../../../provider/alicloud/swas/resource");
    const r = new SwasInstance("secret", {
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      password: "Swas@Test123",
    });
    expect(await pulumi.isSecret(r.password)).toBe(true);
    expect(await resolved(r.password)).toBe("Swas@Test123");
  });
});
