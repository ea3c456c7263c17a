import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErasedConversations } from '../privacy/erased-conversations.ts';
import { erasureAnnouncementOf } from '../privacy/erasure-announcement.ts';
import { createRedisTestContext } from '../queue/test-support/redis-test-context.ts';
import { ConversationEventHub, type ConversationEventListener } from './conversation-event-hub.ts';

/**
 * An erasure announces itself once, on the conversation events channel, after setting its marker.
 * A stream or long-poll whose access check passed an instant before the erasure subscribes after the
 * announcement went by: the hub checks the marker for each new listener, so it still ends.
 */

const context = createRedisTestContext('conversation-event-hub');
const erased = new ErasedConversations(context.redis, context.keys);
let subscriber: Redis;
let hub: ConversationEventHub;

beforeAll(async () => {
  subscriber = new Redis(context.redisUrl, { maxRetriesPerRequest: null });
  hub = new ConversationEventHub({ subscriber, reader: context.redis, keys: context.keys, logger: context.logger, erased });
  await hub.waitUntilReady();
});

afterAll(async () => {
  await hub.close();
  await context.cleanup();
});

/** The signals a listener got within `ms`. */
async function signalsWithin(conversationId: string, ms: number, options: { unsubscribeAtOnce?: boolean } = {}): Promise<string[]> {
  const kinds: string[] = [];
  const listener: ConversationEventListener = (signal) => kinds.push(signal.kind);
  const unsubscribe = hub.subscribe(conversationId, listener);
  if (options.unsubscribeAtOnce) unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, ms));
  unsubscribe();
  return kinds;
}

describe('a listener added after an erasure was announced', () => {
  it('gets `erased` at once: the marker set before the announcement is checked when it subscribes', async () => {
    const conversationId = `erased-before-subscribe-${Date.now()}`;
    await erased.mark(conversationId);
    await context.redis.publish(context.keys.conversationEventsChannel(), erasureAnnouncementOf(conversationId));
    // The announcement has gone by (nobody listened) when the late listener subscribes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await signalsWithin(conversationId, 300)).toEqual(['erased']);
  });

  it('gets nothing for a conversation that was not erased', async () => {
    expect(await signalsWithin(`not-erased-${Date.now()}`, 300)).toEqual([]);
  });

  it('gets nothing once it has unsubscribed, even when the conversation was erased', async () => {
    const conversationId = `erased-unsubscribed-${Date.now()}`;
    await erased.mark(conversationId);
    expect(await signalsWithin(conversationId, 300, { unsubscribeAtOnce: true })).toEqual([]);
  });

  it('still gets the announcement of an erasure that comes after it subscribed', async () => {
    const conversationId = `erased-after-subscribe-${Date.now()}`;
    const kinds: string[] = [];
    const unsubscribe = hub.subscribe(conversationId, (signal) => kinds.push(signal.kind));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await erased.mark(conversationId);
    await context.redis.publish(context.keys.conversationEventsChannel(), erasureAnnouncementOf(conversationId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    unsubscribe();
    expect(kinds).toEqual(['erased']);
  });
});

describe('an erasure announced while the hub was not subscribed', () => {
  it('reaches the conversation listeners when the subscription comes back', async () => {
    const conversationId = `erased-while-reconnecting-${Date.now()}`;
    const kinds: string[] = [];
    const unsubscribe = hub.subscribe(conversationId, (signal) => kinds.push(signal.kind));
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscriber.disconnect(true);
    await erased.mark(conversationId);
    await context.redis.publish(context.keys.conversationEventsChannel(), erasureAnnouncementOf(conversationId));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    unsubscribe();
    expect(kinds).toEqual(['resync', 'erased']);
  });
});
