import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgPool } from '../database/pg-pool.ts';
import { isInfrastructureFault } from '../errors/infrastructure-fault.ts';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { chatExchangeFixture } from '../store/chat-exchange-fixture.ts';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { findFreePort } from '../testing/free-port.ts';
import { databaseOnEngineAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { ConversationAccess } from './conversation-access.ts';
import { ConversationEraser } from './conversation-eraser.ts';
import { ConversationTokens } from './conversation-tokens.ts';
import { conversationIdDigest, ErasedConversations } from './erased-conversations.ts';
import { PgPrivacyStore } from './pg-privacy-store.ts';
import { RedisTraceEraser } from './redis-trace-eraser.ts';

/**
 * An erasure that fails must leave the system so that a retry erases everything. The database
 * fails for real: it is reached through a TCP proxy that, while "down", cuts the connection as the
 * erasure's transaction sends its DELETE of the conversations (after the messages were deleted in
 * that same transaction). Redis fails for real: a connection to a port nobody listens on.
 */

const secretText = `Mon secret de visiteuse ${randomUUID()}`;

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination, secrets: [] }) };
}

await describeOnEachDatabaseEngine('an erasure that fails', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  const context = redisTestContextAroundTests('eraser-failure');
  const tokens = new ConversationTokens({ current: 'k'.repeat(40) });
  let databaseDown = false;
  /** The COMMIT reaches the database, its answer is lost (the connection is cut as it comes back). */
  let commitAnswerLost = false;
  const cutOnAnswer = new WeakSet<object>();
  let proxy: TcpTestProxy;
  let proxiedPool: pg.Pool;
  const traceErasers: RedisTraceEraser[] = [];

  beforeAll(async () => {
    const target = new URL(database().connectionString);
    proxy = await startTcpTestProxy({ host: target.hostname, port: Number(target.port || 5432) }, (connection, direction, chunk, forward) => {
      if (databaseDown && direction === 'to_server' && chunk.includes('DELETE FROM conversations')) {
        connection.upstream.destroy();
        connection.client.destroy();
        return;
      }
      if (commitAnswerLost && direction === 'to_server' && chunk.includes('COMMIT')) cutOnAnswer.add(connection);
      if (direction === 'to_client' && cutOnAnswer.has(connection)) {
        connection.upstream.destroy();
        connection.client.destroy();
        return;
      }
      forward();
    });
    const proxied = new URL(proxy.url('postgres'));
    target.host = proxied.host;
    proxiedPool = createPgPool(target.toString(), { max: 2, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await Promise.all(traceErasers.map((eraser) => eraser.close()));
    await proxiedPool?.end();
    await proxy?.close();
  });

  function parts(options: { logger?: ReturnType<typeof createLogger>; traceRedis?: ReturnType<typeof createRedisConnection> } = {}) {
    const { redis, keys } = context();
    const logger = options.logger ?? context().logger;
    const erased = new ErasedConversations(redis, keys);
    const store = new PgPrivacyStore(proxiedPool);
    const redisTraces = new RedisTraceEraser(options.traceRedis ?? redis, keys, erased, logger);
    traceErasers.push(redisTraces);
    const access = new ConversationAccess({ redis, keys, tokens, erased, owners: store, mode: 'token' });
    return { erased, access, eraser: new ConversationEraser({ store, redisTraces, erased, logger }) };
  }

  /** A stored conversation (two exchanges) with a Redis trace of its own (its rate-limit window). */
  async function storedConversation(): Promise<string> {
    const conversationId = `conv-${randomUUID()}`;
    const conversations = new PgConversationStore(database().pool);
    for (const minute of ['00', '05']) {
      const at = `2026-03-01T10:${minute}:00.000Z`;
      await conversations.persistExchange(chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId, userMessage: secretText, userSentAt: at, answeredAt: at }));
    }
    await context().redis.zadd(context().keys.rateLimit(conversationId), Date.now(), 'one');
    return conversationId;
  }

  const messagesOf = async (conversationId: string) =>
    (await database().pool.query('SELECT 1 FROM messages WHERE conversation_id = $1', [conversationId])).rowCount;
  const read = (access: ConversationAccess, conversationId: string) => access.decide(conversationId, tokens.issue(conversationId), { kind: 'read' });

  it('whose database step fails leaves no marker nor erased row; the retry, database back, erases everything', async () => {
    const { erased, access, eraser } = parts();
    const conversationId = await storedConversation();
    databaseDown = true;
    try {
      await expect(eraser.eraseConversations([conversationId])).rejects.toSatisfy(isInfrastructureFault);
    } finally {
      databaseDown = false;
    }
    // Nothing was erased (one transaction), and the visitor's retry is not refused as already erased.
    expect(await erased.isErased(conversationId)).toBe(false);
    expect(await messagesOf(conversationId)).toBe(4);
    await expect(read(access, conversationId)).resolves.toEqual({ kind: 'allowed', via: 'token' });

    const report = await eraser.eraseConversations([conversationId]);
    expect(report.erased).toMatchObject({ conversations: 1, messages: 4, users: 1, redis_keys: 1 });
    expect(await messagesOf(conversationId)).toBe(0);
    expect(await erased.isErased(conversationId)).toBe(true);
    await expect(read(access, conversationId)).resolves.toEqual({ kind: 'denied', reason: 'conversation_erased' });
  });

  it('that fails in the database takes back only its own marks: an earlier erasure’s marker stays', async () => {
    const { erased, access, eraser } = parts();
    const done = await storedConversation();
    await eraser.eraseConversations([done]);
    const running = `conv-${randomUUID()}`;
    await erased.mark(running, 'hold-of-an-erasure-still-running');
    const earlierVersion = `conv-${randomUUID()}`;
    const earlierVersionKey = context().keys.erasedConversation(conversationIdDigest(earlierVersion));
    await context().redis.set(earlierVersionKey, '1', 'EX', 3600);

    databaseDown = true;
    try {
      await expect(eraser.eraseConversations([done, running, earlierVersion])).rejects.toSatisfy(isInfrastructureFault);
    } finally {
      databaseDown = false;
    }
    for (const conversationId of [done, running, earlierVersion]) expect(await erased.isErased(conversationId)).toBe(true);
    expect(await context().redis.get(earlierVersionKey)).toBe('1');
    await expect(read(access, done)).resolves.toEqual({ kind: 'denied', reason: 'conversation_erased' });
    // The erasure still running fails too: now nothing holds the marker any more.
    await erased.release(running, 'hold-of-an-erasure-still-running');
    expect(await erased.isErased(running)).toBe(false);
  });

  it('whose commit goes unanswered keeps the marker (nothing readable meanwhile), rethrows, and finishes in the background', async () => {
    const { erased, access, eraser } = parts();
    const conversationId = await storedConversation();
    commitAnswerLost = true;
    try {
      await expect(eraser.eraseConversations([conversationId])).rejects.toSatisfy(isInfrastructureFault);
    } finally {
      commitAnswerLost = false;
    }
    // The rows are gone (the commit landed) and the conversation answers as erased, not as empty.
    expect(await messagesOf(conversationId)).toBe(0);
    expect(await erased.isErased(conversationId)).toBe(true);
    await expect(read(access, conversationId)).resolves.toEqual({ kind: 'denied', reason: 'conversation_erased' });
    // Its Redis traces go in the background.
    await waitUntil(() => context().redis.exists(context().keys.rateLimit(conversationId)), (exists) => exists === 0, 15_000);
    expect(await erased.isErased(conversationId)).toBe(true);
  });

  it('whose Redis step fails after the rows are gone keeps the marker, rethrows, logs no visitor text; an admin erasure finishes', async () => {
    const { lines, logger } = captureLogs();
    const deadRedis = createRedisConnection(`redis://127.0.0.1:${await findFreePort()}`, {
      connectionName: 'test-eraser-dead-redis',
      logger: createLogger({ level: 'silent' }),
      commandTimeoutMs: 300,
    });
    try {
      const { erased, access, eraser } = parts({ logger, traceRedis: deadRedis });
      const conversationId = await storedConversation();
      await expect(eraser.eraseConversations([conversationId])).rejects.toSatisfy(isInfrastructureFault);
      expect(await messagesOf(conversationId)).toBe(0);
      expect(await erased.isErased(conversationId)).toBe(true);
      await expect(read(access, conversationId)).resolves.toEqual({ kind: 'denied', reason: 'conversation_erased' });
      const logged = lines.find((line) => String(line.msg).startsWith('erasure incomplete'));
      expect(logged).toMatchObject({ level: 50, conversations: 1, messages: 4, dependency: 'redis' });
      expect(JSON.stringify(lines)).not.toContain(secretText);
      expect(JSON.stringify(lines)).not.toContain(conversationId);

      // What is left in Redis (the rate-limit window) goes with the next erasure, e.g. an admin's.
      const admin = await parts().eraser.eraseConversations([conversationId]);
      expect(admin.erased).toMatchObject({ conversations: 0, messages: 0, redis_keys: 1 });
      expect(await context().redis.exists(context().keys.rateLimit(conversationId))).toBe(0);
    } finally {
      deadRedis.disconnect();
    }
  });
});
