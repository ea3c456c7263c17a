import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { closeTogether, closeWithinDeadline, EXIT_HEADROOM_MS } from './close-within-deadline.ts';

const repositoryRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

describe('closing a process within its deadline', () => {
  it('closes every step in order when they end', async () => {
    const { logger, lines } = captureLogLines('warn');
    const order: string[] = [];
    const step = (name: string) => ({ name, close: async () => void order.push(name) });
    await expect(closeWithinDeadline([step('queue'), step('connection')], { deadlineMs: 1_000, logger, what: 'test shutdown' })).resolves.toEqual({ kind: 'closed', failed: [] });
    expect(order).toEqual(['queue', 'connection']);
    expect(lines).toEqual([]);
  });

  it('gives up on a close that hangs at the deadline, abandons it and the steps after it, and names them in one line', async () => {
    const { logger, lines } = captureLogLines('warn');
    const abandoned: string[] = [];
    const started = Date.now();
    const outcome = await closeWithinDeadline(
      [
        { name: 'failing queue', close: async () => Promise.reject(new Error('Connection is closed.')) },
        { name: 'event hub', close: () => new Promise(() => undefined), abandon: () => abandoned.push('event hub') },
        { name: 'redis connection', close: async () => undefined, abandon: () => abandoned.push('redis connection') },
      ],
      { deadlineMs: 300, logger, what: 'test shutdown' },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome).toEqual({ kind: 'abandoned', waitingOn: 'event hub', notStarted: ['redis connection'] });
    expect(abandoned).toEqual(['event hub', 'redis connection']);
    expect(lines.map((line) => line.msg)).toEqual([
      'test shutdown: close failed',
      'test shutdown: closing abandoned after 300 ms, still waiting on event hub, not started: redis connection',
    ]);
  });

  it('names the steps that failed, so that the process can say it did not close cleanly (exit 1)', async () => {
    const { logger } = captureLogLines('warn');
    const outcome = await closeWithinDeadline(
      [
        { name: 'workers', close: async () => Promise.reject(new Error('Connection is closed.')) },
        { name: 'database pool', close: async () => undefined },
      ],
      { deadlineMs: 1_000, logger, what: 'test shutdown' },
    );
    expect(outcome).toEqual({ kind: 'closed', failed: ['workers'] });
  });

  it('closes together: one close failing at once does not end the step before the others have ended', async () => {
    const ended: string[] = [];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const together = closeTogether([
      async () => Promise.reject(new Error('chat worker close failed')),
      async () => {
        await slow;
        ended.push('ingest worker');
      },
    ]).then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const settledEarly = await Promise.race([together.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))]);
    expect(settledEarly).toBe(false);
    releaseSlow();
    expect(await together).toBe('1 of 2 closes failed: chat worker close failed');
    expect(ended).toEqual(['ingest worker']);
  });
});

describe('the exit headroom of the services', () => {
  it('is declared once, here, and both mains give their closes their deadline less it', () => {
    expect(EXIT_HEADROOM_MS).toBeGreaterThan(0);
    for (const service of ['api', 'worker']) {
      const main = readFileSync(path.join(repositoryRoot, 'services', service, 'src', 'main.ts'), 'utf8');
      expect(main, service).not.toMatch(/\b(?:const|let)\s+EXIT_HEADROOM_MS\b/);
      expect(main, service).toMatch(/- EXIT_HEADROOM_MS\b/);
    }
  });
});
