import type pg from 'pg';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ConversationStore, KnowledgeRetriever, KnowledgeStore } from '../capabilities/capabilities.ts';
import { databaseModeOf, type AppConfig, type DatabaseMode } from '../config/config.ts';
import { createPgPool, databaseUrlOf, type PgPoolOptions } from '../database/embedded-database.ts';
import { PgEscalationStore } from '../escalation/pg-escalation-store.ts';
import type { EscalationStore } from '../escalation/escalation-store.ts';
import { SupabaseEscalationStore } from '../escalation/supabase-escalation-store.ts';
import { PgStatsStore } from '../stats/pg-stats-store.ts';
import type { StatsStore } from '../stats/stats-store.ts';
import { SupabaseStatsStore } from '../stats/supabase-stats-store.ts';
import { redactUrl, type Logger } from '../logging/logger.ts';
import { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { createPgStores } from '../store/create-stores.ts';
import { createSupabaseStores } from '../store/supabase/create-supabase-stores.ts';

/**
 * The stores of a service process, for the database the configuration names (databaseModeOf):
 *
 * - `postgres` (DATABASE_URL) and `embedded` (the embedded PGlite served on EMBEDDED_DB_PORT):
 *   one `pg` pool; the Postgres stores; hybrid retrieval (pgvector HNSW + French full text, RRF).
 * - `supabase` (SUPABASE_URL + SUPABASE_SERVICE_KEY, no DATABASE_URL): supabase-js over REST;
 *   retrieval is the knowledge store's vector search through the `match_documents_<agent>` RPC
 *   (the hybrid SQL needs a direct connection). Migrations are not this module's business:
 *   they go through DATABASE_URL or the SQL file of `pnpm db:generate`.
 *
 * `ping` answers the health check's database probe; `close` ends the pool (nothing to close over REST).
 */

export interface OpenedStores {
  mode: DatabaseMode;
  conversations: ConversationStore;
  knowledge: KnowledgeStore;
  retriever: KnowledgeRetriever;
  escalations: EscalationStore;
  /** The owner's dashboard figures (SQL functions of migration 0011; by RPC on Supabase). */
  stats: StatsStore;
  /** The `pg` pool in the postgres and embedded modes (for work that needs SQL), null on Supabase. */
  pool: pg.Pool | null;
  /** The Supabase REST client in the supabase mode (rpc calls), null otherwise. */
  supabaseClient: SupabaseClient | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  config: AppConfig;
  logger: Logger;
  /** Shown in pg_stat_activity (pg modes), e.g. `lac-api`. */
  applicationName: string;
  /** Most pool connections (default DATABASE_POOL_MAX). */
  poolMax?: number;
  /** Pool deadlines (pg modes); the API's request path keeps them short so a down database answers 503 fast. */
  poolTimeouts?: Pick<PgPoolOptions, 'connectionTimeoutMillis' | 'connectionSilenceTimeoutMillis' | 'queryTimeoutMillis' | 'failFastWhileUnreachable'>;
  /** The fetch of the Supabase client (default: the global fetch). */
  fetch?: typeof fetch;
}

export function openStores(options: OpenStoresOptions): OpenedStores {
  const { config, logger } = options;
  const mode = databaseModeOf(config);
  if (mode === 'supabase') {
    const stores = createSupabaseStores({
      url: config.SUPABASE_URL!,
      serviceKey: config.SUPABASE_SERVICE_KEY!,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    logger.info({ databaseMode: mode, supabaseUrl: config.SUPABASE_URL }, 'stores open over Supabase REST');
    return {
      mode,
      conversations: stores.conversations,
      knowledge: stores.knowledge,
      retriever: stores.knowledge,
      escalations: new SupabaseEscalationStore(stores.client),
      stats: new SupabaseStatsStore(stores.client),
      pool: null,
      supabaseClient: stores.client,
      ping: () => stores.conversations.ping(),
      close: async () => undefined,
    };
  }

  const connectionString = databaseUrlOf(config);
  const pool = createPgPool(connectionString, {
    max: options.poolMax ?? config.DATABASE_POOL_MAX,
    logger,
    applicationName: options.applicationName,
    ...options.poolTimeouts,
  });
  logger.info({ databaseMode: mode, database: redactUrl(connectionString) }, 'stores open over a Postgres pool');
  const stores = createPgStores(pool);
  let closed: Promise<void> | undefined;
  return {
    mode,
    conversations: stores.conversations,
    knowledge: stores.knowledge,
    retriever: new HybridRetriever(pool, { logger }),
    escalations: new PgEscalationStore(pool),
    stats: new PgStatsStore(pool),
    pool,
    supabaseClient: null,
    ping: () => stores.conversations.ping(),
    close: () => (closed ??= pool.end()),
  };
}
