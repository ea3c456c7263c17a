import type { Socket } from 'node:net';
import pg from 'pg';
import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { createLogger, redactUrl, type Logger } from '../logging/logger.ts';
import { failFastWhileUnreachable } from './unreachable-database-gate.ts';

export interface PgPoolOptions {
  /** Most connections this pool opens (the embedded server accepts 32 in all). */
  max?: number;
  logger?: Logger;
  /** How long to wait for a connection (ms) before the query fails. */
  connectionTimeoutMillis?: number;
  /**
   * While a new connection is being made, it fails once the server has sent nothing for this long
   * (ms): a deadline per round trip of the handshake (TCP, TLS, SCRAM authentication: five or six
   * round trips), where `connectionTimeoutMillis` caps the whole of it. A database that does not
   * answer is found as fast as one query's deadline finds it; one that is only far away still
   * gets its connection, as each of its queries gets its answer.
   */
  connectionSilenceTimeoutMillis?: number;
  /** Idle connections are closed after this long (ms). */
  idleTimeoutMillis?: number;
  /**
   * Deadline of a single query (ms); 0 or unset: none (migrations, CLIs, ingest tools). Kept on
   * both sides: the client fails the query (pg's `query_timeout`), and every new connection runs
   * `SET statement_timeout` (the same, shorter: serverDeadlineOf) before the pool hands it out, so the server stops the
   * statement too (a lock wait, a slow plan) instead of keeping a backend busy for a caller that
   * was already answered, and committing its write later. A plain SET rather than a startup
   * parameter, which poolers (PgBouncer, Supavisor) may refuse. A SET that fails is logged and
   * the connection is used with the client-side deadline only. Behind a transaction-mode pooler a
   * session SET does not follow the client: set it on the role there (docs/durability.md).
   */
  queryTimeoutMillis?: number;
  /** Shown in the server's pg_stat_activity. */
  applicationName?: string;
  /**
   * Refuse checkouts at once (503) while the database is known to be unreachable, one probe at a
   * time trying it again (unreachable-database-gate.ts): the API's request path, whose requests
   * make several calls and must answer within a second. Workers wait instead.
   */
  failFastWhileUnreachable?: boolean;
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
  const queryTimeoutMillis =
    options.queryTimeoutMillis !== undefined && Number.isFinite(options.queryTimeoutMillis) && options.queryTimeoutMillis > 0
      ? Math.max(1, Math.round(options.queryTimeoutMillis))
      : undefined;
  const pool = new pg.Pool({
    connectionString,
    ...(options.connectionSilenceTimeoutMillis ? { Client: clientFailingOnSilentHandshake(options.connectionSilenceTimeoutMillis) } : {}),
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    query_timeout: queryTimeoutMillis,
    // Awaited by pg-pool before the new connection serves its first caller.
    onConnect: queryTimeoutMillis === undefined ? undefined : statementDeadlineSetter(serverDeadlineOf(queryTimeoutMillis), idleInTransactionDeadlineOf(queryTimeoutMillis), logger),
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
  if (options.failFastWhileUnreachable) failFastWhileUnreachable(pool);
  return pool;
}

/**
 * A new connection's handshake may take this many request deadlines in all, each round trip
 * within one: TCP, TLS (two), SCRAM authentication (three) are six round trips, so a database
 * 300 ms away takes 1.2 to 1.8 s to connect while each of its queries answers in 300 ms.
 */
export const HANDSHAKE_DEADLINES = 4;

/**
 * The pool timeouts of a request path whose every call answers within `deadlineMillis` (the API:
 * API_DEPENDENCY_TIMEOUT_MS): each query, and each round trip of a new connection's handshake
 * (capped at HANDSHAKE_DEADLINES of them, which also bounds a wait for a busy pool). A connect
 * deadline equal to the query deadline refused every new connection to a database 300 ms away
 * (SCRAM authentication alone is three round trips), so an API whose idle connections had
 * closed declared it unreachable while its queries answered in 300 ms (latency-proxy probe).
 */
export function requestPathPoolTimeouts(deadlineMillis: number, failFastWhileUnreachable: boolean): Pick<PgPoolOptions, 'connectionTimeoutMillis' | 'connectionSilenceTimeoutMillis' | 'queryTimeoutMillis' | 'failFastWhileUnreachable'> {
  return {
    connectionTimeoutMillis: deadlineMillis * HANDSHAKE_DEADLINES,
    connectionSilenceTimeoutMillis: deadlineMillis,
    queryTimeoutMillis: deadlineMillis,
    failFastWhileUnreachable,
  };
}

/**
 * A pg Client whose connect fails once the server has sent nothing for `silenceMillis` (the
 * socket's idle timer, which any byte resets; stopped once connected). The error reads as a lost
 * connection ("Connection terminated"), so the fail-fast gate treats a silent database as
 * unreachable, as it does a query past its deadline.
 */
function clientFailingOnSilentHandshake(silenceMillis: number): typeof pg.Client {
  return class ClientFailingOnSilentHandshake extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): void;
    override connect(callback?: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): Promise<pg.Client> | void {
      const socket = (this as unknown as { connection: { stream: Socket } }).connection.stream;
      const onSilence = (): void => {
        socket.destroy(new Error(`Connection terminated: the database sent nothing for ${silenceMillis} ms while connecting`));
      };
      socket.setTimeout(silenceMillis);
      socket.once('timeout', onSilence);
      const stop = (): void => {
        socket.setTimeout(0);
        socket.off('timeout', onSilence);
      };
      if (callback) {
        const connected = callback as (error: Error | null, client: pg.Client) => void;
        super.connect((error: Error | null) => {
          stop();
          connected(error, this);
        });
        return;
      }
      return super.connect().finally(stop);
    }
  };
}

