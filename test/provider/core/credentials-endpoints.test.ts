/** Where calls go: runinstances:endpoint wins; then tencentcloud:domain/protocol and alicloud:endpoints. */
import {
  alicloudEndpoint,
  tencentEndpoint,
  tencentHttpProfile,
} from "../../../provider/core/credentials/endpoints";
import { Home, stackConfig, tempHome } from "./credentials-support";

let home: Home;
beforeEach(() => {
  home = tempHome();
  delete process.env.RUNINSTANCES_ENDPOINT;
});
afterEach(() => home.restore());

it("Tencent Cloud: the SDK's own host by default, <service>.<domain> and the protocol when set", () => {
  expect(tencentEndpoint("cvm")).toBeUndefined();
  expect(tencentHttpProfile("cvm")).toEqual({ reqTimeout: 30, agent: expect.any(Object) });
  stackConfig({ "tencentcloud:domain": "intl.tencentcloudapi.com" });
  expect(tencentEndpoint("cvm")).toEqual({ protocol: "https", host: "cvm.intl.tencentcloudapi.com" });
  stackConfig({ "tencentcloud:domain": "internal.example", "tencentcloud:protocol": "HTTP" });
  expect(tencentHttpProfile("sts")).toEqual({
    reqTimeout: 30,
    agent: expect.any(Object),
    endpoint: "sts.internal.example",
    protocol: "http://",
  });
  process.env.TENCENTCLOUD_DOMAIN = "from-env.example";
  stackConfig({});
  expect(tencentEndpoint("hai")?.host).toBe("hai.from-env.example");
});

it("Alibaba Cloud: alicloud:endpoints per product (swasOpen before swas, sts), as an object or pulumi-alicloud's list", () => {
  expect(alicloudEndpoint("swas", "swas.cn-hangzhou.aliyuncs.com")).toEqual({
    protocol: "https",
    host: "swas.cn-hangzhou.aliyuncs.com",
  });
  stackConfig({
    "alicloud:endpoints": [{ swas: "swas.vpc.example", sts: "sts-vpc.cn-hangzhou.aliyuncs.com" }],
  });
  expect(alicloudEndpoint("swas", "x").host).toBe("swas.vpc.example");
  expect(alicloudEndpoint("sts", "x").host).toBe("sts-vpc.cn-hangzhou.aliyuncs.com");
  stackConfig({ "alicloud:endpoints": { swas: "a.example", swasOpen: "http://b.example:8080" } });
  expect(alicloudEndpoint("swas", "x")).toEqual({ protocol: "http", host: "b.example:8080" });
});

it("runinstances:endpoint wins over every other setting", () => {
  stackConfig({
    "runinstances:endpoint": "http://127.0.0.1:18080",
    "tencentcloud:domain": "intl.tencentcloudapi.com",
    "alicloud:endpoints": { swas: "a.example" },
  });
  expect(tencentEndpoint("cvm")).toEqual({ protocol: "http", host: "127.0.0.1:18080" });
  expect(alicloudEndpoint("swas", "x")).toEqual({ protocol: "http", host: "127.0.0.1:18080" });
  expect(tencentHttpProfile("cvm").agent).toBeDefined();
});
