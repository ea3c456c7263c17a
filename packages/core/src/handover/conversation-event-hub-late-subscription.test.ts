import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTestContext } from '../queue/test-support/redis-test-context.ts';
import { startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { ConversationEventHub, type ConversationEventListener } from './conversation-event-hub.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { assistantMessageEvent } from './message-event-fixture.ts';

/**
 * A subscription whose messages stop for seconds and then come all at once, in order (a Redis
 * Cluster node that hung under it and resumed): the hub's numbered checks come back with no number
 * missing, yet what the node's peers held for it meanwhile may be gone. The hub counts a check heard
 * long after it was sent as a gap, and its listeners read back from before it.
 *
 * The hub checks every second here, and a check heard 3 s or more after it was sent is late (2 s
 * and 5 s by default): the stall lasts 5 s, 2 s past that threshold as the default's 7 s were, and
 * under the 10 s after which the hub replaces its subscriber connection (another way to resync).
 */
const subscriptionChecks = { intervalMs: 1_000, lateMs: 3_000 };
const stallMs = 5_000;
const context = createRedisTestContext('event-hub-late-subscription');
let holding = false;
const held: Array<() => void> = [];
let proxy: TcpTestProxy;
let hub: ConversationEventHub;
type ConversationSignal = Parameters<ConversationEventListener>[0];

beforeAll(async () => {
  const target = new URL(context.redisUrl);
  proxy = await startTcpTestProxy({ host: target.hostname, port: Number(target.port || 6379) }, (_connection, direction, _chunk, forward) => {
    if (direction === 'to_client' && holding) held.push(forward);
    else forward();
  });
  hub = new ConversationEventHub({
    subscriber: new Redis(proxy.url('redis'), { maxRetriesPerRequest: null }),
    reader: context.redis,
    keys: context.keys,
    logger: context.logger,
    subscriptionChecks,
  });
  await hub.waitUntilReady();
});

afterAll(async () => {
  await hub.close();
  await proxy.close();
  await context.cleanup();
});

describe('a subscription stalled for seconds, then given back whole', () => {
  it('tells its listeners to read back from before the stall, once, and no resync while checks come on time', async () => {
    const conversationId = 'late-subscription';
    const signals: ConversationSignal[] = [];
    hub.subscribe(conversationId, (signal) => signals.push(signal));
    const publisher = new ConversationEventPublisher(context.redis, context.keys);
    await publisher.publish(assistantMessageEvent(conversationId, 'avant'));
    await waitUntil(async () => signals.length, (count) => count > 0, 5_000);
    // Three checks' worth on time: none is late.
    await new Promise((resolve) => setTimeout(resolve, 3.5 * subscriptionChecks.intervalMs));
    expect(signals.map((signal) => signal.kind)).toEqual(['event']);

    const stalledAt = Date.now();
    holding = true;
    await publisher.publish(assistantMessageEvent(conversationId, 'pendant'));
    await new Promise((resolve) => setTimeout(resolve, stallMs));
    holding = false;
    for (const forward of held.splice(0)) forward();

    const seen = await waitUntil(async () => signals, (all) => all.some((signal) => signal.kind === 'resync'), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const resyncs = seen.filter((signal) => signal.kind === 'resync');
    expect(resyncs).toHaveLength(1);
    const since = resyncs[0]?.kind === 'resync' ? resyncs[0].sinceMs : undefined;
    expect(since).toBeDefined();
    expect(since!).toBeLessThanOrEqual(stalledAt);
    // The stall's event itself came too, late: nothing here was lost, the resync is the hub's caution.
    expect(seen.filter((signal) => signal.kind === 'event')).toHaveLength(2);
  }, 30_000);
});
