/**
 * Instance roles, as far as the SDKs allow. The SDKs hard-code the metadata hosts
 * (metadata.tencentyun.com, 100.100.100.200), which no test may reach: here the emulator serves
 * the metadata paths, and
 *   - for Tencent Cloud the metadata fetch of the SDK's CvmRoleCredential is INJECTED
 *     (setTencentMetadataFetch) to go to the emulator instead of metadata.tencentyun.com;
 *   - for Alibaba Cloud, whose ECS provider has no hook, the same answer is read through the SDK's
 *     credentials-URI provider (ALIBABA_CLOUD_CREDENTIALS_URI), the SDK's own way to serve
 *     instance-style credentials from elsewhere; the ECS metadata step stays disabled.
 */
import { DEFAULT_SECRET_ID } from "pulumi-runinstances/emulator";
import { ListInstancesRequest } from "@alicloud/swas-open20200601";
import { stackConfig, useCredentialsEnv } from "./credentials-support";
import { callTencent, tencentTarget } from "../../../provider/tencentcloud/client";
import { alicloudTarget, callAlicloud } from "../../../provider/alicloud/client";
import { operation } from "../../../provider/core/context";
import { setTencentMetadataFetch } from "../../../provider/core/credentials/tencent";

const ctx = useCredentialsEnv();
afterEach(() => setTencentMetadataFetch(undefined));

const op = () => operation(ctx.env.rt, "test", 60_000);
const lastAccount = (service: string) =>
  ctx.env.emu.world.log.filter((e) => e.service === service).at(-1)?.account;

/** The injected fetch: metadata.tencentyun.com/latest/meta-data/<path> served by the emulator. */
const emulatorMetadata = (path: string) => fetch(`${ctx.env.emu.url}/latest/meta-data/${path}`);

describe("Tencent Cloud CVM role (CvmRoleCredential, metadata fetch injected)", () => {
  const describeInstances = () =>
    callTencent(
      op(),
      "cvm",
      "DescribeInstances",
      tencentTarget("ap-guangzhou"),
      (c) => c.DescribeInstances({}),
      {
        idempotent: true,
      },
    );

  it("discovers the bound role and signs with its temporary credentials", async () => {
    setTencentMetadataFetch(emulatorMetadata);
    await describeInstances();
    expect(lastAccount("cvm")).toBe(DEFAULT_SECRET_ID);
  });

  it("tencentcloud:camRoleName names the role; another name finds no credentials", async () => {
    setTencentMetadataFetch(emulatorMetadata);
    stackConfig({ "tencentcloud:camRoleName": "runinstances-deployer" });
    await describeInstances();
    expect(lastAccount("cvm")).toBe(DEFAULT_SECRET_ID);
    stackConfig({ "tencentcloud:camRoleName": "other" });
    await expect(describeInstances()).rejects.toThrow(/CVM instance role other .*http code: 404/);
  });

  it("without the injection, no metadata step runs against the emulator", async () => {
    await expect(describeInstances()).rejects.toThrow(/no Tencent Cloud credentials found/);
    await expect(describeInstances()).rejects.not.toThrow(/CVM instance role/);
  });
});

describe("Alibaba Cloud instance-style credentials (the SDK's credentials-URI provider)", () => {
  it("reads the role's credentials the emulator serves at the ECS metadata path", async () => {
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = `${ctx.env.emu.url}/latest/meta-data/ram/security-credentials/runinstances-deployer`;
    await callAlicloud(
      op(),
      "ListInstances",
      alicloudTarget("cn-hangzhou"),
      (c) => c.listInstances(new ListInstancesRequest({ regionId: "cn-hangzhou" })),
      { idempotent: true },
    );
    expect(lastAccount("swas")).toBe(DEFAULT_SECRET_ID);
  });
});
