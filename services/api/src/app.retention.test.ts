import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { conversationIdDigest, createLogger, createRedisConnection, openConversationEraser, PgPrivacyStore, RETENTION_QUEUE_NAME, startRetentionSweeper } from '@lac/core';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/**
 * Retention: the repeatable sweep erases a conversation idle longer than RETENTION_DAYS (retiring its
 * id) and keeps a newer one, forgets the ids retired more than 400 days ago, and marks the
 * conversations claimed in Redis in the database.
 */

const stack = startTestApiAroundTests({ name: 'retention', env: { RETENTION_DAYS: '30', RETENTION_SWEEP_INTERVAL_SECONDS: '60' } });

async function converse(conversationId: string): Promise<string> {
  const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=20' },
    body: JSON.stringify({ user_id: `retention-user-${conversationId}`, conversation_id: conversationId, message: 'Bonjour, une question' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { conversation_token: string }).conversation_token;
}

describe('retention sweep', () => {
  it('erases the conversation idle for more than RETENTION_DAYS (database and Redis), keeps the newer one, forgets ids retired 400 days ago', async () => {
    const old = `retention-old-${randomUUID()}`;
    const recent = `retention-new-${randomUUID()}`;
    const oldToken = await converse(old);
    const recentToken = await converse(recent);
    const updated = await stack.database.pool.query("UPDATE conversations SET last_message_at = now() - interval '31 days' WHERE id = $1", [old]);
    expect(updated.rowCount).toBe(1);
    // Erased ids of 401 and 399 days ago: the database keeps them 400 days.
    const [pastRetirement, withinRetirement] = [conversationIdDigest(`retired-${randomUUID()}`), conversationIdDigest(`retired-${randomUUID()}`)];
    await stack.database.pool.query(
      `INSERT INTO retired_conversation_ids (conversation_id_digest, retired_at) VALUES ($1, now() - interval '401 days'), ($2, now() - interval '399 days')`,
      [pastRetirement, withinRetirement],
    );

    // A conversation 0026 found unmarked whose claim Redis holds (its token was issued): marked by the sweep.
    const claimedBeforeMarks = `retention-claimed-${randomUUID()}`;
    await stack.database.pool.query("INSERT INTO users (id) VALUES ('retention-owner') ON CONFLICT DO NOTHING");
    await stack.database.pool.query("INSERT INTO conversations (id, user_id, token_issued) VALUES ($1, 'retention-owner', false)", [claimedBeforeMarks]);
    await stack.api.redis.set(stack.api.keys.conversationClaim(claimedBeforeMarks), 'nonce.1');
    const logger = createLogger({ level: 'silent' });
    const connection = createRedisConnection(stack.api.config.REDIS_URL, { connectionName: 'lac:test-retention', forBullWorker: true, logger });
    const store = new PgPrivacyStore(stack.database.pool);
    const erasure = openConversationEraser({ redis: stack.api.redis, queuePrefix: stack.api.config.QUEUE_PREFIX, store, logger });
    const sweeper = startRetentionSweeper({ config: stack.api.config, connection, store, eraser: erasure.eraser, logger });
    try {
      await sweeper.ready;
      // The scheduler runs its first sweep at once: wait for it to complete.
      const retentionQueue = new Queue(RETENTION_QUEUE_NAME, { connection: stack.api.redis, prefix: stack.api.config.QUEUE_PREFIX });
      let summary: unknown;
      for (let attempt = 0; attempt < 300 && summary === undefined; attempt += 1) {
        summary = (await retentionQueue.getCompleted())[0]?.returnvalue;
        if (summary === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await retentionQueue.close();
      expect(summary).toMatchObject({ conversations: 1, retiredIds: 1, claimsMarked: 1 });
      const marks = await stack.database.pool.query('SELECT token_issued FROM conversations WHERE id = $1', [claimedBeforeMarks]);
      expect(marks.rows).toEqual([{ token_issued: true }]);
      const retired = await stack.database.pool.query<{ conversation_id_digest: string }>('SELECT conversation_id_digest FROM retired_conversation_ids');
      expect(retired.rows.map((row) => row.conversation_id_digest).sort()).toEqual([withinRetirement, conversationIdDigest(old)].sort());
      const read = (id: string, token: string) => fetch(`${stack.api.baseUrl}/api/v2/conversations/${id}/messages`, { headers: { authorization: `Bearer ${token}` } });
      expect((await read(old, oldToken)).status).toBe(410);
      expect((await stack.database.pool.query('SELECT 1 FROM messages WHERE conversation_id = $1', [old])).rowCount).toBe(0);
      const claimKey = stack.api.keys.conversationClaim(old);
      expect(await stack.api.redis.exists(claimKey)).toBe(0);
      const kept = await read(recent, recentToken);
      expect(kept.status).toBe(200);
      expect(((await kept.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    } finally {
      await sweeper.close();
      await erasure.close();
      await connection.quit().catch(() => connection.disconnect());
    }
  });
});
