import type { SupabaseClient } from '@supabase/supabase-js';
import type { EscalationRow } from '../escalation/escalation-row.ts';
import type { ConversationClaimFacts } from './conversation-access.ts';
import { conversationIdDigest } from './erased-conversations.ts';
import { ERASED_ID_RETIREMENT_SECONDS } from './retired-conversation-ids.ts';
import type { DatabaseErasureCounts, ErasedIdentifiers, PrivacyStore, UserExport } from './privacy-store.ts';
import {
  assembleUserExport,
  type ExportConversationRow,
  type ExportMessageRow,
  type ExportUserRow,
} from './user-export.ts';
import { dataOf } from '../database/supabase-client.ts';

/**
 * PrivacyStore over Supabase REST. PostgREST has no multi-statement transaction: erasure retires the
 * ids (their digests), deletes messages, escalation cases, conversations, then users, each step
 * idempotent, so a retry after a failure in between finishes the job.
 */
export class SupabasePrivacyStore implements PrivacyStore {
  constructor(private readonly client: SupabaseClient) {}

  /** Two reads sent together (PostgREST joins no unrelated tables): one round trip's wait. */
  async findConversationClaimFacts(conversationId: string): Promise<ConversationClaimFacts> {
    const retiredSince = new Date(Date.now() - ERASED_ID_RETIREMENT_SECONDS * 1000).toISOString();
    const [conversation, retirement] = await Promise.all([
      this.client.from('conversations').select('user_id,token_issued').eq('id', conversationId).limit(1),
      this.client
        .from('retired_conversation_ids')
        .select('conversation_id_digest')
        .eq('conversation_id_digest', conversationIdDigest(conversationId))
        .gt('retired_at', retiredSince)
        .limit(1),
    ]);
    const stored = dataOf<Array<{ user_id: string | null; token_issued: boolean }>>('select conversation owner', conversation)[0];
    const retired = dataOf<Array<{ conversation_id_digest: string }>>('select retired conversation id', retirement).length > 0;
    return { stored: stored === undefined ? null : { userId: stored.user_id, tokenIssued: stored.token_issued === true }, retired };
  }

  async markTokenIssued(conversationIds: readonly string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const rows = dataOf<Array<{ id: string }>>(
      'mark conversations token issued',
      await this.client.from('conversations').update({ token_issued: true }).in('id', [...conversationIds]).eq('token_issued', false).select('id'),
    );
    return rows.length;
  }

  async forgetRetiredConversationIds(retiredBefore: Date): Promise<number> {
    const rows = dataOf<Array<{ conversation_id_digest: string }>>(
      'delete retired conversation ids',
      await this.client.from('retired_conversation_ids').delete().lt('retired_at', retiredBefore.toISOString()).select('conversation_id_digest'),
    );
    return rows.length;
  }

  async conversationIdsOfUser(userId: string): Promise<string[]> {
    const [conversations, escalations] = await Promise.all([
      this.client.from('conversations').select('id').eq('user_id', userId),
      this.client.from('escalations').select('conversation_id').eq('user_id', userId),
    ]);
    const ids = [
      ...dataOf<Array<{ id: string }>>('select conversations of user', conversations).map((row) => row.id),
      ...dataOf<Array<{ conversation_id: string }>>('select escalations of user', escalations).map((row) => row.conversation_id),
    ];
    return [...new Set(ids)];
  }

