import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { ConversationEventHub, type ConversationEventListener } from './conversation-event-hub.ts';

/**
 * The hub's own checks, heard through a stand-in subscriber on a fake clock: a stall under the
 * subscription whose backlog comes back with one check lost in it is one gap, read back once. The
 * late check and the missing number were each answered with a resync of every listener (every open
 * stream of the process reading its conversation back), twice for the same stall.
 */
type Signal = Parameters<ConversationEventListener>[0];
const keys = new RedisKeys(`test-hub-checks-${process.pid}`);

describe('the conversation event hub: checks of a stall that lost one of them', () => {
  let subscriber: EventEmitter & { subscribe(): Promise<number>; ping(): Promise<string>; disconnect(): void };
  const published: Array<{ subscription_check: string; sequence: number; sent_at_ms: number }> = [];
  let hub: ConversationEventHub;
  const signals: Signal[] = [];

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['setInterval', 'setTimeout', 'Date'] });
    subscriber = Object.assign(new EventEmitter(), { subscribe: async () => 1, ping: async () => 'PONG', disconnect: () => undefined });
    const reader = {
      publish: async (_channel: string, payload: string) => {
        published.push(JSON.parse(payload) as (typeof published)[number]);
        return 1;
      },
    };
    hub = new ConversationEventHub({
      subscriber: subscriber as unknown as RedisClient,
      reader: reader as unknown as RedisClient,
      keys,
      logger: createLogger({ level: 'silent' }),
    });
    await hub.waitUntilReady();
    hub.subscribe('c-1', (signal) => signals.push(signal));
  });

  afterEach(async () => {
    await hub.close();
    vi.useRealTimers();
    published.length = 0;
    signals.length = 0;
  });

  const checkNumber = (sequence: number) => published.find((check) => check.sequence === sequence)!;
  const hear = (sequence: number) => subscriber.emit('message', keys.conversationEventsChannel(), JSON.stringify(checkNumber(sequence)));
  const resyncs = () => signals.filter((signal) => signal.kind === 'resync');

  it('late first, then the number after the lost one: one resync, from before the stall', async () => {
    await vi.advanceTimersByTimeAsync(2_000);
    hear(1); // on time
    await vi.advanceTimersByTimeAsync(8_500); // checks 2 to 5 sent, none heard: the subscription stalls
    hear(2); // 6.5 s late
    hear(4); // 3 was lost in the stall
    hear(5);
    expect(resyncs()).toEqual([{ kind: 'resync', sinceMs: checkNumber(2).sent_at_ms - 2_000 }]);
  });

  it('the number after the lost one first, then late ones: one resync, from before the stall', async () => {
    await vi.advanceTimersByTimeAsync(2_001);
    hear(1); // on time, a moment after it was sent: the subscriber is replaced only 12 s after it was sent
    await vi.advanceTimersByTimeAsync(11_499);
    // 2 lost; 3 comes 7.5 s late, 4 5.5 s late, then 5 and 6.
    hear(3);
    hear(4);
    hear(5);
    hear(6);
    expect(resyncs()).toHaveLength(1);
    expect((resyncs()[0] as { sinceMs?: number }).sinceMs).toBeLessThanOrEqual(checkNumber(2).sent_at_ms);
  });

  it('a later stall is read back again', async () => {
    await vi.advanceTimersByTimeAsync(2_000);
    hear(1);
    await vi.advanceTimersByTimeAsync(8_500);
    hear(2);
    hear(4);
    hear(5);
    await vi.advanceTimersByTimeAsync(1_500);
    hear(6); // on time
    await vi.advanceTimersByTimeAsync(8_500);
    hear(7); // late
    hear(8);
    hear(10); // 9 lost
    expect(resyncs()).toHaveLength(2);
    expect((resyncs()[1] as { sinceMs?: number }).sinceMs).toBe(checkNumber(7).sent_at_ms - 2_000);
  });
});
