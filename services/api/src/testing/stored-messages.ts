import type { TestDatabase } from './api-test-harness.ts';

/** Tests: waits until the conversation has at least `count` stored messages (the worker saved its exchanges). */
export async function waitForStoredMessages(database: TestDatabase, conversationId: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]);
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`conversation ${conversationId} never had ${count} stored messages`);
}
