import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createLogger, createRedisConnection, openConversationEraser, PgPrivacyStore, RETENTION_QUEUE_NAME, startRetentionSweeper } from '@lac/core';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/** Retention: the repeatable sweep erases a conversation idle longer than RETENTION_DAYS and keeps a newer one. */

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
  it('erases the conversation idle for more than RETENTION_DAYS (database and Redis), keeps the newer one', async () => {
    const old = `retention-old-${randomUUID()}`;
    const recent = `retention-new-${randomUUID()}`;
    const oldToken = await converse(old);
    const recentToken = await converse(recent);
    const updated = await stack.database.pool.query("UPDATE conversations SET last_message_at = now() - interval '31 days' WHERE id = $1", [old]);
    expect(updated.rowCount).toBe(1);

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
      expect(summary).toMatchObject({ conversations: 1 });
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
