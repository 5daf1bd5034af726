/**
 * Temporary credentials, as both clouds' STS issue them: a secret id and key the signature
 * checks accept like any key pair (they join world.credentials), a token that must come with
 * them, a lifetime on the emulator's clock, and the account (and role) they act as. Once
 * expired, the clouds refuse them with their own codes (the protocols' `expired`).
 */
import { createHash, randomBytes } from "node:crypto";
import type { World } from "./world";
import { ApiError } from "./errors";

export interface Session {
  secretId: string;
  secretKey: string;
  token: string;
  /** The account the session acts in: the emulator keys instances by it. */
  account: string;
  /** The role's ARN and the session's name. */
  roleArn: string;
  sessionName: string;
  /** Emulator-clock ms. */
  expiresAt: number;
}

const stores = new WeakMap<World, Map<string, Session>>();

function store(world: World): Map<string, Session> {
  let s = stores.get(world);
  if (!s) stores.set(world, (s = new Map()));
  return s;
}

/**
 * The account id (Tencent Cloud's uin, Alibaba Cloud's account id) of an emulator account: an
 * account named `uin:<digits>` (a role's own account) is that; a key pair's, 12 digits from its id.
 */
export function accountIdOf(account: string): string {
  if (account.startsWith("uin:")) return account.slice(4);
  const n = BigInt(`0x${createHash("sha256").update(account).digest("hex").slice(0, 15)}`);
  return String(100000000000n + (n % 900000000000n));
}

/** The emulator account of a role's own account id: the caller's, when the role is in it. */
export function accountOfRole(caller: string | undefined, roleAccountId: string): string {
  return caller && accountIdOf(caller) === roleAccountId ? caller : `uin:${roleAccountId}`;
}

/** Issues temporary credentials; `prefix` is the cloud's (AKID for Tencent Cloud, STS. for Alibaba Cloud). */
export function issueSession(
  world: World,
  prefix: string,
  s: Pick<Session, "account" | "roleArn" | "sessionName">,
  durationSeconds: number,
): Session {
  const lifetime = world.settings.temporaryCredentialSeconds || durationSeconds;
  const session: Session = {
    ...s,
    secretId: `${prefix}${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(20).toString("base64url"),
    token: randomBytes(32).toString("base64url"),
    // Whole seconds, as the clouds answer ExpiredTime.
    expiresAt: Math.floor((world.now() + lifetime * 1000) / 1000) * 1000,
  };
  store(world).set(session.secretId, session);
  world.credentials.set(session.secretId, session.secretKey);
  return session;
}

/** Every session issued (for secret scans in tests). */
export function sessionsOf(world: World): Session[] {
  return [...store(world).values()];
}

export function sessionOf(world: World, secretId: string): Session | undefined {
  return store(world).get(secretId);
}

/** The cloud's errors for a temporary credential's token. */
export interface TokenErrors {
  missing: () => ApiError;
  mismatch: () => ApiError;
  expired: () => ApiError;
}

/**
 * The account of a verified call: a key pair's own, or its session's when it is temporary, whose
 * token must match and which must not have expired.
 */
export function accountOfCall(world: World, secretId: string, token: string, errors: TokenErrors): string {
  const session = sessionOf(world, secretId);
  if (!session) return secretId;
  if (!token) throw errors.missing();
  if (token !== session.token) throw errors.mismatch();
  if (world.now() >= session.expiresAt) throw errors.expired();
  return session.account;
}
