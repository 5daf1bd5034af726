/**
 * The resource class under Pulumi's mocks: its type token, its serialized provider (the shim, by
 * package path) and the password's secrecy. additionalSecretOutputs is not visible to mocks: the
 * engine-path harness checks it.
 */
import * as pulumi from "@pulumi/pulumi";
import { mockResources, resolved } from "../../mocks";

const registered = mockResources("ins-12345678");

describe("CvmHourlyInstance resource class", () => {
  it("registers pulumi-nodejs:dynamic/tencentcloud:CvmHourlyInstance with the shim and a secret password", async () => {
    const { CvmHourlyInstance } = await import("../../../../provider/tencentcloud/cvm-hourly/resource");
    const r = new CvmHourlyInstance("legacy", {
      zoneId: 100001,
      cpu: 1,
      mem: 2,
      imageId: "img-3wnd9xpl",
      storageSize: 50,
      password: "Qcloud@123",
    });
    expect(await resolved(r.instanceIds)).toEqual(["ins-12345678"]);
    expect(await pulumi.isSecret(r.password)).toBe(true);
    const [reg] = registered;
    expect(reg.type).toBe("pulumi-nodejs:dynamic/tencentcloud:CvmHourlyInstance");
    expect(reg.inputs.__identity).toBe("proj/dev/CvmHourlyInstance/legacy");
    const shim = String(reg.inputs.__provider);
    expect(shim).toContain("pulumi-runinstances/provider/tencentcloud/cvm-hourly/provider");
    expect(shim).not.toContain("Qcloud@123");
    expect(shim.length).toBeLessThan(4000);
  });
});
