// The reliability suite's program: one resource of any kind, as a user writes it. Stack config:
//   rel:module      folder of the resource under pulumi-runinstances/provider/, e.g. tencentcloud/cvm
//   rel:class       the resource class exported by its resource.ts, e.g. CvmInstance
//   rel:name        the resource's name (default "rel")
//   rel:args        its arguments, JSON (or rel:argsFile: a file holding them, read at every run)
//   rel:secretPath  where the password goes in the arguments, dotted (e.g. loginSettings.password),
//                   unless the arguments hold one there already
//   rel:secret      the password: read with requireSecret, as `pulumi config set --secret` gives it
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config("rel");
const argsFile = config.get("argsFile");
const args = JSON.parse(argsFile ? fs.readFileSync(argsFile, "utf8") : config.require("args")) as Record<
  string,
  unknown
>;
const secretPath = config.get("secretPath");
if (secretPath) {
  const keys = secretPath.split(".");
  let at = args;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (at[last] === undefined) at[last] = config.requireSecret("secret");
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor = new (name: string, args: Record<string, unknown>) => any;
const mod = require(`pulumi-runinstances/provider/${config.require("module")}/resource`) as Record<
  string,
  Ctor
>;
const Resource = mod[config.require("class")];
const res = new Resource(config.get("name") ?? "rel", args);

export const instanceIds = res.instanceIds;
