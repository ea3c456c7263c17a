import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  ADMIN_PASSWORD_HASH_DEFAULTS,
  verifyAdminPassword,
  type AdminAccount,
  type AdminPasswordHash,
  type AppConfig,
} from '@lac/core';
import { constantTimeEquals, parseBasicAuthorization } from './basic-credentials.ts';

/**
 * Who may log in to /admin: nobody (admin routes off), the one shared ADMIN_USER / ADMIN_PASSWORD,
 * or one account per operator (ADMIN_ACCOUNTS). Accounts win; loadConfig refuses both at once.
 */
export type AdminLogins =
  | { kind: 'off' }
  | { kind: 'shared'; user: string; password: string }
  | { kind: 'accounts'; accounts: readonly AdminAccount[] };

/** Who an admin request is from: an operator's own account, or whoever knows the shared password. */
export type AdminIdentity = { kind: 'account'; login: string; displayName: string } | { kind: 'shared'; login: string };

export function adminLoginsOf(config: Pick<AppConfig, 'ADMIN_ACCOUNTS' | 'ADMIN_USER' | 'ADMIN_PASSWORD'>): AdminLogins {
  if (config.ADMIN_ACCOUNTS !== undefined && config.ADMIN_ACCOUNTS.length > 0) return { kind: 'accounts', accounts: config.ADMIN_ACCOUNTS };
  if (config.ADMIN_PASSWORD) return { kind: 'shared', user: config.ADMIN_USER, password: config.ADMIN_PASSWORD };
  return { kind: 'off' };
}

/** How long a verified login and password are trusted without another scrypt (the inbox polls and streams). */
export const VERIFIED_CREDENTIAL_TTL_MS = 60_000;
const MAX_CACHED_CREDENTIALS = 1_000;

/**
 * Checks admin credentials. With accounts: the login is compared with every account's in constant
 * time (no early exit), then the password is verified with scrypt, against a throwaway hash when the
 * login is unknown, so an unknown login costs what a wrong password does. A success is remembered
 * for VERIFIED_CREDENTIAL_TTL_MS under an HMAC of login and password (a random key per process, so
 * the cache holds nothing a guesser could test offline); failures are never cached. The verdict of
 * one request is computed once, whichever middleware asks first (the login throttle, then the guard).
 */
export class AdminAuthenticator {
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Map<string, { identity: AdminIdentity; expiresAt: number }>();
  private readonly perRequest = new WeakMap<IncomingMessage, Promise<AdminIdentity | undefined>>();
  /** What an unknown login is verified against (as costly as the costliest account). */
  readonly decoy: AdminPasswordHash;

  constructor(
    readonly logins: Exclude<AdminLogins, { kind: 'off' }>,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {
    // As costly as the costliest account: an unknown login must not answer faster than any known one.
    const model =
      logins.kind === 'accounts'
        ? logins.accounts.map((account) => account.passwordHash).reduce((costliest, hash) => (hash.log2N + Math.log2(hash.r * hash.p) > costliest.log2N + Math.log2(costliest.r * costliest.p) ? hash : costliest))
        : { ...ADMIN_PASSWORD_HASH_DEFAULTS, hash: Buffer.alloc(32) };
    this.decoy = { log2N: model.log2N, r: model.r, p: model.p, salt: randomBytes(16), hash: randomBytes(model.hash.length) };
  }

  /** The identity of a request's Authorization header (undefined: absent, malformed or wrong), once per request. */
  identityOf(req: IncomingMessage): Promise<AdminIdentity | undefined> {
    let verdict = this.perRequest.get(req);
    if (verdict === undefined) {
      verdict = this.authenticate(parseBasicAuthorization(req.headers.authorization));
      this.perRequest.set(req, verdict);
    }
    return verdict;
  }

  async authenticate(credentials: { user: string; password: string } | undefined): Promise<AdminIdentity | undefined> {
    if (credentials === undefined) return undefined; // the browser's first visit: no guess to time
    const given = credentials;
    if (this.logins.kind === 'shared') {
      const userMatches = constantTimeEquals(given.user, this.logins.user);
      const passwordMatches = constantTimeEquals(given.password, this.logins.password);
      return userMatches && passwordMatches ? { kind: 'shared', login: this.logins.user } : undefined;
    }
    const now = (this.options.now ?? Date.now)();
    const cacheKey = createHmac('sha256', this.cacheKey).update(`${given.user.length}:${given.user}`).update(given.password).digest('base64');
    const cached = this.verified.get(cacheKey);
    if (cached !== undefined && cached.expiresAt > now) return cached.identity;
    if (cached !== undefined) this.verified.delete(cacheKey);
    let account: AdminAccount | undefined;
    for (const candidate of this.logins.accounts) {
      if (constantTimeEquals(given.user, candidate.login) && account === undefined) account = candidate;
    }
    const passwordMatches = await verifyAdminPassword(given.password, account?.passwordHash ?? this.decoy);
    if (account === undefined || !passwordMatches) return undefined;
    const identity: AdminIdentity = { kind: 'account', login: account.login, displayName: account.displayName };
    if (this.verified.size >= MAX_CACHED_CREDENTIALS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(cacheKey, { identity, expiresAt: now + (this.options.ttlMs ?? VERIFIED_CREDENTIAL_TTL_MS) });
    return identity;
  }
}

/** The authenticator of a configuration, or undefined when no admin login is configured (admin routes off). */
export function createAdminAuthenticator(
  config: Pick<AppConfig, 'ADMIN_ACCOUNTS' | 'ADMIN_USER' | 'ADMIN_PASSWORD'>,
  options: { ttlMs?: number; now?: () => number } = {},
): AdminAuthenticator | undefined {
  const logins = adminLoginsOf(config);
  return logins.kind === 'off' ? undefined : new AdminAuthenticator(logins, options);
}
