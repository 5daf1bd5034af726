/**
 * The emulated clouds' state: accounts, the catalogue, instances with their state machines,
 * idempotency tokens, rate limits, faults, call counts and the request log.
 * Instances advance lazily: every read first applies the transitions whose time has come,
 * so time can be moved forward (`advanceClock`) without sleeping.
 */
import { randomBytes } from "node:crypto";
import { ApiError } from "./errors";
import { Catalogue, defaultCatalogue } from "./catalogue";

export type Service = "cvm" | "ecm" | "hai" | "tag" | "swas";
export type InstanceService = "cvm" | "ecm" | "hai" | "swas";

export const DEFAULT_SECRET_ID = "AKIDLOCALEMULATOR";
export const DEFAULT_SECRET_KEY = "local-emulator-secret-key";

export interface Settings {
  /** Time from creation to running (ms). */
  bootMs: number;
  /** Time from terminate to gone (ms). */
  terminateMs: number;
  /** Time of a stop, start, resize or upgrade (ms). */
  transitionMs: number;
  /** How long a terminated HAI instance stays visible as TERMINATED (ms). */
  terminatedVisibleMs: number;
  /** Documented rate limits on (true) or off. */
  rateLimits: boolean;
  /** Rate limits multiplied by this factor (2 = twice as many calls allowed); for scaled-down runs. */
  rateLimitScale: number;
  /** How long a ClientToken is remembered (ms). */
  idempotencyWindowMs: number;
  /** CVM instances an account may hold per region. */
  cvmQuota: number;
  /** SWAS servers an account may hold per region (documented: 50). */
  swasQuota: number;
  /**
   * How long after a call DescribeInstances still shows the PREVIOUS operation in
   * LatestOperation* (ms; CVM). The cloud updates them some time after it answers.
   */
  latestOperationLagMs: number;
  /** Prepaid CVM instances an account may return early (to the recycle bin); then LimitExceeded.UserReturnQuota. */
  prepaidReturnQuota: number;
}

export const defaultSettings = (): Settings => ({
  bootMs: 3000,
  terminateMs: 1000,
  transitionMs: 1000,
  terminatedVisibleMs: 2000,
  rateLimits: true,
  rateLimitScale: 1,
  idempotencyWindowMs: 24 * 3600 * 1000,
  cvmQuota: 1000,
  swasQuota: 50,
  latestOperationLagMs: 0,
  prepaidReturnQuota: 10_000,
});

export interface Instance {
  id: string;
  service: InstanceService;
  account: string;
  region: string;
  zone: string;
  state: string;
  /** The pending transition: the state it goes to and when ("GONE" removes the instance). */
  next?: { state: string; at: number };
  createdAt: number;
  expiresAt?: number;
  name: string;
  privateIps: string[];
  publicIps: string[];
  tags: Record<string, string>;
  /** Service-specific attributes, in the API's own PascalCase names. */
  attrs: Record<string, unknown>;
  /** Describes that still answer "not found" for this instance (eventual consistency). */
  invisibleDescribes: number;
  /** The operation in progress or last finished (CVM LatestOperation*). */
  latestOperation?: Operation;
  /** What LatestOperation* show until `until` (settings.latestOperationLagMs after the call). */
  shownOperation?: { before?: Operation; until: number };
}

export interface Operation {
  name: string;
  state: "OPERATING" | "SUCCESS" | "FAILED";
  requestId: string;
  errorMsg?: string;
  /** The operation ends FAILED with this message (instance fault operationFailures). */
  fails?: string;
}

export interface Fault {
  id: number;
  /** Which calls: service and action ("*" for any). */
  service: Service | "*";
  action: string;
  /** Answer with this error code (and message / HTTP status). */
  code?: string;
  message?: string;
  httpStatus?: number;
  /** Drop the connection without an answer: before the action runs, or after it ran (a lost response). */
  drop?: "before" | "after";
  /** Delay the answer by this many ms. */
  latencyMs?: number;
  /** Applies to the next `count` matching calls (default: every call while the fault exists). */
  count?: number;
  /** Applies with this probability (deterministic generator, seeded by `seed`). */
  probability?: number;
}

