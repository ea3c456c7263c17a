import pg from 'pg';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { createLogger, redactUrl, type Logger } from '../logging/logger.ts';

export interface PgPoolOptions {
  /** Most connections this pool opens (the embedded server accepts 32 in all). */
  max?: number;
  logger?: Logger;
  /** How long to wait for a connection (ms) before the query fails. */
  connectionTimeoutMillis?: number;
  /** Idle connections are closed after this long (ms). */
  idleTimeoutMillis?: number;
  /** Client-side deadline of a single query (ms); 0 disables it. */
  queryTimeoutMillis?: number;
  /** Shown in the server's pg_stat_activity. */
  applicationName?: string;
}

/**
 * A `pg` Pool with sensible timeouts. Errors of idle clients AND of checked-out clients (server
 * restart, failover, a pooler recycling connections, network) are logged, never thrown: an
 * unhandled 'error' event would kill the process. A checked-out client that errors between two
 * queries is only dropped by the pool when it is released, so every client gets its own listener
 * on connect. The fault is logged once, then summed up per interval, then its recovery once.
 *
 * Vectors are written as text literals (see vector-literal.ts) and never read back as vectors,
 * so no vector type parser is registered.
 */
export function createPgPool(connectionString: string, options: PgPoolOptions = {}): pg.Pool {
  const logger = options.logger ?? createLogger({ name: 'pg-pool', level: process.env.LOG_LEVEL ?? 'info' });
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    query_timeout: options.queryTimeoutMillis && options.queryTimeoutMillis > 0 ? options.queryTimeoutMillis : undefined,
    application_name: options.applicationName ?? 'lac-chat-backend',
    keepAlive: true,
    // Probes start after 10 s idle (the OS default waits two hours): a dead peer is found while idle too.
    keepAliveInitialDelayMillis: 10_000,
  });
  const faults = new DependencyFaultLog(logger, { dependency: 'database', database: redactUrl(connectionString) });
  const onClientError = (error: Error): void => faults.failure(error, 'database connection failed');
  pool.on('error', onClientError);
  pool.on('connect', (client) => {
    client.on('error', onClientError);
    faults.recovery('database connection recovered');
  });
  return pool;
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws (the error is rethrown); a connection whose ROLLBACK fails is discarded, not reused.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
