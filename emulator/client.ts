/** A typed client for the emulator's control API, for tests and scripts. */
import type { Settings } from "./settings";
import type { Fault, InstanceFaults } from "./faults";
import type { Instance } from "./instance";
import type { CallCount, LogEntry } from "./log";
import type { Catalogue } from "./catalogue";

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${payload.error ?? res.status}`);
    return payload;
  }

  health = () => this.call<{ ok: boolean }>("GET", "health");
  reset = () => this.call<{ ok: boolean }>("POST", "reset");
  instances = async (service?: string) =>
    (await this.call<{ instances: Instance[] }>("GET", `instances${service ? `?service=${service}` : ""}`))
      .instances;
  modifyInstance = (
    id: string,
    change: { name?: string; state?: string; tags?: Record<string, string>; publicIps?: string[] },
  ) => this.call<{ instance: Instance }>("POST", `instances/${id}`, change);
  removeInstance = (id: string) => this.call<{ ok: boolean }>("DELETE", `instances/${id}`);
  calls = async () => (await this.call<{ calls: Record<string, CallCount> }>("GET", "calls")).calls;
  log = async (filter: { service?: string; action?: string } = {}) => {
    const q = new URLSearchParams(filter as Record<string, string>).toString();
    return (await this.call<{ log: LogEntry[] }>("GET", `log${q ? `?${q}` : ""}`)).log;
  };
  settings = async (change?: Partial<Settings>) =>
    (
      await (change
        ? this.call<{ settings: Settings }>("POST", "settings", change)
        : this.call<{ settings: Settings }>("GET", "settings"))
    ).settings;
  advanceClock = (advanceMs: number) => this.call<{ now: number }>("POST", "clock", { advanceMs });
  addFault = async (fault: Partial<Omit<Fault, "id">>) =>
    (await this.call<{ fault: Fault }>("POST", "faults", fault)).fault;
  clearFaults = () => this.call<{ ok: boolean }>("DELETE", "faults");
  instanceFaults = (f: Partial<InstanceFaults>) =>
    this.call<{ instanceFaults: InstanceFaults }>("POST", "instance-faults", f);
  catalogue = async (extra?: unknown) =>
    (
      await (extra
        ? this.call<{ catalogue: Catalogue }>("POST", "catalogue", extra)
        : this.call<{ catalogue: Catalogue }>("GET", "catalogue"))
    ).catalogue;
  addCredentials = (secretId: string, secretKey: string) =>
    this.call<{ ok: boolean }>("POST", "credentials", { secretId, secretKey });

  /** Total calls of one action, e.g. ("cvm", "RunInstances"). */
  async callCount(service: string, action: string): Promise<number> {
    return (await this.calls())[`${service}.${action}`]?.calls ?? 0;
  }

  /** Total calls of every action (the "zero cloud calls" checks). */
  async totalCalls(): Promise<number> {
    return Object.values(await this.calls()).reduce((n, c) => n + c.calls, 0);
  }
}
