/**
 * The region of the Alibaba Cloud CLI's profile (~/.aliyun/config.json, `region_id`), which the
 * anchors use when nothing else names a region. The credentials of that file are read by the
 * SDK's CLIProfileCredentialsProvider; its region the SDK does not expose synchronously.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const aliyunConfigFile = () => path.join(os.homedir(), ".aliyun", "config.json");

/** The region_id of the named profile (default: the file's `current`), when the file has one. */
export function aliyunProfileRegion(profile: string | undefined): string | undefined {
  const file = aliyunConfigFile();
  if (!fs.existsSync(file)) return undefined;
  try {
    const conf = JSON.parse(fs.readFileSync(file, "utf8")) as {
      current?: string;
      profiles?: Array<{ name?: string; region_id?: string }>;
    };
    const name = profile ?? conf.current;
    return conf.profiles?.find((p) => p.name === name)?.region_id || undefined;
  } catch {
    return undefined;
  }
}