/**
 * The server's deadline, shorter than the client's: the server cancels the statement first (57014,
 * nothing committed), so a caller answered "failed" is not followed by a late commit, as it could be
 * if the client's clock, which starts a round trip earlier, ran out first. 20% shorter, at most
 * 200 ms: with 10%, at most 50 ms, a process whose event loop was held that long ran the client's
 * timer before reading the cancellation already in its socket ("Query read timeout", which says the
 * database is unreachable and closed the fail-fast gate on a busy but answering database).
 */
export function serverDeadlineOf(clientDeadlineMillis: number): number {
  return Math.max(1, clientDeadlineMillis - Math.min(200, Math.floor(clientDeadlineMillis / 5)));
}

/**
 * How long the server lets a session of ours sit idle inside a transaction before it ends it
 * (`idle_in_transaction_session_timeout`): twice the query deadline, at least 10 s (the worker's
 * 30 s deadline: 60 s; the API's 800 ms: 10 s). Our transactions run their statements back to
 * back. A client that vanished mid-transaction without its close reaching the server (a half-open
 * path: a NAT or proxy that forgot the connection, a peer gone) otherwise left its backend idle in
 * transaction, its locks held, until the server's TCP keep-alive noticed (two hours by default):
 * every retry of the same work waited on those locks until its statement deadline.
 */
export function idleInTransactionDeadlineOf(clientDeadlineMillis: number): number {
  return Math.max(10_000, 2 * clientDeadlineMillis);
}

/**
 * The pool's `onConnect` hook: `SET statement_timeout` (and `idle_in_transaction_session_timeout`,
 * in the same round trip) on a new connection. Never throws (a
 * throwing hook would make pg-pool drop the connection and fail the caller): a refused SET is
 * logged once as a warning (then at debug level), and the connection, outside any transaction,
 * serves its caller as usual. A SET lost with its connection is only a debug line: the pool's
 * fault log already reports the connection.
 */
function statementDeadlineSetter(timeoutMillis: number, idleInTransactionMillis: number, logger: Logger): (client: pg.ClientBase) => Promise<void> {
  let warned = false;
  return async (client) => {
    try {
      await client.query(`SET statement_timeout = ${timeoutMillis}; SET idle_in_transaction_session_timeout = ${idleInTransactionMillis}`);
    } catch (error) {
      const context = { err: error, statementTimeoutMs: timeoutMillis };
      const message = 'server-side statement deadline not set: this connection keeps the client-side deadline only';
      if (warned || infrastructureFaultOf(error)) {
        logger.debug(context, message);
      } else {
        warned = true;
        logger.warn(context, message);
      }
    }
  };
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
