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

  it('maps anything unknown to a generic 500 in French', () => {
    const mapped = toAppError(new TypeError('x is undefined'), { maxBodyBytes: 1024 });
    expect(mapped.status).toBe(500);
    expect(mapped.code).toBe('internal_error');
    expect(mapped.message).toMatch(/erreur interne/);
  });
});
