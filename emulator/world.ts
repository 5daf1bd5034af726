/**
 * The emulated clouds' state: accounts, the catalogue, instances with their state machines,
 * idempotency tokens, rate limits, faults, call counts and the request log.
 * Instances advance lazily (lifecycle.ts): every read first applies the steps whose time has
 * come, so time can be moved forward (`advanceClock`) without sleeping.
 */
import { randomBytes } from "node:crypto";
import stableStringify from "fast-json-stable-stringify";
import { ApiError } from "./errors";
import { Catalogue, defaultCatalogue } from "./catalogue";
import type { Instance, InstanceService, Operation, Service } from "./instance";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Settings, defaultSettings } from "./settings";
import {
  CountedInstanceFault,
  Fault,
  InstanceFaults,
  faultMatches,
  noInstanceFaults,
  takeOne,
} from "./faults";
import type { CallCount, LogEntry } from "./log";
import { RateLimit, TokenBuckets } from "./ratelimit";
import { Lifecycle, Process, applyDue, schedule, stuck } from "./lifecycle";

interface TokenRecord {
  fingerprint: string;
  ids: string[];
  at: number;
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
  private readonly buckets = new TokenBuckets();
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
  takeRateToken(
    service: Service,
    action: string,
    account: string,
    region: string,
    limit: RateLimit,
  ): boolean {
    if (!this.settings.rateLimits) return true;
    const key = `${service}|${action}|${account}|${region}`;
    return this.buckets.take(key, limit, this.settings.rateLimitScale, this.now());
  }

  addFault(f: Omit<Fault, "id">): Fault {
    const fault = { ...f, id: ++this.faultSeq };
    this.faults.push(fault);
    return fault;
  }

  /** The fault that applies to this call, if any; counted faults are used up. */
  takeFault(service: Service, action: string): Fault | undefined {
    for (const f of this.faults) {
      if (!faultMatches(f, service, action)) continue;
      if (f.probability !== undefined && this.random() >= f.probability) continue;
      if (f.count !== undefined) {
        f.count -= 1;
        if (f.count <= 0) this.faults = this.faults.filter((x) => x !== f);
      }
      return f;
    }
    return undefined;
  }

  // ---- ids and addresses -------------------------------------------------------------------

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

  // ---- instances and their lifecycles --------------------------------------------------------

  /**
   * Adds an instance and starts its launch. The launch faults decide which process: the
   * lifecycle's launch, its failed launch, or the launch's first state for good (stuck).
   */
  launch(
    inst: Omit<Instance, "createdAt" | "next" | "invisibleDescribes" | "state">,
    lifecycle: Lifecycle,
  ): Instance {
    const now = this.now();
    const full: Instance = { ...inst, state: "", createdAt: now, invisibleDescribes: 0 };
    const svc = inst.service;
    let process = lifecycle.launch;
    if (takeOne(this.instanceFaults.stuckPending, svc)) {
      process = stuck(lifecycle);
    } else if (takeOne(this.instanceFaults.launchFailures, svc)) {
      process = lifecycle.launchFailed;
      const error = "InsufficientResource: the host failed to start the instance (injected fault)";
      full.attrs.LaunchError = error;
      if (full.latestOperation) full.latestOperation.fails = error;
    }
    full.invisibleDescribes = this.instanceFaults.describeLag[svc] ?? 0;
    schedule(full, process, now, this.settings);
    this.instances.set(full.id, full);
    this.advance(full);
    return full;
  }

  /**
   * Starts a process on an instance (its transitions applied first): the first step's state at
   * once, the next ones as their time comes, counted from `from` (default: now).
   * False when the instance is gone.
   */
  begin(inst: Instance, process: Process, from = this.now()): boolean {
    if (!this.advance(inst)) return false;
    schedule(inst, process, from, this.settings);
    return this.advance(inst);
  }

  /** Schedules a transition: `now` state at once, `then` after `afterMs` (a process of two steps). */
  transition(inst: Instance, now: string, then: string, afterMs: number): void {
    this.begin(inst, [{ state: now, lasts: afterMs }, { state: then }]);
  }

  /** Applies due transitions; returns false when the instance is gone. */
  advance(inst: Instance): boolean {
    if (applyDue(inst, this.now())) return true;
    this.instances.delete(inst.id);
    return false;
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
  takeInstanceFault(kind: CountedInstanceFault, svc: InstanceService): boolean {
    return takeOne(this.instanceFaults[kind], svc);
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
    const fingerprint = stableStringify(params);
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
