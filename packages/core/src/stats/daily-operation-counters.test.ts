import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDay } from '../config/time-zone.ts';
import { createLogger } from '../logging/logger.ts';
import { DailyBudget } from '../providers/budget/daily-budget.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { DailyOperationCounters } from './daily-operation-counters.ts';

/**
 * The 5xx day counter with a real Redis of its own, stalled (SIGSTOP) then resumed as a host under
 * load or a paused container would: the writes that timed out meanwhile land when it resumes, and
 * the retries land too. Each process writes its running total, so nothing counts twice.
 */

const logger = createLogger({ level: 'silent' });
let server: ChildProcess;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

beforeAll(async () => {
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = createRedisConnection(`redis://127.0.0.1:${port}`, { connectionName: 'probe', logger, forBullWorker: true });
  await probe.ping();
  probe.disconnect();
});
afterAll(() => {
  server?.kill('SIGCONT');
  server?.kill('SIGKILL');
});

function countersOn(redis: RedisClient, prefix: string): DailyOperationCounters {
  const keys = new RedisKeys(prefix);
  const budget = new DailyBudget({ redis, keys, capUsd: 10, reservationTtlMs: 60_000, timeZone: 'Europe/Paris', logger });
  return new DailyOperationCounters({ redis, keys, failedJobsKey: `${prefix}:chat:failed`, budget });
}

const today = () => zonedDay(Date.now(), 'Europe/Paris');
const http5xxOf = async (counters: DailyOperationCounters) => (await counters.readDays([today()])).operationCounts[0]?.http_5xx ?? 0;

describe('the 5xx day counter', () => {
  it('sums the processes and counts a stall’s answers once, though their timed-out writes land late and are retried', async () => {
    const prefix = `ops-${randomUUID()}`;
    // The API's fail-fast connection (750 ms a command).
    const apiRedis = createRedisConnection(`redis://127.0.0.1:${port}`, { connectionName: 'api', logger });
    const otherRedis = createRedisConnection(`redis://127.0.0.1:${port}`, { connectionName: 'other-api', logger });
    const api = countersOn(apiRedis, prefix);
    const otherApi = countersOn(otherRedis, prefix);
    try {
      await api.recordServerError();
      await otherApi.recordServerError();
      expect(await http5xxOf(api)).toBe(2);

      server.kill('SIGSTOP');
      const duringStall = await Promise.allSettled(Array.from({ length: 5 }, () => api.recordServerError()));
      expect(duringStall.every((outcome) => outcome.status === 'rejected')).toBe(true);
      const retryDuringStall = await api.writeServerErrors().then(() => 'written', () => 'failed');
      expect(retryDuringStall).toBe('failed');
      server.kill('SIGCONT');
      // The writes sent during the stall land now; then the retry a minute later.
      await sleep(200);
      await api.writeServerErrors();
      await api.writeServerErrors();
      expect(await http5xxOf(api)).toBe(7);
    } finally {
      server.kill('SIGCONT');
      apiRedis.disconnect();
      otherRedis.disconnect();
    }
  });
});

describe('the days of the counters', () => {
  it('are the daily budget’s days: 5xx and failed jobs at 23:30 UTC count on the next day in Paris, winter and summer', async () => {
    const prefix = `ops-${randomUUID()}`;
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, { connectionName: 'days', logger });
    const counters = countersOn(redis, prefix);
    try {
      for (const [lateEvening, parisMidnightInUtc, utcDate, parisDate] of [
        ['2026-01-14T23:30:00Z', '2026-01-14T23:00:00Z', '2026-01-14', '2026-01-15'],
        ['2026-07-14T23:30:00Z', '2026-07-14T22:00:00Z', '2026-07-14', '2026-07-15'],
      ] as const) {
        const at = Date.parse(lateEvening);
        await counters.recordServerError(at);
        // BullMQ's failed set scores a job by when it failed: at 23:30 UTC (Paris day), a minute before midnight
        // in Paris (the day before), at the next midnight in Paris (the day after, not read).
        const parisMidnight = Date.parse(parisMidnightInUtc);
        await redis.zadd(`${prefix}:chat:failed`, at, `job-${lateEvening}`, parisMidnight - 60_000, `before-${lateEvening}`, parisMidnight + 86_400_000, `after-${lateEvening}`);
        const read = await counters.readDays([utcDate, parisDate], at + 60_000);
        expect(read.operationCounts.sort((a, b) => a.day.localeCompare(b.day))).toEqual([
          { day: utcDate, failed_jobs: 1, http_5xx: 0 },
          { day: parisDate, failed_jobs: 1, http_5xx: 1 },
        ]);
      }
    } finally {
      redis.disconnect();
    }
  });
});
