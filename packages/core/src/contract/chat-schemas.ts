import { z } from 'zod';
import { isIsoDateTime } from './iso-date-time.ts';
import { hasAtMostCodePoints, hasControlCharacterInIdentifier, hasControlCharacterInText, hasVisibleCharacter, isWellFormedText } from './text-rules.ts';

/**
 * The shapes of the v2 HTTP contract (docs/http-api.md), shared by
 * the API (validation, OpenAPI), the worker (result) and the tests.
 */

export const agentNameSchema = z.enum(['audrey', 'carole']);
export type AgentName = z.infer<typeof agentNameSchema>;
export const routeTargetSchema = z.enum(['audrey', 'carole', 'escalate']);
export type RouteTarget = z.infer<typeof routeTargetSchema>;

/** Conversation and user ids: 1–128 characters (code points) of any kind (not only UUIDs), no control character, not `.` or `..`. */
export const externalIdSchema = z
  .string({ error: 'doit être une chaîne de caractères' })
  .min(1, { error: 'ne doit pas être vide' })
  .refine(isWellFormedText, { error: 'contient un caractère Unicode invalide (surrogate isolé)', abort: true })
  .refine((value) => !hasControlCharacterInIdentifier(value), { error: 'ne doit pas contenir de caractère de contrôle', abort: true })
  // `.` and `..` are path segments every browser and most HTTP clients resolve away, percent-encoded
  // (`%2E`) too: `/api/v2/conversations/../messages` is sent as `/api/v2/messages`. Such a
  // conversation was created (202), then neither its visitor nor the operators' inbox could reach it.
  .refine((value) => value !== '.' && value !== '..', { error: 'ne peut pas être « . » ni « .. » (une adresse ne peut pas les contenir)', abort: true })
  .refine((value) => hasAtMostCodePoints(value, 128), { error: 'ne doit pas dépasser 128 caractères' })
  // The limits as JSON Schema states them (OpenAPI): the refinements above are invisible to it.
  .meta({ minLength: 1, maxLength: 128, description: '1 to 128 characters (code points) of any kind, no control character; not `.` or `..` (a URL path cannot hold them).' });

export const MESSAGE_MAX_CHARS = 2000;

/**
 * Text a person writes to the conversation, up to `maxChars` characters (code points) after trim:
 * well-formed Unicode, at least one visible character (not only zero-width, blank or control ones),
 * tab and line breaks the only C0 controls allowed (C1 controls, such as a Windows-1252 apostrophe
 * decoded as Latin-1, are kept: they count as invisible). The limits are also stated for JSON Schema (OpenAPI), to
 * which the refinements are invisible.
 */
function writtenTextSchema(maxChars: number, description: string) {
  return z
    .string({ error: 'doit être une chaîne de caractères' })
    .refine(isWellFormedText, { error: 'contient un caractère Unicode invalide (surrogate isolé)', abort: true })
    .refine((value) => !hasControlCharacterInText(value), { error: 'ne doit pas contenir de caractère de contrôle (NUL, etc.)', abort: true })
    .refine(hasVisibleCharacter, { error: 'ne doit pas être vide' })
    .refine((value) => hasAtMostCodePoints(value.trim(), maxChars), { error: `ne doit pas dépasser ${maxChars} caractères` })
    .meta({ minLength: 1, maxLength: maxChars, description });
}

/** The visitor's message: 1–2000 characters after trim. */
export const messageTextSchema = writtenTextSchema(
  MESSAGE_MAX_CHARS,
  `1 to ${MESSAGE_MAX_CHARS} characters once trimmed, at least one visible (white space, controls, zero-width and other default-ignorable characters are not); tab and line breaks are the only C0 controls allowed, DEL is refused.`,
);

export const OPERATOR_REPLY_MAX_CHARS = 4000;

/** An operator's reply in the inbox: the visitor message's rules, up to 4000 characters (a NUL once reached Postgres and answered 500). */
export const operatorReplyTextSchema = writtenTextSchema(OPERATOR_REPLY_MAX_CHARS, `1 to ${OPERATOR_REPLY_MAX_CHARS} characters once trimmed, at least one visible.`);

