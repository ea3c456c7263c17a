import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { redisClusterToolsAvailable, startLocalRedisCluster, type LocalRedisCluster } from '../testing/local-redis-cluster.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { assistantMessageEvent } from './message-event-fixture.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { OrderedEventRetry } from './ordered-event-retry.ts';

/**
 * The hand-over's events while the master of the conversation's slot is lost (SIGKILL) and its
 * replica takes over, on a local Redis Cluster of 3 masters and 3 replicas, through the API's
 * fail-fast connection (commands give up after 800 ms, a failover takes seconds).
 */
const logger = createLogger({ level: 'silent', name: 'test-ordered-event-retry' });

describe.skipIf(!(await redisClusterToolsAvailable()))('OrderedEventRetry on a Redis Cluster failover', () => {
  let cluster: LocalRedisCluster;
  let redis: RedisClient;
  const keys = new RedisKeys('{retry-test}');

  beforeAll(async () => {
    cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 1 });
    const config = loadConfig({ NODE_ENV: 'test', REDIS_CLUSTER_NODES: cluster.seeds, LOG_LEVEL: 'silent' });
    redis = createRedisConnection(config, { connectionName: 'test-ordered-event-retry', logger });
  }, 120_000);

  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('lands every event the lost master refused, in order, once the replica serves the slot', async () => {
    const conversationId = 'retry-conversation';
    const publisher = new ConversationEventPublisher(redis, keys);
    const eventsKey = keys.conversationEvents(conversationId);
    const slot = Number(await cluster.cli(cluster.nodes[0]!.port, 'CLUSTER', 'KEYSLOT', eventsKey));
    const { master, replica } = await cluster.ownerOfSlot(slot);
    // Each node's own ROLE (one node's CLUSTER NODES view can be stale, and a loaded machine can
    // see a failover of its own): the master serves, its replica follows it over a live link.
    await waitUntil(
      async () => [(await cluster.cli(master, 'ROLE')).trim().split('\n'), (await cluster.cli(replica!, 'ROLE')).trim().split('\n')] as const,
      ([masterRole, replicaRole]) => masterRole[0] === 'master' && replicaRole[0] === 'slave' && Number(replicaRole[2]) === master && replicaRole[3] === 'connected',
      30_000,
    );
    await publisher.publish(assistantMessageEvent(conversationId, 'avant'));
    // The replica holds the first event, read on the replica itself (the kill loses nothing it has;
    // replication is asynchronous, so wait for it).
    const replicaReader = new Redis({ host: '127.0.0.1', port: replica!, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await replicaReader.connect();
      await replicaReader.call('READONLY');
      await waitUntil(() => replicaReader.xlen(eventsKey), (length) => length === 1, 10_000);
    } finally {
      replicaReader.disconnect();
    }

    cluster.nodes.find((node) => node.port === master)!.process.kill('SIGKILL');
    // What the desk did with an event: one attempt, refused while the slot has no master.
    await expect(publisher.publish(assistantMessageEvent(conversationId, 'perdu'))).rejects.toThrow();

    const events = new OrderedEventRetry(publisher, logger, [250, 500, 1_000, 2_000, 4_000, 8_000]);
    for (const text of ['un', 'deux', 'trois']) await events.publish(assistantMessageEvent(conversationId, text));
    expect(events.pendingConversations).toBe(1);
    await events.settled();

    const stream = (await redis.xrange(eventsKey, '-', '+')) as Array<[string, string[]]>;
    const texts = stream.map(([, fields]) => (JSON.parse(fields[fields.indexOf('event') + 1]!) as { message: { content: string } }).message.content);
    // In order, once each: an event goes only once the one before it was acknowledged, and an
    // attempt that timed out on the client but landed later (ioredis sends what it queued during the
    // failover once the slot has a master: a CI run found 'un' twice, the copy after 'deux') finds
    // the event's earlier attempt in the stream and appends nothing.
    expect(texts).toEqual(['avant', 'un', 'deux', 'trois']);
    // Once Redis takes commands, an event goes at once again.
    await events.publish(assistantMessageEvent(conversationId, 'quatre'));
    expect(events.pendingConversations).toBe(0);
  }, 120_000);
});
