import type pg from 'pg';
import type { EscalationRow } from '../escalation/escalation-row.ts';
import type { ConversationClaimFacts } from './conversation-access.ts';
import { conversationIdDigest } from './erased-conversations.ts';
import { ERASED_ID_RETIREMENT_SECONDS } from './retired-conversation-ids.ts';
import { ErasureOutcomeUnknownError, type DatabaseErasureCounts, type ErasedIdentifiers, type PrivacyStore, type UserExport } from './privacy-store.ts';
import {
  assembleUserExport,
  type ExportConversationRow,
  type ExportMessageRow,
  type ExportUserRow,
} from './user-export.ts';

/** PrivacyStore over `pg` (DATABASE_URL or the embedded database); every value is a bound parameter. */
export class PgPrivacyStore implements PrivacyStore {
  constructor(private readonly pool: pg.Pool) {}

  /** One statement, one round trip: the stored conversation (if any) and whether its id is retired. */
  async findConversationClaimFacts(conversationId: string): Promise<ConversationClaimFacts> {
    const { rows } = await this.pool.query<{ stored: boolean; user_id: string | null; token_issued: boolean | null; retired: boolean }>(
      `SELECT c.id IS NOT NULL AS stored, c.user_id, c.token_issued,
              EXISTS (SELECT 1 FROM retired_conversation_ids r
                      WHERE r.conversation_id_digest = $2 AND r.retired_at > now() - make_interval(secs => $3)) AS retired
       FROM (SELECT 1) AS one LEFT JOIN conversations c ON c.id = $1`,
      [conversationId, conversationIdDigest(conversationId), ERASED_ID_RETIREMENT_SECONDS],
    );
    const row = rows[0]!;
    return { stored: row.stored ? { userId: row.user_id, tokenIssued: row.token_issued === true } : null, retired: row.retired };
  }

  async markTokenIssued(conversationIds: readonly string[]): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE conversations SET token_issued = true WHERE id = ANY($1::text[]) AND NOT token_issued', [
      [...conversationIds],
    ]);
    return rowCount ?? 0;
  }

  async forgetRetiredConversationIds(retiredBefore: Date): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM retired_conversation_ids WHERE retired_at < $1', [retiredBefore]);
    return rowCount ?? 0;
  }

  async conversationIdsOfUser(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM conversations WHERE user_id = $1 UNION SELECT conversation_id FROM escalations WHERE user_id = $1',
      [userId],
    );
    return rows.map((row) => row.id);
  }

  async exportUser(userId: string): Promise<UserExport> {
    const conversationIds = await this.conversationIdsOfUser(userId);
    const [users, conversations, messages, escalations] = await Promise.all([
      this.pool.query<ExportUserRow>('SELECT id, email, name, created_at FROM users WHERE id = $1', [userId]),
      this.pool.query<ExportConversationRow>(
        'SELECT id, user_id, status, created_at, last_message_at FROM conversations WHERE id = ANY($1::text[]) ORDER BY created_at, id',
        [conversationIds],
      ),
      this.pool.query<ExportMessageRow>(
        'SELECT id::text, conversation_id, role, content, agent, agent_type, job_id, created_at FROM messages WHERE conversation_id = ANY($1::text[])',
        [conversationIds],
      ),
      this.pool.query<EscalationRow>('SELECT * FROM escalations WHERE user_id = $1 OR conversation_id = ANY($2::text[]) ORDER BY created_at, id', [
        userId,
        conversationIds,
      ]),
    ]);
    return assembleUserExport({
      userId,
      conversationIds,
      user: users.rows[0],
      conversations: conversations.rows,
      messages: messages.rows,
      escalations: escalations.rows,
    });
  }

  async erase(target: { conversationIds: string[]; userIds: string[] }): Promise<{ counts: DatabaseErasureCounts; identifiers: ErasedIdentifiers }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Retired with the erasure, in its transaction: a Redis that loses its retired-id keys still refuses the id.
      await client.query(
        `INSERT INTO retired_conversation_ids (conversation_id_digest) SELECT DISTINCT unnest($1::text[])
         ON CONFLICT (conversation_id_digest) DO UPDATE SET retired_at = now()`,
        [target.conversationIds.map(conversationIdDigest)],
      );
      const owners = await client.query<{ user_id: string }>(
        'SELECT DISTINCT user_id FROM conversations WHERE id = ANY($1::text[]) AND user_id IS NOT NULL',
        [target.conversationIds],
      );
      const messages = await client.query<{ job_id: string | null }>('DELETE FROM messages WHERE conversation_id = ANY($1::text[]) RETURNING job_id', [
        target.conversationIds,
      ]);
      const escalations = await client.query<{ id: string; job_id: string; user_id: string }>(
        'DELETE FROM escalations WHERE conversation_id = ANY($1::text[]) OR user_id = ANY($2::text[]) RETURNING id::text, job_id, user_id',
        [target.conversationIds, target.userIds],
      );
      const conversations = await client.query('DELETE FROM conversations WHERE id = ANY($1::text[])', [target.conversationIds]);
      // A users row goes when asked for, or when none of that user's conversations is left.
      const candidateUsers = [...new Set([...target.userIds, ...owners.rows.map((row) => row.user_id)])];
      const users = await client.query(
        `DELETE FROM users WHERE id = ANY($1::text[])
           AND (id = ANY($2::text[]) OR NOT EXISTS (SELECT 1 FROM conversations WHERE conversations.user_id = users.id))`,
        [candidateUsers, target.userIds],
      );
      const identifiers: ErasedIdentifiers = {
        conversationIds: target.conversationIds,
        userIds: [...new Set([...candidateUsers, ...escalations.rows.map((row) => row.user_id)])],
        jobIds: [...new Set([...messages.rows.flatMap((row) => (row.job_id === null ? [] : [row.job_id])), ...escalations.rows.map((row) => row.job_id)])],
        escalationIds: escalations.rows.map((row) => row.id),
      };
      try {
        await client.query('COMMIT');
      } catch (error) {
        // Sent, its answer lost: erased or not, nobody can tell from here (ConversationEraser finishes it).
        throw new ErasureOutcomeUnknownError(identifiers, { cause: error });
      }
      return {
        counts: {
          conversations: conversations.rowCount ?? 0,
          messages: messages.rowCount ?? 0,
          escalations: escalations.rowCount ?? 0,
          users: users.rowCount ?? 0,
        },
        identifiers,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async findIdleConversations(before: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM conversations
       WHERE coalesce(last_message_at, updated_at, created_at) < $1
       ORDER BY coalesce(last_message_at, updated_at, created_at), id
       LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }
}
