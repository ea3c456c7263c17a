import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { createServerErrorCounter } from './server-error-counter.ts';

/** The 5xx answers of a Redis outage are counted once Redis answers again, not lost. */

function answer(middleware: ReturnType<typeof createServerErrorCounter>, status: number): void {
  const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
  middleware({} as Request, res, () => undefined);
  (res as unknown as EventEmitter).emit('finish');
}

describe('the 5xx counter of the owner’s dashboard', () => {
  it('keeps the answers it could not count while Redis was away and counts them when it is back', async () => {
    let redisAway = true;
    let counted = 0;
    const counters = {
      async recordServerError(_now?: number, count = 1) {
        if (redisAway) throw new Error('Connection is closed.');
        counted += count;
      },
    };
    const middleware = createServerErrorCounter({ counters, logger: createLogger({ level: 'silent' }), retryIntervalMs: 50 });
    for (let index = 0; index < 5; index += 1) answer(middleware, 503);
    answer(middleware, 200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted).toBe(0);
    redisAway = false;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(counted).toBe(5);
    answer(middleware, 500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted).toBe(6);
  });
});
