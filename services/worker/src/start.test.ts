import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnEntryHeldWhileLoading, type EntryHeldWhileLoading } from '@lac/core/testing';
import { redisTestContextAroundTests, temporaryDatabaseAroundTests } from '@lac/core/testing/vitest';

/**
 * A worker stopped (SIGTERM) while Node still loads its code, before the composition root has run a
 * line: its entry (start.ts) handles the signal from its first line and the process exits 0. Before,
 * it died by the signal's default action (exit 143, as a crash reads) until main.ts's handlers
 * existed. The load of main.ts is held by a module hook (entry-held-while-loading.ts), so the signal
 * lands in that window on any machine. Nothing had started: a message already queued still waits,
 * unattempted.
 */

const repositoryRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const context = redisTestContextAroundTests('worker-entry');
const database = temporaryDatabaseAroundTests();
let entry: EntryHeldWhileLoading | undefined;
afterEach(() => entry?.cleanup());

describe('the worker entry stopped while its code loads', () => {
  it('exits 0 on SIGTERM, not 143, and leaves a queued message waiting', async () => {
    const config = context().config();
    const queue = new Queue(config.CHAT_QUEUE_NAME, { connection: context().redis.duplicate(), prefix: config.QUEUE_PREFIX });
    try {
      const job = await queue.add('chat', { queued: 'before the worker started' }, { jobId: 'waiting-through-the-stop' });
      entry = spawnEntryHeldWhileLoading({
        entry: 'services/worker/src/start.ts',
        cwd: repositoryRoot,
        env: { ...process.env, REDIS_URL: context().redisUrl, QUEUE_PREFIX: config.QUEUE_PREFIX, LOG_LEVEL: 'info' },
      });
      await entry.loadingMain;
      entry.child.kill('SIGTERM');
      expect(await entry.exited).toEqual({ code: 0, signal: null });
      // Handled by the entry's handler or, once main.ts has taken the signals over, by its own: nothing had started.
      expect(entry.output()).toMatch(/worker stopped while starting, before taking any work|worker stopped before starting any job/);
      const after = await queue.getJob(job.id!);
      expect(await after!.getState()).toBe('waiting');
      expect(after!.attemptsMade).toBe(0);
    } finally {
      await queue.close();
      await queue.disconnect();
    }
  }, 60_000);

  it('hands the signals to main.ts once loaded: a SIGTERM after the start drains the worker', async () => {
    const config = context().config();
    entry = spawnEntryHeldWhileLoading({
      entry: 'services/worker/src/start.ts',
      cwd: repositoryRoot,
      holdMs: 0,
      env: { ...process.env, REDIS_URL: context().redisUrl, QUEUE_PREFIX: config.QUEUE_PREFIX, DATABASE_URL: database().connectionString, LOG_LEVEL: 'info' },
    });
    await entry.waitForOutput('"msg":"worker ready"');
    entry.child.kill('SIGTERM');
    expect(await entry.exited).toEqual({ code: 0, signal: null });
    expect(entry.output()).toContain('"msg":"worker stopped"');
    expect(entry.output()).not.toContain('stopped while starting, before taking any work');
  }, 90_000);
});
