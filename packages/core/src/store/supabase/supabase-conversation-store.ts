import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type {
  ChatExchange,
  ConversationContext,
  ConversationStore,
  HistoryMessage,
  StoredExchange,
} from '../../capabilities/capabilities.ts';
import type { RouteTarget, Source, StoredMessage } from '../../contract/chat-schemas.ts';
import { authorFieldsOf } from '../message-author.ts';
import { dataOf, SupabaseStoreError } from '../../database/supabase-client.ts';

/**
 * Conversations and messages over Supabase REST (PostgREST), same interface and ordering as
 * PgConversationStore: exchange by exchange (a job's user row, then its assistant row),
 * exchanges by the time their visitor message arrived; v1 rows (agent_type only) read as agents.
 *
 * persistExchange is idempotent by job id without a transaction (PostgREST has one per
 * request): user row (ignore duplicates), conversation (insert or move last_message_at
 * forward), user message, assistant message. The two messages are plain inserts: the
 * (job_id, role) unique index is partial, which PostgREST's on_conflict cannot target, so a
 * duplicate answers 409/23505 and the stored reply is read back (created = false). A retry
 * after a failure in between completes the missing steps.
 *
 * Windows (history, listMessages with a limit) read the most recent rows by created_at with a
 * margin, then order them by exchange; listMessages without a limit pages through everything.
 */

const MESSAGE_COLUMNS = 'id,conversation_id,role,content,agent,agent_type,job_id,created_at,write_order,sources,author,operator_name';
const PAGE_SIZE = 1000;

interface MessageRow {
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  agent: RouteTarget | null;
  agent_type: 'creation' | 'automation' | null;
  job_id: string | null;
  created_at: string;
  /** Grows with every insert (migration 0021): the order of rows written in the same tick. */
  write_order: number | string;
  sources?: Source[] | null;
  author?: 'human' | 'system' | null;
  operator_name?: string | null;
}

function agentOf(row: MessageRow): RouteTarget | null {
  if (row.agent) return row.agent;
  if (row.role !== 'assistant') return null;
  return row.agent_type === 'automation' ? 'audrey' : row.agent_type === 'creation' ? 'carole' : null;
}

/**
 * PgConversationStore's order: exchange time (earliest row of the job), then the exchange's first
 * write, user before assistant, time, write order. Date.parse keeps milliseconds only, so rows of
 * one millisecond are common here even on a microsecond clock: write order, never the uuid, decides.
 */
