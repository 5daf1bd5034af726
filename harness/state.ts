// The state of one stack: a JSON file `<stack>.json` in the state directory, its secrets encrypted
// with AES-256-GCM under a per-stack key kept beside it in `<stack>.key`. In the file a secret is
// `{[SIG_KEY]: SECRET_SIG, ciphertext}` as in a Pulumi checkpoint; in memory it is `{..., value}`.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { mapSecrets, SECRET_SIG, SIG_KEY, type Props, type Secret } from "./values";

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** Checked inputs (they include `__provider`, the serialized provider). */
  inputs: Props;
  /** Outputs as the provider returned them (they include `__provider` too). */
  outputs: Props;
  /** additionalSecretOutputs of the resource: these outputs are secret. */
  secretOutputs: string[];
  /** Set when create/update reported ErrorResourceInitFailed; the next up updates the resource. */
  initErrors?: string[];
  /** URNs this resource depends on: it is created after them and deleted before them. */
  dependencies: string[];
  deleteBeforeReplace?: boolean;
  /** A replaced resource not deleted yet: the next up (or destroy) deletes it. */
  pendingDelete?: boolean;
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: ResourceState[];
  /** Stack outputs of the last up. */
  outputs: Props;
  /** The config of the last up (a secret): refresh and destroy configure the provider with it. */
  config?: Secret;
}

export class StateFile {
  readonly file: string;
  readonly keyFile: string;

  constructor(
    dir: string,
    private readonly project: string,
    private readonly stack: string,
  ) {
    this.file = path.join(dir, `${stack}.json`);
    this.keyFile = path.join(dir, `${stack}.key`);
  }

  /** The state with its secrets decrypted (an empty state when there is no file yet). */
  load(): StackState {
    if (!fs.existsSync(this.file)) {
      return { version: 1, project: this.project, stack: this.stack, resources: [], outputs: {} };
    }
    const key = this.key();
    return mapSecrets(JSON.parse(fs.readFileSync(this.file, "utf8")), (s) => ({
      [SIG_KEY]: SECRET_SIG,
      value: decrypt(key, String(s.ciphertext)),
    })) as StackState;
  }

  /** Writes the state atomically (a crash leaves the old file or the new one). */
  save(state: StackState): void {
    const key = this.key();
    const encrypted = mapSecrets(state, (s) => ({
      [SIG_KEY]: SECRET_SIG,
      ciphertext: encrypt(key, s.value),
    }));
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(encrypted, null, 2) + "\n");
    fs.renameSync(tmp, this.file);
  }

  /** The file as it is on disk ("" when there is none). */
  text(): string {
    return fs.existsSync(this.file) ? fs.readFileSync(this.file, "utf8") : "";
  }

  private key(): Buffer {
    if (!fs.existsSync(this.keyFile)) {
      fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
      fs.writeFileSync(this.keyFile, crypto.randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    }
    return Buffer.from(fs.readFileSync(this.keyFile, "utf8").trim(), "base64");
  }
}

/** `v1:<iv>:<ciphertext+tag>`, base64, of the JSON text of the value. */
function encrypt(key: Buffer, value: unknown): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value ?? null), "utf8"), cipher.final()]);
  return `v1:${iv.toString("base64")}:${Buffer.concat([body, cipher.getAuthTag()]).toString("base64")}`;
}

function decrypt(key: Buffer, ciphertext: string): unknown {
  const [version, iv, data] = ciphertext.split(":");
  if (version !== "v1" || !iv || !data) throw new Error(`decrypting state: unknown ciphertext format`);
  const bytes = Buffer.from(data, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const text = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
  return JSON.parse(text.toString("utf8"));
}