export const chatRequestSchema = z.strictObject({
  user_id: externalIdSchema,
  conversation_id: externalIdSchema,
  message: messageTextSchema,
  /**
   * Not used (the server's time is stored); `null` reads as absent, as many clients send an unset
   * field. Any ISO 8601 date and time clients write (iso-date-time.ts): with or without an offset
   * (Python's `datetime.now().isoformat()`), `+0200` as PHP's and Java's formats write it, seconds
   * optional, a space for the `T`.
   */
  timestamp: z
    .string({ error: 'doit être une date ISO 8601' })
    .refine(isIsoDateTime, { error: 'doit être une date ISO 8601' })
    .meta({
      description:
        "Not used (the server's time is stored). An ISO 8601 date and time: `YYYY-MM-DD`, `T` or a space, `hh:mm[:ss[.fraction]]`, then nothing (local time), `Z`, `±hh:mm`, `±hhmm` or `±hh`.",
      examples: ['2026-12-04T15:20:03Z', '2026-12-04T15:20:03.123456', '2026-12-04T15:20:03+0100'],
    })
    .nullable()
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/**
 * The request as the server acts on it: without the client's `timestamp`, which is not used, so it
 * is no part of what an `Idempotency-Key` compares either. A client that stamps its retry with the
 * time of the retry (its body built again) posts the same message: it gets the first post's job
 * (and, for the post that created the conversation, its token), not a 422 that leaves the
 * conversation's id claimed and its token lost.
 */
export function chatRequestAsActedOn(request: ChatRequest): ChatRequest {
  const { timestamp: _unusedClientTimestamp, ...actedOn } = request;
  return actedOn;
}

export const rateLimitInfoSchema = z.object({
  limit: z.number().int(),
  remaining: z.number().int(),
  reset_seconds: z.number().int(),
});

export const rateLimitStatusSchema = z.object({
  allowed: z.boolean(),
  remaining: z.number().int(),
  limit: z.number().int(),
  window_seconds: z.number().int(),
  reset_seconds: z.number().int(),
});
export type RateLimitStatusBody = z.infer<typeof rateLimitStatusSchema>;

export const sourceSchema = z.object({
  document_id: z.string(),
  title: z.string(),
  chunk_id: z.string(),
  score: z.number(),
});
export type Source = z.infer<typeof sourceSchema>;

export const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

export const timingsSchema = z.object({
  route: z.number().nonnegative(),
  retrieve: z.number().nonnegative(),
  rerank: z.number().nonnegative(),
  generate: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type StageTimings = z.infer<typeof timingsSchema>;

export const routingInfoSchema = z.object({
  method: z.enum(['local', 'llm', 'context', 'fallback']),
  confidence: z.number().min(0).max(1),
  latency_ms: z.number().nonnegative(),
});

// ---- Provider attempts on the job result (added by the orchestrator work, issues 4 and 5) ----
/** One provider call attempt made for the job (providers/resilience/provider-attempt.ts), snake_case. */
export const providerAttemptViewSchema = z.object({
  provider: z.enum(['openrouter', 'openai', 'cohere']),
  /** router, audrey, carole, embedding, rerank. */
  role: z.string(),
  requested_model: z.string(),
  served_model: z.string().nullable(),
  /** ok, retry, fallback, fatal, skipped_circuit_open, skipped_budget, aborted. */
  status: z.string(),
  http_status: z.number().int().nullable(),
  latency_ms: z.number().nonnegative(),
  attempt: z.number().int().positive(),
  cost_usd: z.number().nonnegative(),
  error_code: z.string().optional(),
});
export type ProviderAttemptView = z.infer<typeof providerAttemptViewSchema>;
// ---- end of the provider attempts block ----

/** A completed job's `result`: today's v2 response fields plus sources, usage, timings and attempts (docs/http-api.md). */
export const chatResultSchema = z.object({
  job_id: z.string(),
  conversation_id: z.string(),
  message: z.string(),
  agent: routeTargetSchema,
  confidence: z.number().min(0).max(1),
  reasoning: z.string(),
  timestamp: z.string(),
  escalated: z.boolean(),
  sources: z.array(sourceSchema),
  model: z.string(),
  usage: usageSchema,
  timings_ms: timingsSchema,
  routing: routingInfoSchema,
  /** True when the answer was written by the offline (local) answerer. */
  offline: z.boolean(),
  // ---- Optional additions (orchestrator work, issues 4 and 5): absent on results written before them ----
  /** Every provider call attempt of the job (live mode), in order. */
  attempts: z.array(providerAttemptViewSchema).optional(),
  /** Version of the agent's system prompt that wrote the answer (`audrey.v1`); absent for escalations. */
  prompt_version: z.string().optional(),
  // ---- Hand-over (issue 12) ----
  /** `person`: a person holds the conversation; the message went to them, no agent answered (message is empty). */
  handled_by: z.enum(['agent', 'person']).optional(),
});
export type ChatResult = z.infer<typeof chatResultSchema>;

export const jobStatusSchema = z.enum(['queued', 'active', 'completed', 'failed']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });

export const chatJobViewSchema = z.object({
  job_id: z.string(),
  conversation_id: z.string(),
  status: jobStatusSchema,
  /** Messages of the same conversation ahead of this one (0: next to run). */
  position: z.number().int().nonnegative().optional(),
  partial_reply: z.string().optional(),
  result: chatResultSchema.optional(),
  error: jobErrorSchema.optional(),
});
export type ChatJobView = z.infer<typeof chatJobViewSchema>;

export const chatAcceptedSchema = z.object({
  job_id: z.string(),
  status: z.literal('queued'),
  conversation_id: z.string(),
  poll_url: z.string(),
  events_url: z.string(),
  rate_limit: rateLimitInfoSchema,
  /** Only in the answer that started the conversation: send it as `Authorization: Bearer` from then on. */
  conversation_token: z.string().optional(),
});
export type ChatAccepted = z.infer<typeof chatAcceptedSchema>;

/** Who wrote a message: the visitor, the agents (and their fixed replies), a person of the team, or the hand-over (a notice). */
export const messageAuthorSchema = z.enum(['visitor', 'agent', 'human', 'system']);

export const storedMessageSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  agent: routeTargetSchema.nullable(),
  job_id: z.string().nullable(),
  created_at: z.string(),
  /** Assistant messages: the sources the answer was written from (absent for rows stored without them). */
  sources: z.array(sourceSchema).optional(),
  // ---- Hand-over (issue 12): who wrote it; human replies carry the operator's display name ----
  /** visitor (role user), agent (the agents and their fixed replies), human (an operator), system (a hand-over notice). */
  author: messageAuthorSchema.optional(),
  operator_name: z.string().nullable().optional(),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

/**
 * Why a conversation's hand-over state changed, as its event stream says it and as the conversation
 * keeps it for its latest change (conversations.handover_reason, migration 0022): a return to the
 * agents is `handed_back` by an operator or `cancelled` by the visitor, which the state alone does not tell.
 */
export const stateChangeReasonSchema = z.enum(['escalated', 'joined', 'handed_back', 'closed', 'reopened', 'cancelled']);
export type StateChangeReason = z.infer<typeof stateChangeReasonSchema>;

export const conversationMessagesSchema = z.object({
  conversation_id: z.string(),
  messages: z.array(storedMessageSchema),
  /** `?limit=N` left older messages out (absent from older API versions). */
  has_more: z.boolean().optional(),
  /** Hand-over (issue 12): the conversation's state (ai, waiting_human, human, closed) and its operator. */
  state: z.enum(['ai', 'waiting_human', 'human', 'closed']).optional(),
  operator: z.object({ name: z.string() }).nullable().optional(),
  /**
   * Hand-over: the conversation event stream's newest id, read before the state: a client going from
   * this long-poll to the stream resumes after it (`Last-Event-ID`), not from an older id (which
   * replayed the changes the long-poll had already told).
   */
  last_event_id: z.string().nullable().optional(),
  /** Hand-over: why the state last changed (null before any change): a long-poll tells a cancel from a hand-back. */
  state_reason: stateChangeReasonSchema.nullable().optional(),
});

export const errorBodySchema = z.object({
  error: z
    .object({
      code: z.string(),
      message: z.string(),
    })
    .catchall(z.unknown()),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const serviceHealthSchema = z.object({
  status: z.enum(['up', 'down', 'degraded']),
  mode: z.enum(['live', 'local']).optional(),
  latency_ms: z.number().nonnegative().optional(),
  detail: z.string().optional(),
});
export const healthSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  timestamp: z.string(),
  services: z.object({
    redis: serviceHealthSchema,
    database: serviceHealthSchema,
    queue: serviceHealthSchema,
    openrouter: serviceHealthSchema,
    openai: serviceHealthSchema,
    cohere: serviceHealthSchema,
  }),
});
export type Health = z.infer<typeof healthSchema>;