export interface InstanceFaults {
  /** The next N launches of a service end in LAUNCH_FAILED. */
  launchFailures: Partial<Record<InstanceService, number>>;
  /** The next N launches of a service stay PENDING until changed. */
  stuckPending: Partial<Record<InstanceService, number>>;
  /** New instances of a service are unknown to the next N describes. */
  describeLag: Partial<Record<InstanceService, number>>;
  /** Instance types / bundles / plans out of stock. */
  outOfStock: string[];
  /** The next N operations on instances of a service (e.g. CVM ModifyInstancesAttribute) end FAILED. */
  operationFailures: Partial<Record<InstanceService, number>>;
}

export interface CallCount {
  calls: number;
  throttled: number;
  failed: number;
}

export interface LogEntry {
  time: string;
  service: string;
  action: string;
  region: string;
  account: string;
  requestId: string;
  params: unknown;
  error?: string;
}

interface TokenRecord {
  fingerprint: string;
  ids: string[];
  at: number;
}

/** Documented rate limits, calls per window per account, region and action. */
export function rateLimitOf(service: Service, action: string): { calls: number; windowMs: number } {
  switch (service) {
    case "cvm":
      if (action === "DescribeInstances" || action === "DescribeInstanceTypeConfigs")
        return { calls: 40, windowMs: 1000 };
      if (action === "DescribeZones") return { calls: 20, windowMs: 1000 };
      return { calls: 10, windowMs: 1000 };
    case "ecm":
    case "hai":
    case "tag":
      return { calls: 20, windowMs: 1000 };
    case "swas":
      return { calls: 10, windowMs: 60_000 };
  }
}

const SECRET_KEYS = /password|secret|token|userdata|key$/i;

