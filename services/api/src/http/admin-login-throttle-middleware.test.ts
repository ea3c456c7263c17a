import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminLoginThrottle, hashAdminPassword, loadConfig } from '@lac/core';
import { createRedisTestContext, type RedisTestContext } from '@lac/core/testing';
import { createAdminAuthenticator, type AdminAuthenticator } from './admin-authenticator.ts';
import { createAdminLoginThrottleMiddleware } from './admin-login-throttle-middleware.ts';

/** The login throttle in front of /admin, on real Redis with a real scrypt authenticator. */
let redis: RedisTestContext;
let admin: AdminAuthenticator;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  redis = createRedisTestContext('admin-login-throttle');
  const cost = { log2N: 14, r: 8, p: 1 };
  const [alice, bob] = await Promise.all([hashAdminPassword('alice-secret', cost), hashAdminPassword('bob-secret', { ...cost, log2N: 15 })]);
  admin = createAdminAuthenticator(loadConfig({ ADMIN_ACCOUNTS: `alice:${alice}:Alice Martin,bob:${bob}:Bob Durand` }))!;
  const throttle = new AdminLoginThrottle(redis.redis, redis.keys, { maxFailures: 3, maxFailuresPerLogin: 50, windowSeconds: 900 });
  const app = express();
  app.use('/admin', createAdminLoginThrottleMiddleware({ throttle, admin }), async (req, res) => {
    res.status((await admin.identityOf(req)) === undefined ? 401 : 200).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await redis?.cleanup();
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
