import { afterAll, describe, expect, it } from 'vitest';
import { createRedisTestContext } from '../queue/test-support/redis-test-context.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { assistantMessageEvent } from './message-event-fixture.ts';

/** Appending a conversation's events on a real Redis: an event retried with its attempt id is there once. */
const context = createRedisTestContext('conversation-event-publisher');
afterAll(() => context.cleanup());

describe('ConversationEventPublisher', () => {
  const publisher = new ConversationEventPublisher(context.redis, context.keys);
  const texts = async (conversationId: string) =>
    ((await context.redis.xrange(context.keys.conversationEvents(conversationId), '-', '+')) as Array<[string, string[]]>).map(
      ([, fields]) => (JSON.parse(fields[fields.indexOf('event') + 1]!) as { message: { content: string } }).message.content,
    );

  it('appends and announces an attempt of an event that already landed only once, answering the first entry’s id', async () => {
    const subscriber = context.redis.duplicate();
    const announced: string[] = [];
    subscriber.on('message', (_channel: string, payload: string) => announced.push(payload));
    await subscriber.subscribe(context.keys.conversationEventsChannel());
    const conversationId = 'publisher-retried';
    const first = await publisher.publish(assistantMessageEvent(conversationId, 'un'), { attemptId: 'attempt-un' });
    await publisher.publish(assistantMessageEvent(conversationId, 'deux'), { attemptId: 'attempt-deux' });
    // The first attempt of 'un' timed out on the client and landed; its retry lands after 'deux'.
    const retried = await publisher.publish(assistantMessageEvent(conversationId, 'un'), { attemptId: 'attempt-un' });
    expect(retried).toBe(first);
    expect(await texts(conversationId)).toEqual(['un', 'deux']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(announced).toHaveLength(2);
    await subscriber.quit();
  });

  it('appends every event published without an attempt id, as the workers publish them', async () => {
    const conversationId = 'publisher-plain';
    await publisher.publish(assistantMessageEvent(conversationId, 'un'));
    await publisher.publish(assistantMessageEvent(conversationId, 'un'));
    expect(await texts(conversationId)).toEqual(['un', 'un']);
  });
});
