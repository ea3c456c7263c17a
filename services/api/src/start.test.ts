import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnEntryHeldWhileLoading, type EntryHeldWhileLoading } from '@lac/core/testing';
import { findFreePort } from '@lac/core/testing';
import { redisTestContextAroundTests, temporaryDatabaseAroundTests } from '@lac/core/testing/vitest';

/**
 * The API stopped (SIGTERM) while Node still loads its code: its entry (start.ts) handles the signal
 * from its first line and the process exits 0 (it had accepted nothing). Before, it died by the
 * signal's default action (exit 143) until main.ts installed its handlers, once listening. The load
 * of main.ts is held by a module hook (entry-held-while-loading.ts), so the signal lands in that
 * window on any machine.
 */

const repositoryRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const context = redisTestContextAroundTests('api-entry');
const database = temporaryDatabaseAroundTests();
let entry: EntryHeldWhileLoading | undefined;
afterEach(() => entry?.cleanup());

describe('the API entry stopped while its code loads', () => {
  it('exits 0 on SIGTERM, not 143', async () => {
    entry = spawnEntryHeldWhileLoading({
      entry: 'services/api/src/start.ts',
      cwd: repositoryRoot,
      env: { ...process.env, REDIS_URL: context().redisUrl, QUEUE_PREFIX: context().prefix, LOG_LEVEL: 'info' },
    });
    await entry.loadingMain;
    entry.child.kill('SIGTERM');
    expect(await entry.exited).toEqual({ code: 0, signal: null });
    expect(entry.output()).toContain('api stopped while starting, before taking any work');
    expect(entry.output()).not.toContain('api listening');
  }, 60_000);

  it('hands the signals to main.ts once listening: a SIGTERM then drains the API', async () => {
    entry = spawnEntryHeldWhileLoading({
      entry: 'services/api/src/start.ts',
      cwd: repositoryRoot,
      holdMs: 0,
      env: { ...process.env, REDIS_URL: context().redisUrl, QUEUE_PREFIX: context().prefix, DATABASE_URL: database().connectionString, PORT: String(await findFreePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    await entry.waitForOutput('"msg":"api listening"');
    entry.child.kill('SIGTERM');
    expect(await entry.exited).toEqual({ code: 0, signal: null });
    expect(entry.output()).toContain('"msg":"api stopped"');
    expect(entry.output()).not.toContain('stopped while starting, before taking any work');
  }, 90_000);
});
