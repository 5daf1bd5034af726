/**
 * Bytes that stacks already hold, pinned. A derived ClientToken that changes buys a second set of
 * instances on the next create after a crash; ECM marks that change stop a create from finding its
 * own instances; a module path that the stored provider text requires and the package no longer
 * exports breaks refresh and destroy of every existing stack. A change to any of them must keep
 * reading the old form too.
 */
import * as pulumi from "@pulumi/pulumi";
import { deriveClientToken } from "../../../provider/core/launch";
import * as cvm from "../../../provider/tencentcloud/cvm/provider";
import { CvmInstanceArgsSchema } from "../../../provider/tencentcloud/cvm/schema";
import * as hai from "../../../provider/tencentcloud/hai/provider";
import { HaiInstanceArgsSchema } from "../../../provider/tencentcloud/hai/schema";
import * as swas from "../../../provider/alicloud/swas/provider";
import { SwasInstanceArgsSchema } from "../../../provider/alicloud/swas/schema";
import * as ecm from "../../../provider/tencentcloud/ecm/provider";
import { EcmInstanceArgsSchema } from "../../../provider/tencentcloud/ecm/schema";
import { CvmHourlyInstanceArgsSchema } from "../../../provider/tencentcloud/cvm-hourly/schema";
import { toCvmArgs } from "../../../provider/tencentcloud/cvm-hourly/translate";

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "proj",
    "dev",
  ),
);

const resolved = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe("the ClientToken derivation", () => {
  it("hashes identity, request (keys in any order), salt and generation as it always did", () => {
    expect(deriveClientToken("proj/dev/web", { B: [2, { D: 3, C: 4 }], A: 1 }, "", 0)).toBe(
      "pulumi-aed1d5a79fc0951d72084328bb313be3b6b245f2-0",
    );
    expect(deriveClientToken("proj/dev/web", { A: 1 }, "scale:ins-00000001", 2)).toBe(
      "pulumi-89a84bf6186bf9d1e8a26e60769144d95ea0f592-2",
    );
  });

  it("gives CvmInstance the token it always gave (the password left out)", () => {
    const inputs = { __identity: "proj/dev/web" };
    const args = CvmInstanceArgsSchema.parse({
      placement: { zone: "ap-guangzhou-3" },
      imageId: "img-pmqg1cw7",
      instanceType: "S5.MEDIUM4",
      instanceCount: 2,
      instanceName: "web-{R:1}",
      loginSettings: { password: "Passw0rd!" },
    });
    const token = cvm.deriveToken(inputs, args, 2, "", 0);
    expect(token).toBe("pulumi-0f51da6df715d7b198a4522c9fc8407ed2fd1b32-0");
    const other = CvmInstanceArgsSchema.parse({ ...args, loginSettings: { password: "0therPass!" } });
    expect(cvm.deriveToken(inputs, other, 2, "", 0)).toBe(token);
    expect(cvm.deriveToken(inputs, args, 1, "scale:ins-00000001", 1)).toBe(
      "pulumi-56620c4ddd26616b6b8ce59e5f5677f9f7312e55-1",
    );
  });

  it("gives CvmHourlyInstance the token it always gave (through its translated request)", () => {
    const inputs = { __identity: "proj/dev/CvmHourlyInstance/legacy" };
    const legacy = CvmHourlyInstanceArgsSchema.parse({
      zoneId: 100003,
      cpu: 1,
      mem: 2,
      imageId: "img-3wnd9xpl",
      storageSize: 50,
      goodsNum: 2,
      password: "Qcloud@123",
    });
    const args = toCvmArgs(legacy, { zone: "ap-guangzhou-3", instanceType: "S1.SMALL2" });
    expect(cvm.deriveToken(inputs, args, 2, "", 0)).toBe("pulumi-f94a50f52e5e05b569d04d4638079f884b0d25e9-0");
  });

  it("gives HaiInstance the token it always gave", () => {
    const args = HaiInstanceArgsSchema.parse({
      applicationId: "app-jknfna",
      bundleType: "XL",
      systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 100 },
      instanceCount: 2,
      instanceName: "gpu",
    });
    expect(hai.deriveToken({ __identity: "proj/dev/gpu" }, args, 2, "", 0)).toBe(
      "pulumi-849c2f145c03aea97b0654306530d8f5b41e1cf4-0",
    );
  });

  it("gives SwasInstance the token it always gave", () => {
    const args = SwasInstanceArgsSchema.parse({
      imageId: "794526736f3b4d2a9b1b6d3c5e8f0a12",
      planId: "swas.s2.c2m1s40b1.linux",
      period: 1,
      amount: 2,
      password: "Passw0rd!",
    });
    expect(swas.deriveToken({ __identity: "proj/dev/blog" }, args, "cn-hangzhou", 2, "", 0)).toBe(
      "pulumi-c75fd9f3dca35e7acc974698938a9c94bf1bf812-0",
    );
  });
});

