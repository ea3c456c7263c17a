import { z } from 'zod';
import { privacySettings } from './privacy-settings.ts';
import { requestBudgetProblemOf, requestPathSettings } from './request-path-settings.ts';
import { operationsSettings } from './operations-settings.ts';
import { adminAccountsSetting } from './admin-accounts-setting.ts';
import { booleanFromEnv, decimal, integer, optionalString, optionalUrl, originList, pricePair, priceTable, timeZone, url } from './setting-types.ts';

export { booleanFromEnv };

/**
 * Every setting of the product, with its default. `loadConfig(env)` is the only
 * place that reads the environment; nothing is parsed at import time.
 *
 * Names honour today's `.env` (docs/properties.md, compatibility): `API_PORT`
 * and `API_HOST` still work, `PORT` and `HOST` win when both are set.
 */

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // HTTP
  PORT: integer(8000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  /** Comma-separated origins allowed by CORS; empty means same-origin only, `*` allows all. */
  ALLOWED_ORIGINS: originList,
  /** Largest JSON body the API reads; larger bodies get 413. */
  MAX_BODY_BYTES: integer(64 * 1024, 1024, 10 * 1024 * 1024),

  // Redis and queues
  REDIS_URL: url('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  /**
   * Redis Cluster seeds, `host:port` comma-separated (a few masters are enough: the client discovers
   * the rest). When set it wins over REDIS_URL, and QUEUE_PREFIX gets the hash tag BullMQ needs on a
   * cluster (`lac` becomes `{lac}`, see loadConfig). Credentials and TLS of REDIS_URL (user, password, rediss://) apply to every node.
   */
  REDIS_CLUSTER_NODES: optionalString.pipe(
    z
      .string()
      .regex(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, 'REDIS_CLUSTER_NODES: comma-separated host:port seeds, e.g. 10.0.0.1:7000,10.0.0.2:7000')
      .optional(),
  ),
  /** Prefix of every Redis key of this stack (BullMQ and ours), so several stacks can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}.-]{1,64}$/, 'QUEUE_PREFIX: letters, digits, _ . - { } only')
    .default('lac'),
  CHAT_QUEUE_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('chat'),
  WORKER_CONCURRENCY: integer(8, 1, 1000),
  /** Attempts per chat job (first try included), with exponential backoff and full jitter. */
  JOB_ATTEMPTS: integer(4, 1, 20),
  JOB_BACKOFF_BASE_MS: integer(1000, 10, 600_000),
  JOB_BACKOFF_MAX_MS: integer(30_000, 10, 3_600_000),
  /** Deadline of one chat job attempt, all steps included. */
  JOB_DEADLINE_MS: integer(60_000, 1000, 600_000),
  /** BullMQ lock duration: a worker that stops renewing its lock this long is considered dead. */
  STALL_WINDOW_MS: integer(30_000, 1000, 600_000),
  /** How long completed jobs stay readable in Redis (the database keeps the answer after that). */
  COMPLETED_JOB_RETENTION_SECONDS: integer(24 * 3600, 60, 30 * 24 * 3600),
  /**
   * At most this many completed chat jobs stay in Redis after each retention sweep
   * (RETENTION_SWEEP_INTERVAL_SECONDS), the oldest removed first, whatever their age: one client at
   * its 60 messages a minute kept 86,400 jobs a day (about 8 KB each with a 2,000-character message:
   * 0.7 GB), past the compose file's 512 MB maxmemory, past which Redis refuses writes. 10,000 is
   * weeks of today's traffic.
   */
  COMPLETED_JOB_RETENTION_COUNT: integer(10_000, 10, 10_000_000),
  FAILED_JOB_RETENTION_SECONDS: integer(7 * 24 * 3600, 60, 90 * 24 * 3600),
  /** How long an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_SECONDS: integer(24 * 3600, 60, 30 * 24 * 3600),
  /** Drain deadline on SIGTERM before active jobs are handed back to the queue. */
  SHUTDOWN_GRACE_MS: integer(25_000, 0, 600_000),
  /** On SIGTERM, how long the API lets in-flight requests finish before it cuts their connections. */
  API_SHUTDOWN_DRAIN_MS: integer(10_000, 0, 600_000),
  /**
   * After the drain (the API's API_SHUTDOWN_DRAIN_MS, a worker's SHUTDOWN_GRACE_MS), how long closing
   * queues, pools and connections may take before the process exits anyway (exit code 1): a close
   * that waits on a dependency that is down must not keep it alive.
   */
  SHUTDOWN_CLOSE_MARGIN_MS: integer(10_000, 1_000, 600_000),
  /**
   * A worker that takes no job for this long while jobs wait and it has free slots is stuck (its
   * blocking connection to the queue never came back): it logs and exits for its supervisor to
   * start a fresh one (0: off).
   */
  WORKER_FETCH_STUCK_SECONDS: integer(60, 0, 3_600),
  /** Longest `Prefer: wait=N` / `?wait=N` honoured. */
  MAX_WAIT_SECONDS: integer(30, 0, 30),

  // ---- Durability under infrastructure faults (issue 10) ----
  /**
   * How long a chat job may keep meeting connection-level failures of Redis or the database
   * (refused, reset, timeout, shutdown, pool exhausted) before it fails. Until then such a failure
   * puts the job back with a capped backoff and uses none of its JOB_ATTEMPTS.
   */
  INFRA_OUTAGE_TOLERANCE_SECONDS: integer(600, 1, 7 * 24 * 3600),
  /** Longest wait between two tries of a job put back by an infrastructure fault. */
  INFRA_RETRY_MAX_MS: integer(5_000, 50, 600_000),
  /** Deadline of one Redis command or database query on the API's request path (503 past it). */
  API_DEPENDENCY_TIMEOUT_MS: integer(800, 50, 60_000),
  /**
   * How long the API and the workers wait for Redis at start (checked every second) before they
   * exit 1: a process restarted while Redis blinks comes up when it is back (0: one check only).
   */
  STARTUP_REDIS_WAIT_SECONDS: integer(60, 0, 3_600),
  /**
   * The API refuses database calls at once while the database is known unreachable (a lost
   * connection, a query past its deadline; one probe at a time; database/unreachable-database-gate.ts).
   * `pnpm start` turns it off for its embedded PGlite, one session where a late answer means busy.
   */
  API_DATABASE_FAIL_FAST: booleanFromEnv(true),
  /** Deadline of one Redis command while the API starts, before it listens (a loaded machine answers slowly). */
  API_STARTUP_COMMAND_TIMEOUT_MS: integer(30_000, 1_000, 600_000),
  /**
   * Deadline of one database query in the worker. A connection whose network path died without a
   * reset (half-open) never answers: past it the query fails as an infrastructure fault (the job is
   * put back, no attempt used) and the connection is dropped from the pool. Without it a job waited
   * forever, holding its worker slot while its lock kept being renewed.
   */
  WORKER_DB_QUERY_TIMEOUT_MS: integer(30_000, 1_000, 600_000),
  // ---- end of the durability block ----

  // Rate limit
  RATE_LIMIT_MESSAGES: integer(10, 1, 100_000),
  RATE_LIMIT_WINDOW_SECONDS: integer(60, 1, 86_400),

  // Database
  /** Any Postgres with pgvector. When unset (and no Supabase), an embedded PGlite is used. */
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  /** Where the embedded database lives (PGlite data directory under it). */
  DATA_DIR: z.string().default('.data'),
  /** Port of the embedded database's wire-protocol server (0 picks a free one). */
  EMBEDDED_DB_PORT: integer(54329, 0, 65535),
  DATABASE_POOL_MAX: integer(10, 1, 200),
  SUPABASE_URL: optionalString,
  SUPABASE_SERVICE_KEY: optionalString,
  /** Load the sample knowledge base on first start when the database has no document. */
  SEED_KNOWLEDGE_BASE: booleanFromEnv(true),
  KNOWLEDGE_BASE_DIR: z.string().default('knowledge-base'),

  // Retrieval (today's names and meanings)
  RAG_SIMILARITY_THRESHOLD: decimal(0.7, -1, 1),
  RAG_INITIAL_RESULTS: integer(20, 1, 200),
  RAG_RERANK_TOP_N: integer(3, 1, 20),
  HISTORY_MESSAGES: integer(10, 0, 100),

  // Providers (live mode when the key is set)
  OPENROUTER_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  COHERE_API_KEY: optionalString,
  OPENROUTER_BASE_URL: z.string().url().default('https://openrouter.ai/api/v1'),
  OPENAI_BASE_URL: z.string().url().default('https://api.openai.com/v1'),
  COHERE_BASE_URL: z.string().url().default('https://api.cohere.com'),
  ORCHESTRATOR_MODEL: z.string().default('anthropic/claude-3-haiku'),
  AUDREY_MODEL: z.string().default('anthropic/claude-3.5-sonnet'),
  CAROLE_MODEL: z.string().default('anthropic/claude-3.5-sonnet'),
  FALLBACK_MODEL: z.string().default('openai/gpt-4o-mini'),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  RERANK_MODEL: z.string().default('rerank-multilingual-v3.0'),
  DAILY_BUDGET_USD: decimal(2, 0, 10_000),
  /**
   * IANA time zone of the agency's days: the owner's dashboard groups its figures by these days, and
   * DAILY_BUDGET_USD, the provider spend and the 5xx / failed-job day counters count them (a day
   * starts at local midnight).
   */
  DASHBOARD_TIME_ZONE: timeZone('Europe/Paris'),

  // Escalation
  ESCALATION_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
  ESCALATION_WEBHOOK_SECRET: optionalString,

  // Ops
  /** The shared admin login (one user, one password for everyone): used only when ADMIN_ACCOUNTS is unset. */
  ADMIN_USER: z.string().default('admin'),
  ADMIN_PASSWORD: optionalString,
  /**
   * One admin login per operator, `login:scrypt-hash:Display Name` comma-separated (hashes from
   * `pnpm admin:hash-password`). When set, the operator's name on joins and replies is the account's
   * display name. Exclusive with ADMIN_PASSWORD (docs/security.md, "Admin logins").
   */
  ADMIN_ACCOUNTS: adminAccountsSetting,

  // ---- Live providers: resilience, prices and budget (added by the providers work, issue 4) ----
  /** Deadline of ONE provider call (one attempt, a whole stream included). */
  PROVIDER_CALL_TIMEOUT_MS: integer(20_000, 100, 600_000),
  /** Attempts per model before falling back to the next model of the chain (first try included). */
  PROVIDER_MAX_ATTEMPTS: integer(3, 1, 10),
  /** Backoff between attempts: exponential from the base, full jitter, capped. */
  PROVIDER_RETRY_BASE_MS: integer(250, 1, 60_000),
  PROVIDER_RETRY_MAX_MS: integer(4_000, 1, 120_000),
  /** Longest Retry-After we wait for; a longer one makes us fall back to the next model at once. */
  PROVIDER_RETRY_AFTER_MAX_MS: integer(10_000, 0, 600_000),
  /** Consecutive failed attempts of one model that open its circuit. */
  CIRCUIT_BREAKER_FAILURE_THRESHOLD: integer(5, 1, 1000),
  /** How long an open circuit rejects calls before letting one probe through (half-open). */
  CIRCUIT_BREAKER_OPEN_MS: integer(30_000, 10, 3_600_000),
  /** OpenRouter attribution headers (HTTP-Referer, X-Title). */
  OPENROUTER_HTTP_REFERER: z.string().default('https://github.com/lac/chat-backend'),
  OPENROUTER_APP_TITLE: z.string().default('LAC Chat Backend'),
  /** Longest answer asked of an agent model, and of the router model (tokens). */
  CHAT_MAX_COMPLETION_TOKENS: integer(700, 16, 32_000),
  ROUTER_MAX_COMPLETION_TOKENS: integer(200, 16, 4_000),
  /**
   * Chat prices, USD per million tokens, `model=input/output` comma-separated. Used for the worst case
   * reserved before a call (the settled cost is OpenRouter's `usage.cost` when present). Unknown models
   * use CHAT_DEFAULT_PRICE_USD_PER_MTOK.
   */
  CHAT_MODEL_PRICES_USD_PER_MTOK: priceTable('anthropic/claude-3-haiku=0.25/1.25,anthropic/claude-3.5-sonnet=3/15,openai/gpt-4o-mini=0.15/0.6'),
  CHAT_DEFAULT_PRICE_USD_PER_MTOK: pricePair('3/15'),
  /** Embedding price per 1,000 tokens (text-embedding-3-small: $0.02 per million). */
  EMBEDDING_PRICE_PER_1K_TOKENS_USD: decimal(0.00002, 0, 10),
  /** Texts per embeddings request (the API accepts up to 2048 inputs and 300k tokens per request). */
  EMBEDDING_BATCH_SIZE: integer(128, 1, 2048),
  /** The database stores vector(1536): text-embedding-3-small's size, the only one accepted. */
  EMBEDDING_DIMENSIONS: integer(1536, 1536, 1536),
  /** Rerank price per search unit (Cohere: one query with up to 100 documents). */
  RERANK_PRICE_PER_SEARCH_UNIT_USD: decimal(0.002, 0, 10),
  /** A reservation not settled within this time (crashed worker) stops counting against the cap. */
  BUDGET_RESERVATION_TTL_MS: integer(300_000, 1_000, 86_400_000),
  // ---- end of the providers block ----

  // ---- Orchestrator, agents and escalation (added by the orchestrator work, issue 5) ----
  /**
   * local_first: the local router decides, the LLM router only below ROUTER_LLM_CONFIDENCE_THRESHOLD;
   * always_llm: the LLM router decides every message (local router as fallback); local_only: never the LLM.
   * The LLM router needs OPENROUTER_API_KEY; without it every mode is local_only.
   */
  ROUTER_MODE: z.enum(['local_first', 'always_llm', 'local_only']).default('local_first'),
  /** Local decisions with a confidence below this go to the LLM router (local_first mode). */
  ROUTER_LLM_CONFIDENCE_THRESHOLD: decimal(0.6, 0, 1),
  /** Estimated tokens of conversation history given to an agent (most recent turns first). */
  HISTORY_TOKEN_BUDGET: integer(1500, 0, 100_000),
  /** Deliveries of one escalation to ESCALATION_WEBHOOK_URL (first try included), exponential backoff. */
  ESCALATION_DELIVERY_ATTEMPTS: integer(8, 1, 50),
  ESCALATION_DELIVERY_BACKOFF_MS: integer(2_000, 10, 3_600_000),
  /** Deadline of one webhook request. */
  ESCALATION_WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 120_000),
  // ---- end of the orchestrator block ----
  // ---- Hand-over to a person (issue 12) ----
  /** With no operator joined this long after an escalation, the visitor is told when to expect an answer. */
  HANDOVER_OPERATOR_WAIT_SECONDS: integer(120, 1, 86_400),
  /** Opening hours of the team, e.g. `lun-ven 09:00-18:00` or `lun-jeu 09:00-18:00, ven 09:00-12:00`. */
  SUPPORT_HOURS: z.string().trim().min(1).default('lun-ven 09:00-18:00'),
  /** IANA time zone of SUPPORT_HOURS. */
  SUPPORT_TIMEZONE: z.string().trim().min(1).default('Europe/Paris'),
  /** Name shown to visitors for operators who do not give one in the inbox, with the shared login only (default: "Équipe"). */
  OPERATOR_DISPLAY_NAME: optionalString,
  // ---- end of the hand-over block ----
  // Privacy (privacy-settings.ts), the request path's budget and /metrics' token (their own files).
  ...privacySettings,
  ...requestPathSettings,
  ...operationsSettings,
});

