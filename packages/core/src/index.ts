/**
 * `@lac/core`: the public entry of the domain library, layer by layer (docs/architecture.md).
 * Services and scripts import from here (or from `@lac/core/knowledge`, `@lac/core/evaluation`,
 * `@lac/core/testing`), never from a file of `src/`.
 */

// Foundation: settings, logs, errors, wire contracts, the typed job catalog, French text.
export * from './config/config.ts';
export * from './config/time-zone.ts';
export * from './config/admin-password-hash.ts';
export type { AdminAccount } from './config/admin-accounts-setting.ts';
export * from './config/load-config-or-exit.ts';
export * from './config/dot-env-file.ts';
export * from './logging/logger.ts';
export * from './errors/app-error.ts';
export * from './errors/infrastructure-fault.ts';
export * from './errors/request-budget.ts';
export * from './logging/dependency-fault-log.ts';
export * from './logging/secret-redaction.ts';
export * from './contract/chat-schemas.ts';
export { codePointLength } from './contract/text-rules.ts';
export * from './jobs/job-catalog.ts';
export * from './french-text/french-text.ts';

// One interface per capability, and the route decision every router returns.
export * from './capabilities/capabilities.ts';

// Infrastructure: Redis, databases.
export * from './redis/redis-connection.ts';
export * from './redis/wait-for-redis.ts';
export * from './redis/redis-reachability.ts';
export * from './redis/redis-keys.ts';
export * from './redis/lua-script.ts';
export * from './database/database-errors.ts';
export * from './database/embedded-database.ts';
export * from './database/migrate.ts';
export * from './database/migration-files.ts';
export * from './database/schema-check.ts';
export * from './database/supabase-sql.ts';
export * from './database/temporary-database.ts';
export * from './database/temporary-postgres-database.ts';
export * from './database/temporary-database-engines.ts';
export * from './database/postgres-server-probe.ts';
export * from './database/vector-literal.ts';

// Capability implementations: offline (local mode) and live vendors.
export * from './local/index.ts';
export * from './providers/create-capabilities.ts';
export * from './providers/provider-status-board.ts';

// Stores, retrieval, escalation, the pipeline and the chat queue engine.
export * from './store/create-stores.ts';
export * from './retrieval/hybrid-retriever.ts';
export * from './escalation/escalation-record.ts';
export * from './escalation/escalation-store.ts';
export * from './escalation/pg-escalation-store.ts';
export * from './escalation/escalation-queue.ts';
export * from './escalation/escalation-service.ts';
export * from './pipeline/pipeline-contract.ts';
export * from './pipeline/chat-pipeline.ts';
export * from './queue/index.ts';
// The ingestion queue's definition (bull-board shows it); ingestion itself is `@lac/core/knowledge`.
export * from './knowledge/ingest-queue.ts';
// The owner's dashboard: figures over both stores, Redis day counters, checklist lights.
export * from './contract/owner-stats-schemas.ts';
export * from './stats/stats-store.ts';
export * from './stats/pg-stats-store.ts';
export * from './stats/supabase-stats-store.ts';
export * from './stats/daily-operation-counters.ts';
export { DailyBudget } from './providers/budget/daily-budget.ts';
export * from './stats/owner-checklist.ts';
export * from './stats/owner-stats-service.ts';
export * from './stats/create-owner-stats.ts';
export * from './composition/open-stores.ts';
export * from './composition/close-within-deadline.ts';
export * from './composition/stop-signals-during-start.ts';
export * from './composition/stop-signals-while-loading.ts';
export * from './redis/quit-or-disconnect.ts';

// Privacy: conversation tokens and access, the privacy store (export, erasure, retention).
export * from './privacy/conversation-access.ts';
export * from './privacy/conversation-tokens.ts';
export * from './privacy/erased-conversations.ts';
export * from './privacy/open-conversation-access.ts';
export * from './privacy/open-client-limits.ts';
export * from './privacy/conversation-eraser.ts';
export * from './privacy/erasure-guard.ts';
export * from './privacy/open-conversation-eraser.ts';
export * from './privacy/redis-trace-eraser.ts';
export * from './privacy/retention-sweep.ts';
export * from './privacy/admin-login-throttle.ts';
export * from './queue/client-rate-limiter.ts';
export * from './privacy/privacy-store.ts';
export * from './privacy/user-export.ts';
export * from './privacy/pg-privacy-store.ts';
export * from './composition/open-privacy-store.ts';

// A person takes over: conversation state, the conversation event stream, operators, webhooks.
export * from './handover/index.ts';
export * from './escalation/escalation-signature.ts';
export * from './escalation/escalation-desk.ts';