function inConversationOrder(rows: readonly MessageRow[]): MessageRow[] {
  const exchangeAt = new Map<string, number>();
  const exchangeWriteOrder = new Map<string, number>();
  for (const row of rows) {
    const key = row.job_id ?? row.id;
    exchangeAt.set(key, Math.min(exchangeAt.get(key) ?? Number.POSITIVE_INFINITY, Date.parse(row.created_at)));
    exchangeWriteOrder.set(key, Math.min(exchangeWriteOrder.get(key) ?? Number.POSITIVE_INFINITY, Number(row.write_order)));
  }
  const keyOf = (row: MessageRow) => {
    const exchange = row.job_id ?? row.id;
    return [
      exchangeAt.get(exchange)!,
      exchangeWriteOrder.get(exchange)!,
      row.role === 'user' ? 0 : 1,
      Date.parse(row.created_at),
      Number(row.write_order),
    ] as const;
  };
  return [...rows].sort((left, right) => {
    const leftKey = keyOf(left);
    const rightKey = keyOf(right);
    for (let index = 0; index < leftKey.length; index += 1) {
      const difference = leftKey[index]! - rightKey[index]!;
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

function toStoredExchange(jobId: string, row: Pick<MessageRow, 'id' | 'content' | 'agent' | 'created_at'> & { routing_method?: string | null }): StoredExchange {
  return {
    jobId,
    assistantMessageId: row.id,
    assistantMessage: row.content,
    agent: row.agent ?? 'escalate',
    answeredAt: new Date(row.created_at).toISOString(),
    routingMethod: row.routing_method ?? null,
  };
}

const isDuplicate = (error: PostgrestError | null) => error?.code === '23505';

export class SupabaseConversationStore implements ConversationStore {
  constructor(private readonly client: SupabaseClient) {}

  private async recentRows(conversationId: string, count: number): Promise<MessageRow[]> {
    if (count <= 0) return [];
    return dataOf<MessageRow[]>(
      'select messages',
      await this.client
        .from('messages')
        .select(MESSAGE_COLUMNS)
        .eq('conversation_id', conversationId)
        .order('created_at', { ascending: false })
        .order('write_order', { ascending: false })
        .limit(count),
    );
  }

  async loadContext(conversationId: string, jobId: string, historyLimit: number): Promise<ConversationContext> {
    const limit = Math.max(0, Math.floor(historyLimit));
    const [recent, existing] = await Promise.all([
      this.recentRows(conversationId, limit === 0 ? 0 : limit + 4),
      this.findExchangeByJobId(jobId),
    ]);
    const ordered = inConversationOrder(recent.filter((row) => row.job_id !== jobId));
    const history: HistoryMessage[] = ordered.slice(Math.max(0, ordered.length - limit)).map((row) => ({
      role: row.role,
      content: row.content,
      agent: agentOf(row),
    }));
    return { history, existingReply: existing };
  }

  async persistExchange(exchange: ChatExchange): Promise<{ stored: StoredExchange; created: boolean }> {
    const now = new Date().toISOString();
    dataOf(
      'upsert users',
      await this.client.from('users').upsert({ id: exchange.userId }, { onConflict: 'id', ignoreDuplicates: true }),
    );
    const insertedConversation = dataOf<Array<{ id: string }>>(
      'insert conversations',
      await this.client
        .from('conversations')
        .upsert(
          {
            id: exchange.conversationId,
            user_id: exchange.userId,
            created_at: exchange.userSentAt,
            last_message_at: exchange.answeredAt,
            updated_at: now,
            status: 'active',
            // Its posts were let in by its token (migration 0026: other writers' rows stay unmarked).
            token_issued: true,
          },
          { onConflict: 'id', ignoreDuplicates: true },
        )
        .select('id'),
    );
    if (insertedConversation.length === 0) {
      // Existing conversation: last_message_at only moves forward.
      dataOf(
        'update conversations',
        await this.client
          .from('conversations')
          // token_issued: as PgConversationStore (migration 0026); a new row is marked by the insert above.
          .update({ last_message_at: exchange.answeredAt, updated_at: now, token_issued: true })
          .eq('id', exchange.conversationId)
          .lt('last_message_at', exchange.answeredAt),
      );
    }
    const userRow = await this.client.from('messages').insert({
      conversation_id: exchange.conversationId,
      role: 'user',
      content: exchange.userMessage,
      job_id: exchange.jobId,
      created_at: exchange.userSentAt,
    });
    if (!isDuplicate(userRow.error)) dataOf('insert user message', userRow);

    const assistantRow = await this.client
      .from('messages')
      .insert({
        conversation_id: exchange.conversationId,
        role: 'assistant',
        content: exchange.assistantMessage,
        agent: exchange.agent,
        job_id: exchange.jobId,
        created_at: exchange.answeredAt,
        escalated: exchange.escalated,
        confidence: exchange.confidence,
        routing_method: exchange.routingMethod,
        model: exchange.model,
        sources: exchange.sources,
        latency_ms: Math.round(exchange.latencyMs),
        prompt_tokens: exchange.usage.prompt_tokens,
        completion_tokens: exchange.usage.completion_tokens,
        cost_usd: exchange.usage.cost_usd,
        timings: exchange.timings,
      })
      .select('id,content,agent,created_at,routing_method');
    if (isDuplicate(assistantRow.error)) {
      const stored = await this.findExchangeByJobId(exchange.jobId);
      if (!stored) throw new SupabaseStoreError('insert assistant message', assistantRow.error!, assistantRow.status);
      return { stored, created: false };
    }
    const row = dataOf<Array<Pick<MessageRow, 'id' | 'content' | 'agent' | 'created_at'>>>('insert assistant message', assistantRow)[0];
    if (!row) throw new Error(`persistExchange: no assistant row returned for job ${exchange.jobId}`);
    return { stored: toStoredExchange(exchange.jobId, row), created: true };
  }

  async listMessages(conversationId: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    let rows: MessageRow[];
    if (options.limit !== undefined) {
      const limit = Math.max(0, Math.floor(options.limit));
      const ordered = inConversationOrder(await this.recentRows(conversationId, limit === 0 ? 0 : limit + 4));
      rows = ordered.slice(Math.max(0, ordered.length - limit));
    } else {
      rows = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = dataOf<MessageRow[]>(
          'select messages',
          await this.client
            .from('messages')
            .select(MESSAGE_COLUMNS)
            .eq('conversation_id', conversationId)
            .order('created_at', { ascending: true })
            .order('write_order', { ascending: true })
            .range(offset, offset + PAGE_SIZE - 1),
        );
        rows.push(...page);
        if (page.length < PAGE_SIZE) break;
      }
      rows = inConversationOrder(rows);
    }
    return rows.map((row) => ({
      id: row.id,
      conversation_id: row.conversation_id,
      role: row.role,
      content: row.content,
      agent: agentOf(row),
      job_id: row.job_id ?? null,
      created_at: new Date(row.created_at).toISOString(),
      ...(row.role === 'assistant' && Array.isArray(row.sources) ? { sources: row.sources } : {}),
      ...authorFieldsOf(row),
    }));
  }

  async findExchangeByJobId(jobId: string): Promise<StoredExchange | null> {
    const rows = dataOf<Array<Pick<MessageRow, 'id' | 'content' | 'agent' | 'created_at'> & { routing_method: string | null }>>(
      'select messages',
      await this.client.from('messages').select('id,content,agent,created_at,routing_method').eq('job_id', jobId).eq('role', 'assistant').limit(1),
    );
    return rows[0] ? toStoredExchange(jobId, rows[0]) : null;
  }

  async ping(): Promise<void> {
    // GET, not HEAD: a HEAD answer has no body, so an error would come without its code.
    dataOf('ping', await this.client.from('conversations').select('id').limit(1));
  }
}