export type AppConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Names `loadConfig` reads: used by tests that check deployment files only name known settings. */
export const knownSettingNames: readonly string[] = [...Object.keys(configSchema.shape), 'API_PORT', 'API_HOST'];

/**
 * On a Redis Cluster every key of one BullMQ queue must live in one slot, so BullMQ requires a
 * hash-tagged prefix: a QUEUE_PREFIX without a `{tag}` is wrapped (`lac` → `{lac}`). Our own
 * per-conversation keys drop those braces (RedisKeys), so conversations still spread over slots.
 */
function withClusterQueuePrefix(config: AppConfig): AppConfig {
  if (config.REDIS_CLUSTER_NODES === undefined || /\{[^}]+\}/.test(config.QUEUE_PREFIX)) return config;
  return { ...config, QUEUE_PREFIX: `{${config.QUEUE_PREFIX.replace(/[{}]/g, '')}}` };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const input: Record<string, string | undefined> = { ...env };
  // Today's names keep working; the new ones win when both are set.
  if (input.PORT === undefined && env.API_PORT !== undefined) input.PORT = env.API_PORT;
  if (input.HOST === undefined && env.API_HOST !== undefined) input.HOST = env.API_HOST;
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  // A shared password left beside the accounts would be a login nobody is accountable for.
  if (parsed.data.ADMIN_ACCOUNTS !== undefined && parsed.data.ADMIN_PASSWORD !== undefined) throw new ConfigError(['ADMIN_ACCOUNTS: set it or ADMIN_PASSWORD, not both (with accounts, remove the shared ADMIN_PASSWORD)']);
  const budgetProblem = requestBudgetProblemOf(parsed.data);
  if (budgetProblem !== undefined) throw new ConfigError([budgetProblem]);
  return withClusterQueuePrefix(parsed.data);
}

/** Which database the stack uses, in order of precedence. */
export type DatabaseMode = 'postgres' | 'supabase' | 'embedded';

export function databaseModeOf(config: AppConfig): DatabaseMode {
  if (config.DATABASE_URL) return 'postgres';
  if (config.SUPABASE_URL && config.SUPABASE_SERVICE_KEY) return 'supabase';
  return 'embedded';
}
