import { describe, expect, it } from 'vitest';
import { createLogger, createRedisConnection } from '@lac/core';
import { toAppError } from './error-handler.ts';

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
