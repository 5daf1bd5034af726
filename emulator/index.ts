/**
 * The local cloud emulator: Tencent Cloud API 3.0 (cvm, ecm, hai, tag, sts) and Alibaba Cloud
 * swas-open and STS on one port of 127.0.0.1, that the official SDKs talk to over HTTP (and,
 * for Alibaba Cloud STS, over TLS with TEST_CA_CERT).
 *
 *   const emu = await startEmulator();            // port 0: a free port
 *   process.env.RUNINSTANCES_ENDPOINT = emu.url;
 *   ...
 *   await emu.close();
 */
import { listen } from "./server";
import { World } from "./world";
import type { Settings } from "./settings";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "./settings";
import { EmulatorControl } from "./client";
import { TEST_CA_CERT } from "./tls";

/** TEST_CA_CERT: the certificate of the emulator's TLS (Alibaba Cloud STS), for NODE_EXTRA_CA_CERTS. */
export { World, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, EmulatorControl, TEST_CA_CERT };
export type { Settings } from "./settings";
export type { Fault, InstanceFaults } from "./faults";
export type { Instance } from "./instance";
export type { CallCount, LogEntry } from "./log";
export type { Catalogue } from "./catalogue";

export interface StartOptions {
  port?: number;
  settings?: Partial<Settings>;
  /** More accepted key pairs besides AKIDLOCALEMULATOR / local-emulator-secret-key. */
  credentials?: Array<[string, string]>;
  /** Seed of the generator behind probabilistic faults. */
  seed?: number;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The in-process state, for direct inspection in tests. */
  world: World;
  /** A typed client of the control API. */
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const world = new World({ settings: opts.settings, credentials: opts.credentials, seed: opts.seed });
  const server = await listen(world, opts.port ?? 0);
  return {
    url: server.url,
    port: server.port,
    world,
    control: new EmulatorControl(server.url),
    close: server.close,
  };
}
