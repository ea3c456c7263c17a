import { describe, expect, it } from 'vitest';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { closeWithinDeadline } from './close-within-deadline.ts';

describe('closing a process within its deadline', () => {
  it('closes every step in order when they end', async () => {
    const { logger, lines } = captureLogLines('warn');
    const order: string[] = [];
    const step = (name: string) => ({ name, close: async () => void order.push(name) });
    await expect(closeWithinDeadline([step('queue'), step('connection')], { deadlineMs: 1_000, logger, what: 'test shutdown' })).resolves.toEqual({ kind: 'closed' });
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
});