/** Replaces the values of secret-looking parameters (passwords, user data) by "***". */
export function redact(value: unknown, key = ""): unknown {
  if (key && SECRET_KEYS.test(key) && !/^(KeyIds?|ClientToken|KeepImageLogin)$/.test(key)) {
    return value === undefined ? value : "***";
  }
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

export class World {
  settings: Settings;
  catalogue: Catalogue;
  readonly credentials = new Map<string, string>();
  readonly instances = new Map<string, Instance>();
  readonly tokens = new Map<string, TokenRecord>();
  /** Prepaid instances each account has returned early. */
  readonly returns = new Map<string, number>();
  readonly counts = new Map<string, CallCount>();
  readonly log: LogEntry[] = [];
  faults: Fault[] = [];
  instanceFaults: InstanceFaults = noInstanceFaults();
  private clockOffsetMs = 0;
  private buckets = new Map<string, { tokens: number; at: number }>();
  private faultSeq = 0;
  private rngState: number;
  private ipSeq = 0;
  private readonly initial: { settings: Settings; credentials: Array<[string, string]> };

  constructor(
    opts: { settings?: Partial<Settings>; credentials?: Array<[string, string]>; seed?: number } = {},
  ) {
    this.settings = { ...defaultSettings(), ...opts.settings };
    this.catalogue = defaultCatalogue();
    this.credentials.set(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY);
    for (const [id, key] of opts.credentials ?? []) this.credentials.set(id, key);
    this.rngState = opts.seed ?? 42;
    this.initial = { settings: { ...this.settings }, credentials: [...this.credentials] };
  }

  /** Forgets instances, tokens, counts, log and faults; settings and catalogue return to their start. */
  reset(): void {
    this.instances.clear();
    this.tokens.clear();
    this.returns.clear();
    this.counts.clear();
    this.log.length = 0;
    this.faults = [];
    this.instanceFaults = noInstanceFaults();
    this.buckets.clear();
    this.clockOffsetMs = 0;
    this.settings = { ...this.initial.settings };
    this.catalogue = defaultCatalogue();
    this.credentials.clear();
    for (const [id, key] of this.initial.credentials) this.credentials.set(id, key);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the emulator's clock forward: instance transitions and token windows see the new time. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  random(): number {
    // mulberry32: deterministic fault probabilities.
    let t = (this.rngState += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // ---- calls, rate limits and faults -------------------------------------------------------

  count(service: string, action: string): CallCount {
    const key = `${service}.${action}`;
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { calls: 0, throttled: 0, failed: 0 }));
    return c;
  }

  /** Takes a token from the (service, action, account, region) bucket; false when throttled. */
  takeRateToken(service: Service, action: string, account: string, region: string): boolean {
    if (!this.settings.rateLimits) return true;
    const { calls, windowMs } = rateLimitOf(service, action);
    const capacity = Math.max(1, Math.round(calls * this.settings.rateLimitScale));
    const key = `${service}|${action}|${account}|${region}`;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) * capacity) / windowMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  addFault(f: Omit<Fault, "id">): Fault {
    const fault = { ...f, id: ++this.faultSeq };
    this.faults.push(fault);
    return fault;
  }

  /** The fault that applies to this call, if any; counted faults are used up. */
  takeFault(service: Service, action: string): Fault | undefined {
    for (const f of this.faults) {
      if ((f.service !== "*" && f.service !== service) || (f.action !== "*" && f.action !== action)) continue;
      if (f.probability !== undefined && this.random() >= f.probability) continue;
      if (f.count !== undefined) {
        f.count -= 1;
        if (f.count <= 0) this.faults = this.faults.filter((x) => x !== f);
      }
      return f;
    }
    return undefined;
  }

  // ---- instances ---------------------------------------------------------------------------

  newId(prefix: string, length = 8): string {
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    for (;;) {
      const bytes = randomBytes(length);
      const id = prefix + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
      if (!this.instances.has(id)) return id;
    }
  }

  newRequestId(): string {
    const h = randomBytes(16).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  nextPrivateIp(): string {
    const n = ++this.ipSeq;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  nextPublicIp(): string {
    const n = ++this.ipSeq;
    return `43.${128 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
  }

  /**
   * Adds an instance in its launch state. The launch faults decide whether it becomes
   * `running` after bootMs, fails to launch, or stays pending.
   */
  launch(
    inst: Omit<Instance, "createdAt" | "next" | "invisibleDescribes" | "state">,
    states: { pending: string; running: string; failed?: string },
  ): Instance {
    const now = this.now();
    const full: Instance = { ...inst, state: states.pending, createdAt: now, invisibleDescribes: 0 };
    const svc = inst.service;
    if (take(this.instanceFaults.stuckPending, svc)) {
      full.next = undefined;
    } else if (states.failed && take(this.instanceFaults.launchFailures, svc)) {
      full.next = { state: states.failed, at: now + this.settings.bootMs };
      full.attrs.LaunchError = "InsufficientResource: the host failed to start the instance (injected fault)";
    } else {
      full.next = { state: states.running, at: now + this.settings.bootMs };
    }
    full.invisibleDescribes = this.instanceFaults.describeLag[svc] ?? 0;
    if (this.settings.bootMs <= 0 && full.next) this.advance(full);
    this.instances.set(full.id, full);
    return full;
  }

  /** Schedules a transition: `now` state at once, `then` after `afterMs`. */
  transition(inst: Instance, now: string, then: string, afterMs: number): void {
    this.advance(inst);
    inst.state = now;
    inst.next = { state: then, at: this.now() + afterMs };
    if (afterMs <= 0) this.advance(inst);
  }

  /** Applies due transitions; returns false when the instance is gone. */
  advance(inst: Instance): boolean {
    while (inst.next && inst.next.at <= this.now()) {
      const { state } = inst.next;
      inst.next = undefined;
      if (state === "GONE") {
        this.instances.delete(inst.id);
        return false;
      }
      inst.state = state;
      const op = inst.latestOperation;
      if (op?.state === "OPERATING") {
        op.state = state === "LAUNCH_FAILED" || op.fails ? "FAILED" : "SUCCESS";
        if (state === "LAUNCH_FAILED") op.errorMsg = String(inst.attrs.LaunchError ?? "");
        else if (op.fails) op.errorMsg = op.fails;
      }
      if (inst.attrs.AfterTransition) {
        const after = inst.attrs.AfterTransition as { state: string; afterMs: number };
        delete inst.attrs.AfterTransition;
        inst.next = { state: after.state, at: this.now() + after.afterMs };
      }
    }
    return true;
  }

  /**
   * Starts an operation on an instance (LatestOperation* OPERATING); it ends with the instance's
   * next transition. DescribeInstances shows the previous one for settings.latestOperationLagMs.
   */
  startOperation(inst: Instance, name: string, requestId: string, fails?: string): void {
    const before = this.visibleOperation(inst);
    inst.latestOperation = { name, state: "OPERATING", requestId, ...(fails ? { fails } : {}) };
    const lag = this.settings.latestOperationLagMs;
    inst.shownOperation = lag > 0 ? { before: before && { ...before }, until: this.now() + lag } : undefined;
  }

  /** The operation DescribeInstances shows. */
  visibleOperation(inst: Instance): Operation | undefined {
    const shown = inst.shownOperation;
    return shown && this.now() < shown.until ? shown.before : inst.latestOperation;
  }

  /** Takes one of the next-N instance faults of a service; false when none is left. */
  takeInstanceFault(
    kind: "launchFailures" | "stuckPending" | "operationFailures",
    svc: InstanceService,
  ): boolean {
    return take(this.instanceFaults[kind], svc);
  }

  /** The instances of a service for an account (and region), transitions applied. */
  list(service: InstanceService, account: string, region?: string): Instance[] {
    const out: Instance[] = [];
    for (const inst of [...this.instances.values()]) {
      if (inst.service !== service || inst.account !== account) continue;
      if (region !== undefined && inst.region !== region) continue;
      if (this.advance(inst)) out.push(inst);
    }
    return out;
  }

  /** What a describe sees: instances still invisible are left out (and count down). */
  visible(instances: Instance[]): Instance[] {
    return instances.filter((i) => {
      if (i.invisibleDescribes > 0) {
        i.invisibleDescribes -= 1;
        return false;
      }
      return true;
    });
  }

  get(id: string): Instance | undefined {
    const inst = this.instances.get(id);
    return inst && this.advance(inst) ? inst : undefined;
  }

  // ---- idempotency ----------------------------------------------------------------------

  /**
   * ClientToken idempotency: the same token with the same parameters returns the same ids
   * within the window. With other parameters: `mismatch` decides (SWAS answers
   * IdempotentParameterMismatch; Tencent Cloud returns the first request's ids).
   */
  idempotent(
    scope: string,
    token: string | undefined,
    params: unknown,
    create: () => string[],
    onMismatch?: () => never,
  ): string[] {
    if (!token) return create();
    const key = `${scope}|${token}`;
    const fingerprint = JSON.stringify(params, Object.keys(flatten(params)).sort());
    const rec = this.tokens.get(key);
    if (rec && this.now() - rec.at <= this.settings.idempotencyWindowMs) {
      if (rec.fingerprint !== fingerprint && onMismatch) onMismatch();
      return rec.ids;
    }
    const ids = create();
    this.tokens.set(key, { fingerprint, ids, at: this.now() });
    return ids;
  }

  checkStock(item: string, code: string, message: string, httpStatus = 400): void {
    if (this.instanceFaults.outOfStock.includes(item)) throw new ApiError(code, message, httpStatus);
  }
}

export function noInstanceFaults(): InstanceFaults {
  return { launchFailures: {}, stuckPending: {}, describeLag: {}, outOfStock: [], operationFailures: {} };
}

function take(counter: Partial<Record<InstanceService, number>>, svc: InstanceService): boolean {
  const n = counter[svc] ?? 0;
  if (n <= 0) return false;
  counter[svc] = n - 1;
  return true;
}

function flatten(v: unknown, prefix = "", out: Record<string, true> = {}): Record<string, true> {
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out[k] = true;
      flatten(x, prefix + k + ".", out);
    }
  }
  return out;
}
