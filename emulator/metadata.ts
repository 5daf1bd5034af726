/**
 * The instance metadata services' role credentials, as if the caller ran on an instance with a
 * role bound (settings.instanceRole; "" for none):
 *
 *   GET /latest/meta-data/cam/security-credentials/[<role>]   Tencent Cloud CVM
 *       (metadata.tencentyun.com): the role's name, then {TmpSecretId, TmpSecretKey, Token,
 *       ExpiredTime, Expiration, Code: "Success"}
 *   GET /latest/meta-data/ram/security-credentials/[<role>]   Alibaba Cloud ECS
 *       (100.100.100.200): the role's name, then {AccessKeyId, AccessKeySecret, SecurityToken,
 *       Expiration, LastUpdated, Code: "Success"}, the shape a credentials URI answers too
 *
 * The SDKs hard-code those hosts: tests inject a fetch that comes here (Tencent Cloud's
 * CvmRoleCredential), or name this URL as ALIBABA_CLOUD_CREDENTIALS_URI (Alibaba Cloud's ECS
 * provider has no hook). The credentials act in the account of the emulator's default key pair.
 */
import type http from "node:http";
import type { World } from "./world";
import { DEFAULT_SECRET_ID } from "./settings";
import { accountIdOf, issueSession } from "./sessions";

const CLOUDS = {
  cam: { prefix: "AKID", arn: (id: string, role: string) => `qcs::cam::uin/${id}:roleName/${role}` },
  ram: { prefix: "STS.", arn: (id: string, role: string) => `acs:ram::${id}:role/${role}` },
} as const;

const PATH = /^\/latest\/meta-data\/(cam|ram)\/security-credentials\/([^/]*)$/;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Answers a metadata path; false when the path is not one. */
export function serveMetadata(world: World, url: URL, res: http.ServerResponse): boolean {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  const cloud = m[1] as keyof typeof CLOUDS;
  const role = world.settings.instanceRole;
  const send = (status: number, text: string) => {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(text);
  };
  if (!role || (m[2] && m[2] !== role)) {
    send(404, "Not Found");
    return true;
  }
  if (!m[2]) {
    send(200, role);
    return true;
  }
  const id = accountIdOf(DEFAULT_SECRET_ID);
  const s = issueSession(
    world,
    CLOUDS[cloud].prefix,
    { account: DEFAULT_SECRET_ID, roleArn: CLOUDS[cloud].arn(id, role), sessionName: "instance" },
    // The clouds rotate instance-role credentials hours ahead; 6 h here.
    6 * 3600,
  );
  const body =
    cloud === "cam"
      ? {
          TmpSecretId: s.secretId,
          TmpSecretKey: s.secretKey,
          Token: s.token,
          ExpiredTime: s.expiresAt / 1000,
          Expiration: iso(s.expiresAt),
          Code: "Success",
        }
      : {
          AccessKeyId: s.secretId,
          AccessKeySecret: s.secretKey,
          SecurityToken: s.token,
          Expiration: iso(s.expiresAt),
          LastUpdated: iso(world.now()),
          Code: "Success",
        };
  send(200, JSON.stringify(body));
  return true;
}