describe("EcmInstance's marks", () => {
  const args = EcmInstanceArgsSchema.parse({
    zoneInstanceCountISPSet: [
      { zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CTCC" },
      { zone: "ap-chengdu-ecm-1", instanceCount: 1, isp: "CMCC" },
    ],
    moduleId: "em-12345678",
    instanceName: "edge",
    password: "Passw0rd!",
    securityGroupIds: ["sg-12345678"],
  });

  it("are the tags pulumi:resource, pulumi:generation and pulumi:request", () => {
    expect(ecm.MARK_TAGS).toEqual({
      resource: "pulumi:resource",
      generation: "pulumi:generation",
      request: "pulumi:request",
    });
  });

  it("hash the identity and the request (not the name, groups or password) as they always did", () => {
    const mark = ecm.markOf({ __identity: "proj/dev/edge" }, args, 3);
    expect(mark).toEqual({
      resource: "d9e7c6644eb5a33c7940840e0674ac9f",
      request: "c74dc305e7960dd1",
      generation: 3,
    });
    const renamed = EcmInstanceArgsSchema.parse({
      ...args,
      instanceName: "other",
      password: "0therPass!",
      securityGroupIds: ["sg-87654321"],
    });
    expect(ecm.markOf({ __identity: "proj/dev/edge" }, renamed, 3)).toEqual(mark);
  });
});

describe("the module paths the provider text requires", () => {
  it("installed under node_modules: each resource's shim module, by the package's own exports", () => {
    // Pulumi writes a module under node_modules as a require of its path, mapped through the
    // exports map when it can read the package (pulumi-runinstances/provider/<cloud>/<kind>/shim),
    // else as the file (pulumi-runinstances/dist/provider/<cloud>/<kind>/shim.js): both resolve.
    const exportsMap = (require("../../../package.json") as { exports: Record<string, unknown> }).exports;
    expect(exportsMap["./dist/provider/*"]).toBe("./dist/provider/*");
    for (const dir of [
      "tencentcloud/cvm",
      "tencentcloud/cvm-hourly",
      "tencentcloud/ecm",
      "tencentcloud/hai",
      "alicloud/swas",
    ]) {
      const shim = require(`../../../provider/${dir}/shim`) as Record<string, unknown>;
      for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
        expect(typeof shim[method]).toBe("function");
      }
    }
  });

  it("are the five provider modules, each exported by the package with a provider", async () => {
    const { CvmInstance, CvmHourlyInstance, EcmInstance, HaiInstance, SwasInstance } =
      await import("../../../provider/index");
    const resources = [
      new CvmInstance("a", { placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" }),
      new CvmHourlyInstance("b", { zoneId: 100003, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0 }),
      new EcmInstance("c", {
        zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
        moduleId: "em-12345678",
      }),
      new HaiInstance("d", { applicationId: "app-jknfna", bundleType: "XL" }),
      new SwasInstance("e", { imageId: "794526736f3b4d2a9b1b6d3c5e8f0a12", planId: "swas.s1", period: 1 }),
    ];
    await Promise.all(resources.map((r) => resolved(r.urn)));
    // The shim captures its module path and requires it at call time, once per method.
    const required = registered.map((reg) => {
      const text = String(reg.inputs.__provider);
      for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
        expect(text).toContain(`require(modulePath).provider.${method}(`);
      }
      return [reg.type, [...new Set([...text.matchAll(/modulePath: "([^"]+)"/g)].map((m) => m[1]))]];
    });
    expect(Object.fromEntries(required)).toEqual({
      "pulumi-nodejs:dynamic/tencentcloud:CvmInstance": [
        "pulumi-runinstances/provider/tencentcloud/cvm/provider",
      ],
      "pulumi-nodejs:dynamic/tencentcloud:CvmHourlyInstance": [
        "pulumi-runinstances/provider/tencentcloud/cvm-hourly/provider",
      ],
      "pulumi-nodejs:dynamic/tencentcloud:EcmInstance": [
        "pulumi-runinstances/provider/tencentcloud/ecm/provider",
      ],
      "pulumi-nodejs:dynamic/tencentcloud:HaiInstance": [
        "pulumi-runinstances/provider/tencentcloud/hai/provider",
      ],
      "pulumi-nodejs:dynamic/alicloud:SwasInstance": ["pulumi-runinstances/provider/alicloud/swas/provider"],
    });
    // The package's exports map resolves every one of them, to a module with the seven methods.
    const exportsMap = (require("../../../package.json") as { exports: Record<string, unknown> }).exports;
    expect(Object.keys(exportsMap)).toContain("./provider/*");
    for (const [, paths] of required) {
      for (const path of paths as string[]) {
        const local = path.replace(/^pulumi-runinstances\/provider\//, "../../../provider/");
        const mod = require(local) as { provider: Record<string, unknown> };
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
          expect(typeof mod.provider[method]).toBe("function");
        }
      }
    }
  });
});
