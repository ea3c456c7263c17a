import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The password hash of one admin account (ADMIN_ACCOUNTS): scrypt with its own random salt, written
 * `scrypt.<log2 N>.<r>.<p>.<salt>.<hash>` (salt and hash in base64url). No `:`, `,` or `$`, so it
 * sits in an ADMIN_ACCOUNTS entry of a .env file or a compose file without quoting or escaping.
 * `pnpm admin:hash-password` (services/cli) makes one; the API only ever verifies.
 */
export interface AdminPasswordHash {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** What the CLI writes: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds), 16 bytes of salt, 32 of hash. */
export const ADMIN_PASSWORD_HASH_DEFAULTS = { log2N: 15, r: 8, p: 1, saltBytes: 16, hashBytes: 32 } as const;

const HASH_PATTERN = /^scrypt\.(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.([A-Za-z0-9_-]{16,128})\.([A-Za-z0-9_-]{32,128})$/;

/** The parsed hash, or why it is not one (never quoting it: it goes into a configuration error). */
export type AdminPasswordHashParse = { ok: true; hash: AdminPasswordHash } | { ok: false; reason: string };

export function parseAdminPasswordHash(text: string): AdminPasswordHashParse {
  const match = HASH_PATTERN.exec(text.trim());
  if (!match) return { ok: false, reason: 'the hash is not a `scrypt.…` hash made by `pnpm admin:hash-password`' };
  const [log2N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (log2N < 14 || log2N > 20) return { ok: false, reason: 'the hash has a cost (log2 N) outside 14–20' };
  if (r < 1 || r > 32 || p < 1 || p > 16) return { ok: false, reason: 'the hash has an r outside 1–32 or a p outside 1–16' };
  const salt = Buffer.from(match[4]!, 'base64url');
  const hash = Buffer.from(match[5]!, 'base64url');
  if (salt.length < 12 || hash.length < 24) return { ok: false, reason: 'the hash has too short a salt or digest' };
  return { ok: true, hash: { log2N, r, p, salt, hash } };
}

function derive(password: string, parameters: { log2N: number; r: number; p: number; salt: Buffer; length: number }): Promise<Buffer> {
  const N = 2 ** parameters.log2N;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), parameters.salt, parameters.length, { N, r: parameters.r, p: parameters.p, maxmem: 256 * N * parameters.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new hash of `password` with a fresh random salt, in the ADMIN_ACCOUNTS form. */
export async function hashAdminPassword(password: string, parameters: { log2N: number; r: number; p: number } = ADMIN_PASSWORD_HASH_DEFAULTS): Promise<string> {
  const salt = randomBytes(ADMIN_PASSWORD_HASH_DEFAULTS.saltBytes);
  const hash = await derive(password, { ...parameters, salt, length: ADMIN_PASSWORD_HASH_DEFAULTS.hashBytes });
  return `scrypt.${parameters.log2N}.${parameters.r}.${parameters.p}.${salt.toString('base64url')}.${hash.toString('base64url')}`;
}

/** Whether `password` is the one hashed (a full scrypt, compared in constant time). */
export async function verifyAdminPassword(password: string, stored: AdminPasswordHash): Promise<boolean> {
  const candidate = await derive(password, { ...stored, length: stored.hash.length });
  return timingSafeEqual(candidate, stored.hash);
}
