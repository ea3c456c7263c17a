import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * A hand-over conversation whose rows were all written in one clock tick (PGlite's clock ticks in
 * milliseconds): a system notice, the visitor's held message, then two operator replies, and two
 * escalation cases. Every row has the same created_at; their uuids are chosen to sort against the
 * write order (the first written has the greatest uuid), so an ordering that falls back to the uuid
 * shows them reversed, every time.
 */
export const sameTickMessagesInWriteOrder = [
  { role: 'assistant', content: 'Je préviens l’équipe, quelqu’un va te répondre ici.', author: 'system', jobId: 'notice-waiting-1' },
  { role: 'user', content: 'D’accord, j’attends.', author: null, jobId: 'job-held-1' },
  { role: 'assistant', content: 'Bonjour, c’est Léa.', author: 'human', jobId: null },
  { role: 'assistant', content: 'Je regarde ton dossier.', author: 'human', jobId: null },
] as const;

export const sameTickEscalationCategoriesInWriteOrder = ['billing', 'complaint'] as const;

const sameTick = '2026-11-20T09:00:00.123Z';

/** A uuid that sorts before every uuid of a lower position: position 0 gets ff…, the next fe…. */
const uuidSortingAgainstWriteOrder = (position: number) => `${(255 - position).toString(16).padStart(2, '0')}${randomUUID().slice(2)}`;

/** Writes the conversation (in write order, one statement per row as the product does) and returns its id. */
export async function writeSameTickConversation(pool: Pick<pg.Pool, 'query'>): Promise<string> {
  const conversationId = `conv-same-tick-${randomUUID()}`;
  const userId = `visitor-same-tick-${randomUUID()}`;
  await pool.query('INSERT INTO users (id) VALUES ($1)', [userId]);
  await pool.query(
    `INSERT INTO conversations (id, user_id, created_at, last_message_at, updated_at, status, handover_state, handover_version, waiting_since)
     VALUES ($1, $2, $3, $3, $3, 'active', 'waiting_human', 1, $3)`,
    [conversationId, userId, sameTick],
  );
  for (const [position, category] of sameTickEscalationCategoriesInWriteOrder.entries()) {
    await pool.query(
      `INSERT INTO escalations (id, conversation_id, job_id, user_id, category, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [uuidSortingAgainstWriteOrder(position), conversationId, `job-case-${position}-${conversationId}`, userId, category, sameTick],
    );
  }
  for (const [position, message] of sameTickMessagesInWriteOrder.entries()) {
    await pool.query(
      `INSERT INTO messages (id, conversation_id, role, content, agent, author, operator_name, job_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidSortingAgainstWriteOrder(position),
        conversationId,
        message.role,
        message.content,
        message.role === 'assistant' ? 'escalate' : null,
        message.author,
        message.author === 'human' ? 'Léa' : null,
        message.jobId === null ? null : `${message.jobId}-${conversationId}`,
        sameTick,
      ],
    );
  }
  return conversationId;
}
