import type pg from 'pg';
import type {
  ChatExchange,
  ConversationContext,
  ConversationStore,
  HistoryMessage,
  StoredExchange,
} from '../../capabilities/capabilities.ts';
import type { RouteTarget, Source, StoredMessage } from '../../contract/chat-schemas.ts';
import { authorFieldsOf } from '../message-author.ts';
import { DatabaseReadOnlyError } from '../../errors/app-error.ts';

/**
 * Conversations and messages in Postgres (`pg`), every value bound as a parameter.
 *
 * Order of a conversation: exchange by exchange (a job's user row, then its assistant row),
 * exchanges by the time their visitor message arrived. Rows without a job (v1) sort by their
 * own time. This keeps "question, answer, question, answer" even when the next question was
 * sent while the previous answer was being written. Exchanges of the same time (a system notice and
 * an operator's reply in one millisecond of PGlite's clock) keep the order they were written in
 * (write_order, migration 0021), never the random order of their uuids.
 */

/** The agent of a row, also for rows v1 wrote with agent_type only. */
const agentExpression = `coalesce(agent, CASE WHEN role = 'assistant' THEN CASE agent_type WHEN 'automation' THEN 'audrey' WHEN 'creation' THEN 'carole' END END)`;

/** Messages of conversation $1 with their ordering keys. */
const orderedConversationMessages = `
  SELECT id, conversation_id, role, content, ${agentExpression} AS agent, job_id, created_at, sources, author, operator_name,
         min(created_at) OVER (PARTITION BY coalesce(job_id, id::text)) AS exchange_at,
         min(write_order) OVER (PARTITION BY coalesce(job_id, id::text)) AS exchange_write_order, write_order,
         CASE role WHEN 'user' THEN 0 ELSE 1 END AS role_order
  FROM messages
  WHERE conversation_id = $1`;

const persistExchangeSql = `
WITH
  visitor AS (
    INSERT INTO users (id) VALUES ($2) ON CONFLICT (id) DO NOTHING
  ),
  conversation AS (
    INSERT INTO conversations (id, user_id, created_at, last_message_at, updated_at, status, token_issued)
    VALUES ($1, $2, $4::timestamptz, $12::timestamptz, now(), 'active', true)
    ON CONFLICT (id) DO UPDATE
      SET last_message_at = greatest(conversations.last_message_at, EXCLUDED.last_message_at),
          updated_at = now(),
          -- Its posts were let in by its token (or the claim that issued it): the owner's first post
          -- of a conversation of before tokens no longer claims it (migration 0026). A new row is marked above.
          token_issued = true
      -- A job already stored (a re-run) writes nothing at all.
      WHERE NOT EXISTS (SELECT 1 FROM messages WHERE job_id = $13 AND role = 'assistant')
  ),
  user_row AS (
    INSERT INTO messages (conversation_id, role, content, job_id, created_at)
    VALUES ($1, 'user', $3, $13, $4::timestamptz)
    ON CONFLICT (job_id, role) WHERE job_id IS NOT NULL DO NOTHING
  ),
  assistant_row AS (
    INSERT INTO messages (
      conversation_id, role, content, agent, agent_type, job_id, created_at, escalated, confidence, routing_method, model,
      sources, latency_ms, prompt_tokens, completion_tokens, cost_usd, timings
    )
    VALUES ($1, 'assistant', $5, $6, $19, $13, $12::timestamptz, $7, $8, $9, $10, $11::jsonb, $14, $15, $16, $17, $18::jsonb)
    ON CONFLICT (job_id, role) WHERE job_id IS NOT NULL DO NOTHING
    RETURNING id, content, agent, created_at, routing_method
  )
SELECT id, content, agent, created_at, routing_method, true AS created FROM assistant_row
UNION ALL
SELECT id, content, agent, created_at, routing_method, false AS created
FROM messages
WHERE job_id = $13 AND role = 'assistant' AND NOT EXISTS (SELECT 1 FROM assistant_row)`;

const loadContextSql = `
WITH ordered AS (${orderedConversationMessages}),
recent AS (
  SELECT * FROM ordered
  WHERE job_id IS DISTINCT FROM $2
  ORDER BY exchange_at DESC, exchange_write_order DESC, role_order DESC, created_at DESC, write_order DESC
  LIMIT $3
)
SELECT 'history' AS kind, id, role, content, agent, NULL::text AS routing_method, created_at, exchange_at, exchange_write_order, role_order, write_order
FROM recent
UNION ALL
SELECT 'existing' AS kind, id, role, content, agent, routing_method, created_at, created_at AS exchange_at, write_order AS exchange_write_order,
       1 AS role_order, write_order
FROM messages
WHERE job_id = $2 AND role = 'assistant'
ORDER BY kind DESC, exchange_at, exchange_write_order, role_order, created_at, write_order`;

interface AssistantRow {
  id: string;
  content: string;
  agent: string | null;
  created_at: Date;
  /** How the router decided the reply (a re-run's hand-over decision depends on it). */
  routing_method: string | null;
}

