/**
 * tccli's profile files, which the anchors (terraform-provider-tencentcloud `profile`,
 * `shared_credentials_dir`) read and the Tencent Cloud SDK does not: `<dir>/<profile>.credential`
 * (JSON: secretId, secretKey, token, role-arn, role-session-name, type "cvm-role") and
 * `<dir>/<profile>.configure` (JSON: `_sys_param.region`), `<dir>` being `~/.tccli` by default.
 * The one credential file read by hand here, because no SDK provider reads it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface TccliLocation {
  /** The directory (default ~/.tccli); a leading ~ is the home directory. */
  dir?: string;
  profile: string;
}

export interface TccliProfile {
  /** The .credential file, for messages (a path, never its content). */
  file: string;
  secretId?: string;
  secretKey?: string;
  token?: string;
  roleArn?: string;
  roleSessionName?: string;
  /** `tccli configure set use-cvm-role true`: the instance's CAM role. */
  cvmRole: boolean;
  region?: string;
}

export function tccliDir(dir: string | undefined): string {
  if (!dir) return path.join(os.homedir(), ".tccli");
  return dir.startsWith("~") ? path.join(os.homedir(), dir.slice(1)) : dir;
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    // The message names the file only: its content holds keys.
    throw new Error(`tccli profile ${file} is not valid JSON`);
  }
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The profile, or undefined when its .credential file does not exist. */
export function tccliProfile(at: TccliLocation): TccliProfile | undefined {
  const base = path.join(tccliDir(at.dir), at.profile);
  const file = `${base}.credential`;
  const cred = readJson(file);
  if (!cred) return undefined;
  const sys = readJson(`${base}.configure`)?._sys_param as Record<string, unknown> | undefined;
  return {
    file,
    secretId: str(cred.secretId),
    secretKey: str(cred.secretKey),
    token: str(cred.token),
    roleArn: str(cred["role-arn"]),
    roleSessionName: str(cred["role-session-name"]),
    cvmRole: cred.type === "cvm-role",
    region: str(sys?.region),
  };
}
