/**
 * Emulated Alibaba Cloud STS 2015-04-01 over TLS. @alicloud/credentials forces https and takes no
 * CA: it runs in a child process that trusts the emulator's test certificate through
 * NODE_EXTRA_CA_CERTS (read at process start), the way a user's process would. The temporary
 * credentials it gets are then used by the SWAS SDK in this process.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import https from "node:https";
import Swas, { ListInstancesRequest } from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import http from "node:http";
import { INSTANT, codeOf, useEmulator, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "../../support";
import { accountIdOf } from "../../../../emulator/sessions";
import { TEST_CA_CERT } from "../../../../emulator/tls";
import { rpcSignature } from "../../../../emulator/alicloud/sts/signature";

const ctx = useEmulator({ settings: INSTANT });
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-sts-"));
  fs.writeFileSync(path.join(dir, "ca.pem"), TEST_CA_CERT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROLE = () => `acs:ram::${accountIdOf(DEFAULT_SECRET_ID)}:role/deployer`;

interface Creds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

/** Runs one of the library's providers in a child process trusting the test certificate. */
function library(build: string): Promise<Creds> {
  const script = `
    const C = require(${JSON.stringify(require.resolve("@alicloud/credentials"))});
    const host = ${JSON.stringify(ctx.emu.url.replace("http://", ""))};
    (${build}).getCredentials().then(
      (c) => console.log(JSON.stringify({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken })),
      (e) => { console.log(JSON.stringify({ error: e.message })); },
    );`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ["-e", script],
      { env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem") }, timeout: 30_000 },
      (err, stdout) => {
        if (err) return reject(err);
        const out = JSON.parse(stdout) as Creds & { error?: string };
        if (out.error) return reject(new Error(out.error));
        resolve(out);
      },
    ),
  );
}

const assumeRole = (secret = DEFAULT_SECRET_KEY) =>
  library(`C.RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(C.StaticAKCredentialsProvider.builder().withAccessKeyId(${JSON.stringify(DEFAULT_SECRET_ID)}).withAccessKeySecret(${JSON.stringify(secret)}).build())
    .withRoleArn(${JSON.stringify(ROLE())}).withRoleSessionName("ci").withDurationSeconds(900).withStsEndpoint(host).build()`);

/** ListInstances of SWAS signed with temporary credentials (the token as x-acs-security-token). */
function listWith(c: Creds, token = c.securityToken) {
  const swas = new Swas(
    new $OpenApi.$OpenApiUtil.Config({
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: token,
      endpoint: ctx.emu.url.replace("http://", ""),
      protocol: "http",
      regionId: "cn-hangzhou",
    }),
  );
  return swas.listInstances(new ListInstancesRequest({ regionId: "cn-hangzhou" }));
}

test("AssumeRole (HMAC-SHA1 signed, over TLS): SWAS accepts the session with its token, until it expires", async () => {
  const c = await assumeRole();
  expect(c.accessKeyId).toMatch(/^STS\./);
  expect(await codeOf(listWith(c))).toBe("OK");
  expect(ctx.emu.world.log.at(-1)?.account).toBe(DEFAULT_SECRET_ID);
  expect(await codeOf(listWith(c, "other"))).toBe("InvalidSecurityToken.MismatchWithAccessKey");
  ctx.emu.world.advanceClock(900_000);
  expect(await codeOf(listWith(c))).toBe("InvalidSecurityToken.Expired");
});

test("a wrong secret fails the signature: the library reports the key as invalid", async () => {
  await expect(assumeRole("wrong")).rejects.toThrow(/SignatureDoesNotMatch|access key secret is invalid/);
});

test("AssumeRoleWithOIDC is unsigned, with the token file's content, and acts in the role's account", async () => {
  const token = path.join(dir, "oidc-token");
  fs.writeFileSync(token, "header.payload.sig");
  const c = await library(`C.OIDCRoleArnCredentialsProvider.builder()
    .withRoleArn("acs:ram::100000000042:role/ci").withOIDCProviderArn("acs:ram::100000000042:oidc-provider/gh")
    .withOIDCTokenFilePath(${JSON.stringify(token)}).withRoleSessionName("ci").withStsEndpoint(host).build()`);
  expect(c.accessKeyId).toMatch(/^STS\./);
  const identity = await rpc("GetCallerIdentity", c);
  expect(identity).toMatchObject({ AccountId: "100000000042", IdentityType: "AssumedRoleUser" });
});

/** A signed RPC call over HTTPS (this process passes the CA itself). */
function rpc(action: string, c: Creds, over: "https" | "http" = "https"): Promise<Record<string, unknown>> {
  const params: Record<string, string> = {
    Action: action,
    Version: "2015-04-01",
    Format: "JSON",
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: String(Math.random()),
    AccessKeyId: c.accessKeyId,
    ...(c.securityToken ? { SecurityToken: c.securityToken } : {}),
  };
  params.Signature = rpcSignature("POST", params, c.accessKeySecret);
  const url = `${over}://127.0.0.1:${ctx.emu.port}/?${new URLSearchParams(params)}`;
  const mod = over === "https" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: "POST", ca: TEST_CA_CERT }, (res: http.IncomingMessage) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end();
  });
}

test("GetCallerIdentity of a key pair; STS refuses plain HTTP", async () => {
  const key = { accessKeyId: DEFAULT_SECRET_ID, accessKeySecret: DEFAULT_SECRET_KEY, securityToken: "" };
  expect(await rpc("GetCallerIdentity", key)).toMatchObject({
    AccountId: accountIdOf(DEFAULT_SECRET_ID),
    IdentityType: "Account",
  });
  expect(await rpc("GetCallerIdentity", key, "http")).toMatchObject({ Code: "InvalidProtocol.NeedSsl" });
  expect(await rpc("GetCallerIdentity", { ...key, accessKeySecret: "wrong" })).toMatchObject({
    Code: "SignatureDoesNotMatch",
  });
});
