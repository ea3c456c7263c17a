import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger, createRedisConnection, DependencyFaultLog, DependencyUnavailableError } from '@lac/core';
import { captureLogLines } from '@lac/core/testing';
import { createDependencyRecoveryTracker, createErrorHandler, DEPENDENCY_RECOVERY_QUIET_MS, toAppError } from './error-handler.ts';

describe('toAppError', () => {
  it('maps a real "Redis unreachable" failure of the fail-fast connection to 503', async () => {
    const redis = createRedisConnection('redis://127.0.0.1:1', { connectionName: 'lac:test-unreachable', logger: createLogger({ level: 'silent' }) });
    const failure = await redis.ping().then(
      () => undefined,
      (error: unknown) => error,
    );
    redis.disconnect();
    expect(failure).toBeInstanceOf(Error);
    const mapped = toAppError(failure, { maxBodyBytes: 1024 });
    expect(mapped.status).toBe(503);
    expect(mapped.code).toBe('dependency_unavailable');
  });

  it('maps a client error the body parser exposes (a decoder it does not list) to that 4xx, not a 500', () => {
    // The shape http-errors gives body-parser's refusals: `expose`, a 4xx `status`, and a decoder's own code.
    const refusal = Object.assign(new Error('Unknown frame descriptor'), { status: 400, statusCode: 400, expose: true, code: 'ERR_SOMETHING_NEW' });
    const mapped = toAppError(refusal, { maxBodyBytes: 1024 });
    expect(mapped.status).toBe(400);
    expect(mapped.code).toBe('bad_request');
    expect(toAppError(Object.assign(new Error('x'), { status: 500, expose: false }), { maxBodyBytes: 1024 }).status).toBe(500);
  });

  it('maps anything unknown to a generic 500 in French', () => {
    const mapped = toAppError(new TypeError('x is undefined'), { maxBodyBytes: 1024 });
    expect(mapped.status).toBe(500);
    expect(mapped.code).toBe('internal_error');
    expect(mapped.message).toMatch(/erreur interne/);
  });
});

describe('the API dependency fault log', () => {
  it('ends the fault once requests are answered with no 503 for a while (not a preflight, not one between two 503s), so the next outage is a new one', async () => {
    const { logger, lines } = captureLogLines();
    const faults = new DependencyFaultLog(logger, { component: 'api' }, 0);
    let clock = 1_000_000;
    const app = express();
    app.use(createDependencyRecoveryTracker(faults, () => clock));
    app.get('/api/down', () => {
      throw new DependencyUnavailableError('redis', 'Redis unavailable');
    });
    app.get('/api/up', (_req, res) => res.json({ ok: true }));
    app.options('/api/up', (_req, res) => res.status(204).end());
    app.use(createErrorHandler({ logger, maxBodyBytes: 1024, dependencyFaults: faults }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    try {
      expect((await fetch(`${base}/api/down`)).status).toBe(503);
      await settle();
      // Right after a 503 (another dependency may still be away) and a preflight: the fault goes on.
      expect((await fetch(`${base}/api/up`)).status).toBe(200);
      clock += DEPENDENCY_RECOVERY_QUIET_MS;
      expect((await fetch(`${base}/api/up`, { method: 'OPTIONS' })).status).toBe(204);
      await settle();
      expect(lines.map((line) => line.msg)).toEqual(['requests answered 503: a dependency is unavailable']);
      // No 503 for the quiet period, a request answered: over.
      expect((await fetch(`${base}/api/up`)).status).toBe(200);
      await settle();
      clock += 60_000;
      expect((await fetch(`${base}/api/down`)).status).toBe(503);
      await settle();
    } finally {
      server.close();
    }
    expect(lines.map((line) => line.msg)).toEqual([
      'requests answered 503: a dependency is unavailable',
      'requests answered again: no 503 for a while',
      'requests answered 503: a dependency is unavailable',
    ]);
    expect(lines[1]).toMatchObject({ component: 'api', downForMs: expect.any(Number) });
    expect(lines[2]!.failingForMs).toBeUndefined();
  });
});
