/**
 * What the credentials tests share: a temporary HOME (profile files are read from there), the
 * environment of the credential chains saved and restored, the metadata steps off, and a stack
 * config as configure() receives it. os.homedir() is the temporary HOME too.
 */
import * as fs from "node:fs";
import os from "node:os";
import * as path from "node:path";
import { configure, resetConfig } from "../../../provider/core/config";
import { resetTencentClients } from "../../../provider/tencentcloud/client";
import { resetAlicloudClients } from "../../../provider/alicloud/client";
import { testEnv, TestEnv } from "../../support/env";

const CHAIN_ENV =
  /^(HOME|TENCENTCLOUD_|TKE_|TCCLI_|ALIBABA_CLOUD_|ALICLOUD_|http_proxy|https_proxy|HTTPS?_PROXY|NO_PROXY|no_proxy)/;

export interface Home {
  dir: string;
  write(rel: string, text: string): string;
  restore(): void;
}

/** A temporary HOME with nothing of the chains' environment but `keep` (RUNINSTANCES_ENDPOINT stays). */
export function tempHome(keep: Record<string, string> = {}): Home {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => CHAIN_ENV.test(k)));
  for (const k of Object.keys(saved)) delete process.env[k];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-home-"));
  // No test reaches a metadata service (100.100.100.200): the SDK's ECS step is off.
  Object.assign(process.env, { HOME: dir, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...keep });
  // Jest's process.env is a copy: os.homedir() (which the SDKs call) would still see the real HOME.
  const homedir = jest.spyOn(os, "homedir").mockReturnValue(dir);
  resetConfig();
  resetTencentClients();
  resetAlicloudClients();
  return {
    dir,
    write(rel, text) {
      const file = path.join(dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    restore() {
      homedir.mockRestore();
      for (const k of Object.keys(process.env)) if (CHAIN_ENV.test(k)) delete process.env[k];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
      resetConfig();
      resetTencentClients();
      resetAlicloudClients();
    },
  };
}

/** Stack config as the engine hands it to configure(): objects as JSON. */
export function stackConfig(values: Record<string, unknown>): void {
  const text = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  configure({ config: { get: (k) => text[k] } });
}

/** The test file's emulator (rate limits off) and, for each test, a temporary HOME aimed at it. */
export function useCredentialsEnv(): { readonly env: TestEnv; readonly home: Home } {
  const ref: { env?: TestEnv; home?: Home } = {};
  beforeAll(async () => {
    ref.env = await testEnv({ rateLimits: false });
  });
  afterAll(() => ref.env?.close());
  beforeEach(async () => {
    await ref.env!.emu.control.reset();
    ref.home = tempHome({ RUNINSTANCES_ENDPOINT: ref.env!.emu.url });
  });
  afterEach(() => ref.home?.restore());
  return {
    get env() {
      return ref.env!;
    },
    get home() {
      return ref.home!;
    },
  };
}
