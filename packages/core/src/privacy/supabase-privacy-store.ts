import type { SupabaseClient } from '@supabase/supabase-js';
import type { EscalationRow } from '../escalation/escalation-row.ts';
import type { DatabaseErasureCounts, ErasedIdentifiers, PrivacyStore, UserExport } from './privacy-store.ts';
import {
  assembleUserExport,
  type ExportConversationRow,
  type ExportMessageRow,
  type ExportUserRow,
} from './user-export.ts';
import { dataOf } from '../database/supabase-client.ts';

/**
 * PrivacyStore over Supabase REST. PostgREST has no multi-statement transaction: erasure deletes
 * messages, escalation cases, conversations, then users, each step idempotent, so a retry after a
 * failure in between finishes the job.
 */
export class SupabasePrivacyStore implements PrivacyStore {
  constructor(private readonly client: SupabaseClient) {}

  async findConversationOwner(conversationId: string): Promise<{ userId: string | null } | null> {
    const rows = dataOf<Array<{ user_id: string | null }>>(
      'select conversation owner',
      await this.client.from('conversations').select('user_id').eq('id', conversationId).limit(1),
    );
    return rows[0] === undefined ? null : { userId: rows[0].user_id };
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
