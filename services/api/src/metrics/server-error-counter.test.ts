import { EventEmitter, once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, createRedisConnection, DailyBudget, DailyOperationCounters, RedisKeys, loadConfig } from '@lac/core';
import { createServerErrorCounter } from './server-error-counter.ts';

/** The 5xx answers of a Redis outage are counted once Redis answers again, not lost nor doubled (real Redis). */

const logger = createLogger({ level: 'silent' });
const redis = createRedisConnection(loadConfig(process.env), { connectionName: 'server-error-counter-test', logger });
afterAll(() => redis.disconnect());

function answer(middleware: ReturnType<typeof createServerErrorCounter>, status: number): void {
  const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
  middleware({} as Request, res, () => undefined);
  (res as unknown as EventEmitter).emit('finish');
}

describe('the 5xx counter of the owner’s dashboard', () => {
  it('keeps the answers it could not write while Redis was away and writes them when it is back', async () => {
    const prefix = `errors-${randomUUID()}`;
    const keys = new RedisKeys(prefix);
    const budget = new DailyBudget({ redis, keys, capUsd: 1, reservationTtlMs: 1_000, timeZone: 'Europe/Paris', logger });
    const counters = new DailyOperationCounters({ redis, keys, failedJobsKey: `${prefix}:chat:failed`, budget });
    const counted = async () => (await counters.readDays([budget.dayOf(Date.now())])).operationCounts[0]?.http_5xx ?? 0;
    const middleware = createServerErrorCounter({ counters, logger, retryIntervalMs: 50 });
    // Connected first, so that the disconnect below always ends in 'end' (ioredis does not reconnect
    // a client closed by hand); connected again only once the old socket has closed (connect()
    // while it is still closing is rejected with "Connection is closed" when the close comes).
    await redis.ping();
    const ended = once(redis, 'end');
    redis.disconnect();
    for (let index = 0; index < 5; index += 1) answer(middleware, 503);
    answer(middleware, 200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ended;
    await redis.connect();
    for (let waited = 0; waited < 2_000 && (await counted()) < 5; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await counted()).toBe(5);
    answer(middleware, 500);
    for (let waited = 0; waited < 2_000 && (await counted()) < 6; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await counted()).toBe(6);
  });
});
