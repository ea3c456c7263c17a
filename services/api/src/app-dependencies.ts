import type { RequestHandler } from 'express';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import type {
  AdminLoginSubject,
  AppConfig,
  ChatJobView,
  ChatRequest,
  StepBudget,
  ConversationEventHub,
  ConversationStore,
  Health,
  HandoverDesk,
  Logger,
  EscalationStore,
  RateLimitStatus,
} from '@lac/core';
import type { OwnerStatsPort } from './admin/owner-dashboard/owner-dashboard-router.ts';
import type { ServerErrorCounters } from './metrics/server-error-counter.ts';
import type { ConversationAccessPort } from './http/conversation-access-middleware.ts';
import type { PrivacyPort } from './routes/privacy-routes.ts';

/**
 * What the HTTP layer needs from the queue engine (`@lac/core`'s chat queue), written as the
 * narrow surface the routes call. The engine's classes (ChatSubmitter, ChatJobReader,
 * JobEventHub, ConversationRateLimiter) satisfy these structurally; main.ts passes them in.
 */

/** What the API tells a visitor about a conversation's rate limit (the engine's own type). */
export type RateLimitStatusView = RateLimitStatus;

export type SubmitOutcomeView =
  | { kind: 'accepted' | 'replayed'; jobId: string; rateLimit: RateLimitStatusView }
  | { kind: 'rate_limited'; rateLimit: RateLimitStatusView }
  | { kind: 'idempotency_conflict'; jobId: string };

export interface ChatSubmitterPort {
  submit(request: ChatRequest, options: { idempotencyKey?: string; requestId: string; budget?: StepBudget }): Promise<SubmitOutcomeView>;
  /** The conversation holds a record of this Idempotency-Key: a request with it is a retry. */
  knowsIdempotencyKey(conversationId: string, idempotencyKey: string): Promise<boolean>;
}

export interface ChatJobReaderPort {
  getJobView(jobId: string): Promise<ChatJobView | null>;
}

/** A job event of the hub; `partialReply` comes with progress events, `returnValue` with completed ones. */
export interface JobEventPort {
  type: string;
  partialReply?: string;
  returnValue?: unknown;
}

export interface JobEventHubPort {
  /** Resolves when the job ends or the timeout elapses (the caller re-reads the job). */
  waitForTerminal(jobId: string, timeoutMs: number, signal?: AbortSignal): Promise<unknown>;
  subscribe(jobId: string, listener: (event: JobEventPort) => void): () => void;
}

/** The per-client windows (core's ClientRateLimiter). */
export interface ClientRateLimiterPort {
  admit(request: { address: string; userId?: string; messages: boolean; newConversation: boolean }): Promise<
    | { kind: 'admitted'; holds: Array<{ key: string; member: string }> }
    | { kind: 'refused'; window: 'address' | 'user' | 'address_day' | 'user_day' | 'new_conversation'; status: RateLimitStatusView }
  >;
  release(holds: ReadonlyArray<{ key: string; member: string }>): Promise<void>;
}

/** Failed admin logins per client address and per login name (core's AdminLoginThrottle). */
export interface AdminLoginThrottlePort {
  retryAfterSeconds(subject: AdminLoginSubject): Promise<number | undefined>;
  /** Counts a failed login; the retry-after (nothing counted) when the subject was already blocked. */
  recordFailure(subject: AdminLoginSubject): Promise<number | undefined>;
  /** True for the first caller during a lockout of `subject` (it logs it; the others do not). */
  claimLockoutNotice(subject: AdminLoginSubject, retryAfterSeconds: number): Promise<boolean>;
  lockoutRuleOf(subject: AdminLoginSubject): { maxFailures: number; windowSeconds: number };
  rememberSuccessfulLogin(login: string, address: string): Promise<void>;
  /** `login`'s window for a failure from `address`: its reserved share when it logged in from there. */
  loginSubjectOf(login: string, address: string): Promise<AdminLoginSubject>;
}

export interface RateLimiterPort {
  peek(conversationId: string): Promise<RateLimitStatusView>;
}

export interface AppDependencies {
  config: AppConfig;
  logger: Logger;
  submitter: ChatSubmitterPort;
  jobReader: ChatJobReaderPort;
  eventHub: JobEventHubPort;
  rateLimiter: RateLimiterPort;
  conversations: Pick<ConversationStore, 'listMessages'>;
  /** Who may post into, read, stream or erase a conversation (core's ConversationAccess). */
  conversationAccess: ConversationAccessPort;
  /** Per-client windows checked before a message is submitted. */
  clientLimits: ClientRateLimiterPort;
  /** GDPR export and erasure (visitor DELETE, admin routes); the routes are off when absent. */
  privacy?: PrivacyPort;
  /** Throttles failed logins on every /admin route. */
  adminLoginThrottle: AdminLoginThrottlePort;
  /** The chat queue: bull-board and the queue depth gauges read it. */
  queue: Queue;
  health: () => Promise<Health>;
  metricsRegistry: Registry;
  /** Aborted on shutdown: long-polls answer with the current state, SSE streams end. */
  shutdownSignal?: AbortSignal;
  /** Interval of SSE heartbeat comments (default 15 s). */
  sseHeartbeatMs?: number;
  /** Other queues shown in bull-board beside the chat queue (ingestion, escalations). */
  dashboardQueues?: readonly Queue[];
  /** Serves the chat widget (`/widget.js`) and its demo page (`/`); off when absent. */
  widgetRouter?: RequestHandler;

  // ---- Escalations (added by the orchestrator work, issue 5) ----
  /** Escalation cases for GET /admin/escalations (basic auth, like bull-board); the routes are off when absent. */
  escalations?: Pick<EscalationStore, 'list' | 'close'>;
  // ---- end of the escalations block ----

  // ---- Owner's dashboard (issue 15) ----
  /** GET /admin/stats, /admin/dashboard (basic auth), the lac_owner_* metrics and the 5xx day counter; off when absent. */
  ownerStats?: { service: OwnerStatsPort; counters: ServerErrorCounters };
  // ---- end of the owner's dashboard block ----
  // ---- Hand-over to a person (issue 12) ----
  /** Conversation state, the conversation event stream and the operator routes; off when absent. */
  handover?: ConversationHandoverPort;
  // ---- end of the hand-over block ----
}

/** A visitor's message not answered yet, as the conversation's state route shows it to its visitor. */
export interface PendingVisitorMessage {
  job_id: string;
  message: string | null;
  received_at: string | null;
}

/** What the hand-over routes need: the desk (store + events + webhooks), the event hub, pending jobs. */
export interface ConversationHandoverPort {
  desk: Pick<HandoverDesk, 'act' | 'reply' | 'list' | 'get' | 'cancelByVisitor'>;
  events: Pick<ConversationEventHub, 'subscribe' | 'subscribeAll' | 'readAfter' | 'lastEventId'>;
  /**
   * The conversation's messages not answered yet, oldest first: job id, and the visitor's text and
   * arrival time while the job still holds them (null: not created yet, or gone).
   */
  pendingMessages(conversationId: string): Promise<PendingVisitorMessage[]>;
}

