import type pg from 'pg';
import { DependencyUnavailableError } from '../errors/app-error.ts';
import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';

/**
 * Errors that say the database cannot be reached (not that it is busy): the connection was lost,
 * could not be made, or the server did not even answer its own statement deadline. A pool whose
 * clients are all taken ("timeout exceeded when trying to connect"), a cancelled statement (57014),
 * a lock wait or a read-only standby come from a database that answers: they never close the gate.
 */
const UNREACHABLE_MESSAGES = /^(Connection terminated|Query read timeout|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode))/i;
const UNREACHABLE_SQL_STATES = /^(08|57P0[123])/;

export function saysDatabaseUnreachable(error: unknown): boolean {
  const fault = infrastructureFaultOf(error);
  if (fault === null) return false;
  if (fault.dependency === 'network') return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return UNREACHABLE_SQL_STATES.test(code);
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

/** Refusal of a checkout while the database is known to be unreachable (503 `dependency_unavailable`). */
export class DatabaseKnownUnreachableError extends DependencyUnavailableError {
  constructor() {
    super('database', 'database unreachable: refused at once while a probe checks it again');
  }
}

type ConnectCallback = (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;

/**
 * Fail fast on a pool whose database is known to be unreachable. Each checkout already has its
 * deadline (connection and query timeouts), but a request could pay two: queued behind clients
 * whose queries hung, then given a new connection that hangs too (1.1 to 1.5 s before its 503 with
 * the database black-holed, fault probe through a TCP proxy), over the 1 s the API promises. Once a
 * checkout or a query fails in a way that says the database cannot be reached, the checkouts still
 * waiting are refused at once, and so is every new one except one at a time: that one (the probe)
 * tries the database with the usual deadlines, and the gate opens again as soon as any client is
 * given back without a connection fault (the database answered). No timer, no background work: the
 * next request is the probe, so recovery needs no restart.
 */
export function failFastWhileUnreachable(pool: pg.Pool): { isClosed(): boolean } {
  let unreachable = false;
  // The probe's checkout, then its client until it is given back: one probe at a time.
  let probing = false;
  let probeClient: pg.PoolClient | undefined;
  // Checkouts asked for while the gate was open and not served yet: refused when it closes.
  const waiting = new Set<(error: Error) => void>();
  // Clients that came for a checkout already refused: given back unused, they prove nothing.
  const unused = new WeakSet<pg.PoolClient>();
  const close = (): void => {
    unreachable = true;
    for (const refuse of [...waiting]) refuse(new DatabaseKnownUnreachableError());
  };
  pool.on('release', (error: unknown, client: pg.PoolClient) => {
    if (client === probeClient) {
      probeClient = undefined;
      probing = false;
    }
    if (unused.has(client)) return;
    if (error instanceof Error && saysDatabaseUnreachable(error)) close();
    else unreachable = false;
  });
  const connect = pool.connect.bind(pool) as (callback: ConnectCallback) => void;
  const gated = (callback?: ConnectCallback): Promise<pg.PoolClient> | undefined => {
    let resolve: (client: pg.PoolClient) => void = () => undefined;
    let reject: (error: Error) => void = () => undefined;
    const promise = callback ? undefined : new Promise<pg.PoolClient>((ok, fail) => ((resolve = ok), (reject = fail)));
    const deliver = (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void): void => {
      if (callback) callback(error, client, done);
      else if (error) reject(error);
      else resolve(client!);
    };
    const probe = unreachable;
    if (probe && probing) {
      process.nextTick(() => deliver(new DatabaseKnownUnreachableError()));
      return promise;
    }
    if (probe) probing = true;
    let answered = false;
    const refuse = (error: Error): void => {
      answered = true;
      waiting.delete(refuse);
      deliver(error);
    };
    if (!probe) waiting.add(refuse);
    connect((error, client, done) => {
      waiting.delete(refuse);
      if (probe && client !== undefined && !error) probeClient = client;
      else if (probe) probing = false;
      if (error && saysDatabaseUnreachable(error)) close();
      if (!answered) {
        answered = true;
        deliver(error, client, done);
      } else if (client !== undefined && !error) {
        unused.add(client);
        client.release();
      }
    });
    return promise;
  };
  (pool as unknown as { connect: typeof gated }).connect = gated;
  return { isClosed: () => unreachable };
}
