import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminLoginThrottle, createLogger, hashAdminPassword, loadConfig } from '@lac/core';
import { createRedisTestContext, type RedisTestContext } from '@lac/core/testing';
import { createAdminAuthenticator, type AdminAuthenticator } from './admin-authenticator.ts';
import { ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS, createAdminLoginThrottleMiddleware } from './admin-login-throttle-middleware.ts';
import { ADMIN_LOCKOUT_LOG_MESSAGE } from './admin-lockout-notice.ts';

/** The login throttle in front of /admin, on real Redis with a real scrypt authenticator. */
let redis: RedisTestContext;
/** Keys of the second app's throttle: its windows start empty whatever the first tests counted. */
let proxiedRedis: RedisTestContext;
let admin: AdminAuthenticator;
let baseUrl: string;
let close: () => Promise<void>;
/** The second app: the product's limits (10 per address, 50 per login), each request's address from X-Forwarded-For. */
let proxiedBaseUrl: string;
let closeProxied: () => Promise<void>;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  redis = createRedisTestContext('admin-login-throttle');
  // The cheapest hashes ADMIN_ACCOUNTS accepts (r = 1): the test makes about 150 scrypts, counted, never timed.
  const cost = { log2N: 14, r: 1, p: 1 };
  const [alice, bob] = await Promise.all([hashAdminPassword('alice-secret', cost), hashAdminPassword('bob-secret', { ...cost, log2N: 15 })]);
  admin = createAdminAuthenticator(loadConfig({ ADMIN_ACCOUNTS: `alice:${alice}:Alice Martin,bob:${bob}:Bob Durand` }))!;
  const throttle = new AdminLoginThrottle(redis.redis, redis.keys, { maxFailures: 3, maxFailuresPerLogin: 50, windowSeconds: 900 });
  const silent = createLogger({ level: 'silent' });
  ({ baseUrl, close } = await listen(throttle, silent, false));
  const destination = new Writable({ write: (chunk, _encoding, done) => (logLines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
  proxiedRedis = createRedisTestContext('admin-lockout-notice');
  const productLimits = new AdminLoginThrottle(proxiedRedis.redis, proxiedRedis.keys, { maxFailures: 10, maxFailuresPerLogin: 50, windowSeconds: 900 });
  ({ baseUrl: proxiedBaseUrl, close: closeProxied } = await listen(productLimits, createLogger({ level: 'info', name: 'test', destination }), true));
});

async function listen(throttle: AdminLoginThrottle, logger: ReturnType<typeof createLogger>, trustProxy: boolean) {
  const app = express();
  if (trustProxy) app.set('trust proxy', 'loopback');
  app.use('/admin', createAdminLoginThrottleMiddleware({ throttle, admin, logger }), async (req, res) => {
    res.status((await admin.identityOf(req)) === undefined ? 401 : 200).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
afterAll(async () => {
  await close?.();
  await closeProxied?.();
  await redis?.cleanup();
  await proxiedRedis?.cleanup();
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('the admin login throttle', () => {
  it('answers a blocked address from its counter, without checking the password (no scrypt per request of a flood)', async () => {
    for (let guess = 0; guess < 3; guess += 1) expect((await fetch(`${baseUrl}/admin/inbox`, { headers: basic('alice', `guess-${guess}`) })).status).toBe(401);
    const checks = vi.spyOn(admin, 'authenticate');
    for (let flood = 0; flood < 5; flood += 1) expect((await fetch(`${baseUrl}/admin/inbox`, { headers: basic('mallory', `x${flood}`) })).status).toBe(429);
    // The right password from the blocked address is refused too, still without a check.
    expect((await fetch(`${baseUrl}/admin/inbox`, { headers: basic('alice', 'alice-secret') })).status).toBe(429);
    expect(checks).not.toHaveBeenCalled();
    checks.mockRestore();
  });

  it('verifies an unknown login against a hash as costly as the costliest account', () => {
    expect(admin.decoy.log2N).toBe(15);
  });
});

describe('a lockout is logged once, for ops', () => {
  const guess = (address: string, user: string, password: string) =>
    fetch(`${proxiedBaseUrl}/admin/inbox`, { headers: { ...basic(user, password), 'x-forwarded-for': address } }).then((response) => response.status);
  const lockoutLines = (locked: string) => logLines.filter((line) => line.msg === ADMIN_LOCKOUT_LOG_MESSAGE && line.locked === locked);

  it("a login guessed from 4 addresses is locked: one warn naming the operator's login, the failures and until when, never a password; none per later request", async () => {
    // Alice logged in from her office before the attack: that address is known for her login.
    expect(await guess('192.0.2.10', 'alice', 'alice-secret')).toBe(200);
    expect(await guess('192.0.2.11', 'alice', 'alice-secret')).toBe(200);
    // 40 of the login's 50 failures count from addresses it never logged in from (10 kept for the office).
    for (let address = 1; address <= 4; address += 1) {
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, attempt) => guess(`203.0.113.${address}`, 'alice', `wrong-${address}-${attempt}`)));
      expect(statuses.every((status) => status === 401)).toBe(true);
    }
    expect(lockoutLines('login')).toEqual([]);
    const later = await Promise.all([
      ...Array.from({ length: 6 }, (_, attempt) => guess(`198.51.100.${attempt + 1}`, 'alice', `later-${attempt}`)),
      guess('192.0.2.77', 'alice', 'alice-secret'),
    ]);
    expect(later.every((status) => status === 429)).toBe(true);
    const lines = lockoutLines('login');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, login: 'alice', configured_login: true, failures: 40, window_seconds: 900 });
    const lockedUntil = Date.parse(String(lines[0]!.locked_until));
    expect(lockedUntil).toBeGreaterThan(Date.now());
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 900_000);
    const logged = JSON.stringify(logLines);
    expect(logged).not.toContain('alice-secret');
    expect(logged).not.toContain('wrong-');
    expect(logged).not.toContain('later-');
  });

  it('the strangers do not lock the operator out where she logged in before; guesses from there get the reserved 10 verdicts, no more', async () => {
    // (The login is locked from elsewhere by the test above.)
    expect(await guess('192.0.2.10', 'alice', 'alice-secret')).toBe(200);
    expect(await guess('192.0.2.77', 'alice', 'alice-secret')).toBe(429);
    // Her two known addresses share the 10: the login's total stays at 50 verdicts a window.
    const fromOffice = await Promise.all([
      ...Array.from({ length: 6 }, (_, attempt) => guess('192.0.2.10', 'alice', `office-${attempt}`)),
      ...Array.from({ length: 4 }, (_, attempt) => guess('192.0.2.11', 'alice', `office-b-${attempt}`)),
    ]);
    expect(fromOffice.every((status) => status === 401)).toBe(true);
    expect(await guess('192.0.2.10', 'alice', 'office-10')).toBe(429);
    expect(await guess('192.0.2.11', 'alice', 'alice-secret')).toBe(429);
    expect(lockoutLines('login_from_known_address')).toMatchObject([{ login: 'alice', failures: 10 }]);
  });

  it('checks a concurrent burst of guesses from one fresh address a few at a time: about its failure limit in scrypts, not one per request', async () => {
    const checks = vi.spyOn(admin, 'authenticate');
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, attempt) => guess('203.0.113.200', 'bob', `burst-${attempt}`)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    // Before: 60 scrypts (one per request, all started before the first failure was counted).
    expect(checks.mock.calls.length).toBeLessThanOrEqual(10 + ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS - 1);
    checks.mockRestore();
  });

  it('an address past its limit is logged once; a login no account has is not written (it may be a mistyped password)', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) statuses.push(await guess('203.0.113.99', 'Tr0ub4dor&3', `guess-${attempt}`));
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    expect(lockoutLines('address').filter((line) => line.address === '203.0.113.99')).toMatchObject([{ failures: 10, window_seconds: 900 }]);
    for (let address = 1; address <= 4; address += 1) {
      await Promise.all(Array.from({ length: 10 }, (_, attempt) => guess(`203.0.114.${address}`, 'Tr0ub4dor&3', `x-${attempt}`)));
    }
    expect(await guess('203.0.115.1', 'Tr0ub4dor&3', 'y')).toBe(429);
    const unknownLogin = lockoutLines('login').filter((line) => line.configured_login === false);
    expect(unknownLogin).toHaveLength(1);
    expect(unknownLogin[0]).not.toHaveProperty('login');
    expect(JSON.stringify(logLines)).not.toContain('Tr0ub4dor');
  });
});