  async exportUser(userId: string): Promise<UserExport> {
    const conversationIds = await this.conversationIdsOfUser(userId);
    const [users, conversations, messages, escalations] = await Promise.all([
      this.client.from('users').select('id,email,name,created_at').eq('id', userId),
      this.client.from('conversations').select('id,user_id,status,created_at,last_message_at').in('id', conversationIds),
      this.client.from('messages').select('id,conversation_id,role,content,agent,agent_type,job_id,created_at').in('conversation_id', conversationIds),
      this.client.from('escalations').select('*').eq('user_id', userId),
    ]);
    const byConversation = conversationIds.length === 0 ? [] : dataOf<EscalationRow[]>(
      'select escalations of conversations',
      await this.client.from('escalations').select('*').in('conversation_id', conversationIds),
    );
    const escalationRows = new Map<string, EscalationRow>();
    for (const row of [...dataOf<EscalationRow[]>('select escalations of user', escalations), ...byConversation]) escalationRows.set(row.id, row);
    return assembleUserExport({
      userId,
      conversationIds,
      user: dataOf<ExportUserRow[]>('select user', users)[0],
      conversations: dataOf<ExportConversationRow[]>('select conversations', conversations),
      messages: dataOf<ExportMessageRow[]>('select messages', messages),
      escalations: [...escalationRows.values()],
    });
  }

  async erase(target: { conversationIds: string[]; userIds: string[] }): Promise<{ counts: DatabaseErasureCounts; identifiers: ErasedIdentifiers }> {
    const { conversationIds, userIds } = target;
    // Retired first: an erasure cut short and retried still leaves the ids retired.
    if (conversationIds.length > 0) {
      const retiredAt = new Date().toISOString();
      dataOf(
        'retire conversation ids',
        await this.client
          .from('retired_conversation_ids')
          .upsert([...new Set(conversationIds.map(conversationIdDigest))].map((digest) => ({ conversation_id_digest: digest, retired_at: retiredAt })), {
            onConflict: 'conversation_id_digest',
          }),
      );
    }
    const owners = dataOf<Array<{ user_id: string | null }>>(
      'select conversation owners',
      await this.client.from('conversations').select('user_id').in('id', conversationIds),
    );
    const messages = dataOf<Array<{ job_id: string | null }>>(
      'delete messages',
      await this.client.from('messages').delete().in('conversation_id', conversationIds).select('job_id'),
    );
    const escalationsOfConversations = dataOf<Array<{ id: string; job_id: string; user_id: string }>>(
      'delete escalations of conversations',
      await this.client.from('escalations').delete().in('conversation_id', conversationIds).select('id,job_id,user_id'),
    );
    const escalationsOfUsers = dataOf<Array<{ id: string; job_id: string; user_id: string }>>(
      'delete escalations of users',
      await this.client.from('escalations').delete().in('user_id', userIds).select('id,job_id,user_id'),
    );
    const conversations = dataOf<Array<{ id: string }>>(
      'delete conversations',
      await this.client.from('conversations').delete().in('id', conversationIds).select('id'),
    );
    const candidateUsers = [...new Set([...userIds, ...owners.flatMap((row) => (row.user_id === null ? [] : [row.user_id]))])];
    const remaining = dataOf<Array<{ user_id: string }>>(
      'select remaining conversations of users',
      await this.client.from('conversations').select('user_id').in('user_id', candidateUsers),
    );
    const stillOwning = new Set(remaining.map((row) => row.user_id));
    const usersToErase = candidateUsers.filter((userId) => userIds.includes(userId) || !stillOwning.has(userId));
    const users = dataOf<Array<{ id: string }>>('delete users', await this.client.from('users').delete().in('id', usersToErase).select('id'));
    const escalations = [...escalationsOfConversations, ...escalationsOfUsers];
    return {
      counts: { conversations: conversations.length, messages: messages.length, escalations: escalations.length, users: users.length },
      identifiers: {
        conversationIds,
        userIds: [...new Set([...candidateUsers, ...escalations.map((row) => row.user_id)])],
        jobIds: [...new Set([...messages.flatMap((row) => (row.job_id === null ? [] : [row.job_id])), ...escalations.map((row) => row.job_id)])],
        escalationIds: escalations.map((row) => row.id),
      },
    };
  }

  async findIdleConversations(before: Date, limit: number): Promise<string[]> {
    const rows = dataOf<Array<{ id: string }>>(
      'select idle conversations',
      await this.client.from('conversations').select('id').lt('last_message_at', before.toISOString()).order('last_message_at').limit(limit),
    );
    return rows.map((row) => row.id);
  }
}
