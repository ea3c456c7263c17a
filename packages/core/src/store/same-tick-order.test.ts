import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../capabilities/capabilities.ts';
import type { EscalationStore } from '../escalation/escalation-store.ts';
import { PgEscalationStore } from '../escalation/pg-escalation-store.ts';
import { SupabaseEscalationStore } from '../escalation/supabase-escalation-store.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { chatExchangeFixture } from './chat-exchange-fixture.ts';
import { PgConversationStore } from './pg/pg-conversation-store.ts';
import { SupabaseConversationStore } from './supabase/supabase-conversation-store.ts';
import { startSupabaseTestBackend, type SupabaseTestBackend } from './supabase/test-support/supabase-test-backend.ts';
import {
  sameTickEscalationCategoriesInWriteOrder,
  sameTickMessagesInWriteOrder,
  writeSameTickConversation,
} from './same-tick-rows-fixture.ts';

/**
 * Rows of one conversation written in the same clock tick list in the order they were written
 * (migration 0021's write_order), not by role or by their random uuid: the visitor sees the notice,
 * their message, then the operator's two replies, and the inbox shows the last of them.
 */
const contentsInWriteOrder = sameTickMessagesInWriteOrder.map((message) => message.content);

function itListsSameTickRowsInWriteOrder(
  pool: () => Pick<pg.Pool, 'query'>,
  conversations: () => ConversationStore,
  escalations: () => EscalationStore,
): void {
  it('lists the messages of one tick in write order, all of them and the last ones', async () => {
    const conversationId = await writeSameTickConversation(pool());
    const all = await conversations().listMessages(conversationId);
    expect(all.map((message) => message.content)).toEqual(contentsInWriteOrder);
    const lastTwo = await conversations().listMessages(conversationId, { limit: 2 });
    expect(lastTwo.map((message) => message.content)).toEqual(contentsInWriteOrder.slice(-2));
    const context = await conversations().loadContext(conversationId, 'job-not-stored', 3);
    expect(context.history.map((message) => message.content)).toEqual(contentsInWriteOrder.slice(-3));
  });

  it('lists a message held in the millisecond of the previous question after that question and its answer', async () => {
    // The visitor sends two messages in one millisecond; the first escalates, the second is held for the person.
    const conversationId = `conv-same-tick-${randomUUID()}`;
    const sentAt = '2026-11-20T09:00:00.123Z';
    await conversations().persistExchange(
      chatExchangeFixture({ conversationId, jobId: `job-${randomUUID()}`, userMessage: 'Je veux parler à quelqu’un', userSentAt: sentAt,
        assistantMessage: 'Je préviens l’équipe.', agent: 'escalate', answeredAt: '2026-11-20T09:00:02.000Z' }),
    );
    await pool().query(`INSERT INTO messages (conversation_id, role, content, job_id, created_at) VALUES ($1, 'user', 'Et ma facture ?', $2, $3)`, [
      conversationId,
      `job-${randomUUID()}`,
      sentAt,
    ]);
    const listed = await conversations().listMessages(conversationId);
    expect(listed.map((message) => message.content)).toEqual(['Je veux parler à quelqu’un', 'Je préviens l’équipe.', 'Et ma facture ?']);
  });

  it('shows the inbox the last written message and escalation case of the tick', async () => {
    const conversationId = await writeSameTickConversation(pool());
    const result = await pool().query<{ last_message: string; escalation_category: string }>(
      'SELECT last_message, escalation_category FROM handover_conversations(NULL, 100, $1)',
      [conversationId],
    );
    expect(result.rows).toEqual([
      { last_message: contentsInWriteOrder.at(-1), escalation_category: sameTickEscalationCategoriesInWriteOrder.at(-1) },
    ]);
  });

  it('lists the escalation cases of one tick, across conversations, in write order (GET /admin/escalations)', async () => {
    const conversationId = await writeSameTickConversation(pool());
    const listed = (await escalations().list({ status: 'open', limit: 1000 })).filter((escalation) => escalation.conversationId === conversationId);
    expect(listed.map((escalation) => escalation.category)).toEqual([...sameTickEscalationCategoriesInWriteOrder]);
  });
}

await describeOnEachDatabaseEngine('Rows written in the same tick, over pg', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  itListsSameTickRowsInWriteOrder(
    () => database().pool,
    () => new PgConversationStore(database().pool),
    () => new PgEscalationStore(database().pool),
  );
});

describe('Rows written in the same tick, over Supabase REST (PostgREST stand-in)', () => {
  let backend: SupabaseTestBackend;
  beforeAll(async () => {
    backend = await startSupabaseTestBackend();
  }, 120_000);
  afterAll(async () => backend?.stop());
  itListsSameTickRowsInWriteOrder(
    () => backend.pool,
    () => new SupabaseConversationStore(backend.client()),
    () => new SupabaseEscalationStore(backend.client()),
  );
});
