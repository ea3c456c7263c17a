import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashAdminPassword, loadConfig, type AppConfig } from '@lac/core';
import { createAdminAuthenticator } from './admin-authenticator.ts';

/** The lowest cost ADMIN_ACCOUNTS accepts (2^14): still a full scrypt of a few tens of milliseconds. */
const COST = { log2N: 14, r: 8, p: 1 };
let config: AppConfig;

beforeAll(async () => {
  const [alice, bob] = await Promise.all([hashAdminPassword('alice-secret', COST), hashAdminPassword('bob-secret', COST)]);
  config = loadConfig({ ADMIN_ACCOUNTS: `alice:${alice}:Alice Martin,bob:${bob}:Bob Durand` });
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('AdminAuthenticator with two accounts', () => {
  it('lets each operator in with their own password only, as their account', async () => {
    const admin = createAdminAuthenticator(config)!;
    expect(await admin.authenticate({ user: 'alice', password: 'alice-secret' })).toEqual({ kind: 'account', login: 'alice', displayName: 'Alice Martin' });
    expect(await admin.authenticate({ user: 'bob', password: 'bob-secret' })).toEqual({ kind: 'account', login: 'bob', displayName: 'Bob Durand' });
    expect(await admin.authenticate({ user: 'alice', password: 'bob-secret' })).toBeUndefined();
    expect(await admin.authenticate({ user: 'bob', password: 'alice-secret' })).toBeUndefined();
    expect(await admin.authenticate({ user: 'Alice', password: 'alice-secret' })).toBeUndefined();
    expect(await admin.authenticate({ user: 'mallory', password: 'alice-secret' })).toBeUndefined();
    expect(await admin.authenticate({ user: '', password: '' })).toBeUndefined();
    expect(await admin.authenticate(undefined)).toBeUndefined();
  });

  it('spends a full scrypt on an unknown login too, so its answer takes as long as a wrong password', async () => {
    const admin = createAdminAuthenticator(config)!;
    const wrongPassword: number[] = [];
    const unknownLogin: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      wrongPassword.push((await timed(() => admin.authenticate({ user: 'alice', password: `essai-${round}` }))).ms);
      unknownLogin.push((await timed(() => admin.authenticate({ user: `inconnu-${round}`, password: `essai-${round}` }))).ms);
    }
    // Without the throwaway hash an unknown login answers in microseconds; with it, in the same tens of milliseconds.
    expect(median(wrongPassword)).toBeGreaterThan(5);
    expect(median(unknownLogin)).toBeGreaterThan(median(wrongPassword) * 0.5);
  });

  it('trusts a verified login and password for a short time without another scrypt, then verifies again', async () => {
    let now = 1_000_000;
    const admin = createAdminAuthenticator(config, { ttlMs: 60_000, now: () => now })!;
    const first = await timed(() => admin.authenticate({ user: 'bob', password: 'bob-secret' }));
    const cached = await timed(() => admin.authenticate({ user: 'bob', password: 'bob-secret' }));
    expect(cached.result).toEqual(first.result);
    expect(cached.ms).toBeLessThan(first.ms / 5);
    // Only that exact pair is remembered: a wrong password still costs a full verification and fails.
    expect(await admin.authenticate({ user: 'bob', password: 'bob-secret!' })).toBeUndefined();
    now += 60_001;
    const expired = await timed(() => admin.authenticate({ user: 'bob', password: 'bob-secret' }));
    expect(expired.result).toEqual(first.result);
    expect(expired.ms).toBeGreaterThan(cached.ms * 5);
  });
});

describe('AdminAuthenticator with the shared login (no ADMIN_ACCOUNTS)', () => {
  it('accepts ADMIN_USER / ADMIN_PASSWORD as one shared identity, and is off without a password', async () => {
    const admin = createAdminAuthenticator(loadConfig({ ADMIN_USER: 'equipe', ADMIN_PASSWORD: 'mot-de-passe' }))!;
    expect(await admin.authenticate({ user: 'equipe', password: 'mot-de-passe' })).toEqual({ kind: 'shared', login: 'equipe' });
    expect(await admin.authenticate({ user: 'admin', password: 'mot-de-passe' })).toBeUndefined();
    expect(await admin.authenticate({ user: 'equipe', password: 'autre' })).toBeUndefined();
    expect(createAdminAuthenticator(loadConfig({}))).toBeUndefined();
  });
});
