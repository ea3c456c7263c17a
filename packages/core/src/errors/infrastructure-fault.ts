import { AppError } from './app-error.ts';

/**
 * Is an error a connection-level failure of our own infrastructure (Redis, the database) rather
 * than a problem of the content or of a model provider? Such a fault says nothing about the job
 * or the request: the worker puts the job back without using an attempt, the API answers 503
 * `dependency_unavailable`. Decisions are data: `null` or which dependency failed.
 */
export type InfrastructureFault = { dependency: 'redis' | 'database' | 'network'; reason: string };

/**
 * Socket-level error codes (Node system errors) of a peer that is down, restarting or unreachable,
 * and of this process out of file descriptors (EMFILE, ENFILE: a connection to Redis or the
 * database cannot be opened right now; a flood of sockets held by clients caused it in a probe).
 * ENOTFOUND too: a host name that does not resolve right now. Compose's and Kubernetes' DNS answer
 * "no such name" (not EAI_AGAIN) while the container or pod behind a service name is stopped or
 * being replaced (`docker compose restart postgres`); unclassified, the API answered 500 and the
 * workers spent the jobs' attempts, then failed them, for a database only restarting. A name
 * mistyped in DATABASE_URL reads the same: /health says which dependency is down.
 */
const SOCKET_ERROR_CODES = new Set([
  'EMFILE',
  'ENFILE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENOTCONN',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a server that is shutting down, starting, overloaded or cut off: class 08
 * (connection exception), admin/crash shutdown, cannot connect now, too many connections,
 * out of memory/disk (class 53), and a standby that cannot run the write (read only, after a failover).
 * Also a statement the server stopped or refused to wait for: 57014 query_canceled (our pools'
 * statement_timeout, pg_cancel_backend) and 55P03 lock_not_available (lock_timeout, NOWAIT). They
 * mean a busy or locked database, not a bad request or job: nothing was committed, a retry may pass.
 * And 25P03: the server ended a session idle in a transaction past our pools'
 * idle_in_transaction_session_timeout (pg-pool.ts): its transaction was rolled back, the connection is
 * gone; a statement sent as the server ended it gets that FATAL as its answer.
 */
const INFRASTRUCTURE_SQL_STATES = new Set(['57P01', '57P02', '57P03', '57P05', '25006', '57014', '55P03', '25P03']);

function isInfrastructureSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || INFRASTRUCTURE_SQL_STATES.has(code);
}

/** Messages of `pg`/`pg-pool` (no code) when the connection is lost or cannot be made in time. */
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Connection terminated due to connection timeout|the database system is (starting up|shutting down|in recovery mode)|sorry, too many clients)/i;

/** Messages of ioredis when Redis is away, and Redis replies that refuse commands for operational reasons. */
const REDIS_CONNECTION_MESSAGES =
  /^(Connection is closed\.|Command timed out|Stream isn't writeable|Reached the max retries per request limit|None of startup nodes is available|Failed to refresh slots cache|Too many Cluster redirections|Cluster isn't ready|Cluster is disconnected\.|Node is disconnected)/;
/**
 * Of those, the ones of a command that failed after it was sent (no answer in time, or the connection
 * lost under it, which the fail-fast client reports as its retry limit): Redis may have run it. One
 * refused before it was sent ("Stream isn't writeable") did not.
 */
const REDIS_SENT_BUT_UNANSWERED_MESSAGES = /^(Command timed out|Connection is closed\.|Reached the max retries per request limit)/;

/** Whether a Redis command that failed with `error` may still have run on the server. */
export function redisCommandMayHaveLanded(error: unknown): boolean {
  return error instanceof Error && REDIS_SENT_BUT_UNANSWERED_MESSAGES.test(error.message);
}
const REDIS_REFUSAL_REPLIES = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|MISCONF|OOM|NOREPLICAS|UNBLOCKED) /;

const MAX_CAUSE_DEPTH = 6;

export function infrastructureFaultOf(error: unknown): InfrastructureFault | null {
  return classify(error, 0);
}

export function isInfrastructureFault(error: unknown): boolean {
  return infrastructureFaultOf(error) !== null;
}

function classify(error: unknown, depth: number): InfrastructureFault | null {
  if (depth > MAX_CAUSE_DEPTH || typeof error !== 'object' || error === null) return null;
  if (error instanceof AppError) {
    // Our own classified errors decide for themselves; provider and content errors are never infrastructure.
    if (error.code !== 'dependency_unavailable') return null;
    const dependency = (error.details as { dependency?: unknown } | undefined)?.dependency;
    return { dependency: dependency === 'redis' ? 'redis' : dependency === 'database' ? 'database' : 'network', reason: error.message };
  }
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown; errors?: unknown; cause?: unknown; severity?: unknown };
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (candidate.name === 'MaxRetriesPerRequestError' || REDIS_CONNECTION_MESSAGES.test(message) || REDIS_REFUSAL_REPLIES.test(message)) {
    return { dependency: 'redis', reason: message };
  }
  if (/^[0-9A-Z]{5}$/.test(code) && typeof candidate.severity === 'string') {
    return isInfrastructureSqlState(code) ? { dependency: 'database', reason: `${code} ${message}` } : null;
  }
  if (PG_CONNECTION_MESSAGES.test(message)) return { dependency: 'database', reason: message };
  if (SOCKET_ERROR_CODES.has(code)) return { dependency: 'network', reason: `${code} ${message}`.trim() };
  // Connecting to "localhost" tries ::1 and 127.0.0.1: Node reports an AggregateError of both refusals.
  if (Array.isArray(candidate.errors)) {
    for (const inner of candidate.errors) {
      const fault = classify(inner, depth + 1);
      if (fault) return fault;
    }
  }
  return candidate.cause === undefined ? null : classify(candidate.cause, depth + 1);
}