/** v1's agent_type, still filled for assistant rows (v1 readers): audrey -> automation, carole -> creation. */
function v1AgentTypeOf(agent: RouteTarget): 'automation' | 'creation' | null {
  if (agent === 'audrey') return 'automation';
  if (agent === 'carole') return 'creation';
  return null;
}

function toStoredExchange(jobId: string, row: AssistantRow): StoredExchange {
  return {
    jobId,
    assistantMessageId: row.id,
    assistantMessage: row.content,
    agent: (row.agent ?? 'escalate') as RouteTarget,
    answeredAt: row.created_at.toISOString(),
    routingMethod: row.routing_method,
  };
}

export class PgConversationStore implements ConversationStore {
  constructor(private readonly pool: pg.Pool) {}

  async loadContext(conversationId: string, jobId: string, historyLimit: number): Promise<ConversationContext> {
    const result = await this.pool.query<AssistantRow & { kind: 'history' | 'existing'; role: 'user' | 'assistant' }>(
      loadContextSql,
      [conversationId, jobId, Math.max(0, Math.floor(historyLimit))],
    );
    const history: HistoryMessage[] = [];
    let existingReply: StoredExchange | null = null;
    for (const row of result.rows) {
      if (row.kind === 'existing') existingReply = toStoredExchange(jobId, row);
      else history.push({ role: row.role, content: row.content, agent: (row.agent as RouteTarget | null) ?? null });
    }
    return { history, existingReply };
  }

  async persistExchange(exchange: ChatExchange): Promise<{ stored: StoredExchange; created: boolean }> {
    const result = await this.pool.query<AssistantRow & { created: boolean }>(persistExchangeSql, [
      exchange.conversationId,
      exchange.userId,
      exchange.userMessage,
      exchange.userSentAt,
      exchange.assistantMessage,
      exchange.agent,
      exchange.escalated,
      exchange.confidence,
      exchange.routingMethod,
      exchange.model,
      JSON.stringify(exchange.sources),
      exchange.answeredAt,
      exchange.jobId,
      Math.round(exchange.latencyMs),
      exchange.usage.prompt_tokens,
      exchange.usage.completion_tokens,
      exchange.usage.cost_usd,
      JSON.stringify(exchange.timings),
      v1AgentTypeOf(exchange.agent),
    ]);
    const row = result.rows[0];
    if (row) return { stored: toStoredExchange(exchange.jobId, row), created: row.created };
    // Another worker stored this job concurrently and committed after this statement's snapshot.
    const stored = await this.findExchangeByJobId(exchange.jobId);
    if (!stored) throw new Error(`persistExchange: job ${exchange.jobId} was neither stored nor found`);
    return { stored, created: false };
  }

  /** Oldest first; with `limit`, the most recent `limit` messages (still oldest first). */
  async listMessages(conversationId: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const limit = options.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
    const result = await this.pool.query<{
      id: string;
      conversation_id: string;
      role: 'user' | 'assistant';
      content: string;
      agent: RouteTarget | null;
      job_id: string | null;
      created_at: Date;
      sources: Source[] | null;
      author: 'human' | 'system' | null;
      operator_name: string | null;
    }>(
      `WITH ordered AS (${orderedConversationMessages}),
       recent AS (
         SELECT * FROM ordered ORDER BY exchange_at DESC, exchange_write_order DESC, role_order DESC, created_at DESC, write_order DESC LIMIT $2
       )
       SELECT id, conversation_id, role, content, agent, job_id, created_at, sources, author, operator_name FROM recent
       ORDER BY exchange_at, exchange_write_order, role_order, created_at, write_order`,
      [conversationId, limit],
    );
    return result.rows.map((row) => ({
      id: row.id,
      conversation_id: row.conversation_id,
      role: row.role,
      content: row.content,
      agent: row.agent ?? null,
      job_id: row.job_id ?? null,
      created_at: row.created_at.toISOString(),
      ...(row.role === 'assistant' && Array.isArray(row.sources) ? { sources: row.sources } : {}),
      ...authorFieldsOf(row),
    }));
  }

  async findExchangeByJobId(jobId: string): Promise<StoredExchange | null> {
    const result = await this.pool.query<AssistantRow>(
      `SELECT id, content, agent, created_at, routing_method FROM messages WHERE job_id = $1 AND role = 'assistant'`,
      [jobId],
    );
    const row = result.rows[0];
    return row ? toStoredExchange(jobId, row) : null;
  }

  /** Reachable and writable: a read-only database (a standby, a full disk's read-only mode) throws DatabaseReadOnlyError. */
  async ping(): Promise<void> {
    const result = await this.pool.query<{ read_only: string }>(`SELECT current_setting('transaction_read_only') AS read_only`);
    if (result.rows[0]?.read_only === 'on') throw new DatabaseReadOnlyError();
  }
}
