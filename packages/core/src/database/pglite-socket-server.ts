import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../logging/logger.ts';
import { EmbeddedDatabasePortInUseError } from './database-errors.ts';
import { asksForCopyFromStdin, CLIENT_MESSAGE_TYPES, endsRound, lastReadyForQueryStatus, WireFrameReader, type WireFrame } from './pglite-wire-frames.ts';

/** Connections the embedded server accepts in all (API pool + worker pools + CLIs). */
export const EMBEDDED_DATABASE_MAX_CONNECTIONS = 32;
/**
 * A connection inside a transaction holds the database (PGlite has one session): past this long
 * without a request from it, it is closed and its transaction rolled back, as Postgres's
 * idle_in_transaction_session_timeout would (a client that died without closing its socket).
 */
export const EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export interface ServedPglite {
  host: string;
  port: number;
  /** Closes every connection (rolling back an open transaction) and the listening socket (the PGlite instance stays open). */
  stop(): Promise<void>;
}

interface ClientConnection {
  id: number;
  socket: net.Socket;
  reader: WireFrameReader;
  /** Messages of the round being received (up to its Sync, Query or Flush). */
  partialRound: Uint8Array[];
  closed: boolean;
}

interface Round {
  connection: ClientConnection;
  bytes: Uint8Array;
  /** The answer is not sent (the rollback of a connection that went away). */
  discardOutput?: boolean;
}

/**
 * A simple-query ROLLBACK, then Sync: ends whatever a vanished connection left open. In that order:
 * a Sync first would commit the implicit transaction of an Execute sent without one (a Flush, a
 * cursor), which Postgres rolls back when its client goes away.
 */
const ABANDON_BYTES = Buffer.concat([simpleQuery('ROLLBACK'), Buffer.from([0x53, 0, 0, 0, 4])]);

function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0, 'latin1');
  header.writeInt32BE(text.length + 4, 1);
  return Buffer.concat([header, text]);
}

const STOPPED_WORKING = 'the embedded database stopped working: restart it';

/** Sends a FATAL ErrorResponse (SQLSTATE `code`) and closes the socket once it is written. */
function endWithFatalError(socket: net.Socket, code: string, message: string): void {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(fields.length + 4, 1);
  socket.end(Buffer.concat([header, fields]), () => socket.destroy());
}

/**
 * Serves an open PGlite over the Postgres wire protocol, for every process of the stack (API,
 * workers, CLIs). PGlite is ONE session that runs one thing at a time, so the server runs whole
 * rounds, never single messages: a client's messages up to its Sync (or a Query, a Flush) are run
 * together, so two clients' extended-query sequences never interleave (one client's Parse before
 * another's Bind gave "unnamed prepared statement does not exist", "portal does not exist", or a
 * statement run with another client's parameters). A client whose round leaves a transaction open
 * (ReadyForQuery 'T' or 'E', or no ReadyForQuery yet after a Flush) holds the session until it is
 * idle again; the other clients' rounds wait. When that client goes away, its transaction is rolled
 * back and the others go on.
 */
export async function servePgliteOverSocket(
  db: PGlite,
  options: { port: number; host: string; logger: Logger; maxConnections?: number; idleInTransactionTimeoutMs?: number },
): Promise<ServedPglite> {
  const { logger } = options;
  const maxConnections = options.maxConnections ?? EMBEDDED_DATABASE_MAX_CONNECTIONS;
  const idleInTransactionTimeoutMs = options.idleInTransactionTimeoutMs ?? EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_MS;
  const connections = new Set<ClientConnection>();
  const queue: Round[] = [];
  /** The connection inside a transaction: only its rounds run until it is idle. */
  let owner: ClientConnection | null = null;
  let ownerIdleTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | null = null;
  let nextId = 1;
  /** PGlite threw: it is not called again (a second call may spin forever); every client is refused. */
  let broken = false;

  const runnable = () => queue.some((round) => owner === null || round.connection === owner);
  const kick = () => {
    draining ??= drain().finally(() => {
      draining = null;
      // A round queued while the loop was ending.
      if (runnable()) kick();
    });
  };
  const enqueue = (round: Round, first = false) => {
    if (first) queue.unshift(round);
    else queue.push(round);
    kick();
  };

  async function drain(): Promise<void> {
    for (;;) {
      if (broken) return;
      const index = owner === null ? (queue.length > 0 ? 0 : -1) : queue.findIndex((round) => round.connection === owner);
      if (index < 0) {
        if (owner !== null && !owner.closed) watchIdleOwner(owner);
        return;
      }
      clearTimeout(ownerIdleTimer);
      const round = queue.splice(index, 1)[0]!;
      let output: Uint8Array;
      try {
        output = await db.runExclusive(() => db.execProtocolRaw(round.bytes));
      } catch (error) {
        // PGlite's process ended or broke (the database cannot be trusted, and calling it again may
        // hang the event loop): every client is closed and refused from now on. Restart the process.
        broken = true;
        logger.error(
          { err: error instanceof Error ? error.message : String(error), connection: round.connection.id },
          'embedded database stopped working: every connection refused until the process restarts',
        );
        queue.length = 0;
        owner = null;
        for (const connection of [...connections]) {
          if (!connection.closed) endWithFatalError(connection.socket, '57P01', STOPPED_WORKING);
          closeConnection(connection);
        }
        return;
      }
      if (!round.discardOutput && !round.connection.closed && output.length > 0) round.connection.socket.write(output);
      const status = lastReadyForQueryStatus(output);
      owner = status === 'I' ? null : round.connection;
      // The client went away while it held the session: end what it left open.
      if (owner !== null && owner.closed) queue.unshift({ connection: owner, bytes: ABANDON_BYTES, discardOutput: true });
    }
  }

  function watchIdleOwner(connection: ClientConnection): void {
    clearTimeout(ownerIdleTimer);
    ownerIdleTimer = setTimeout(() => {
      if (owner !== connection || connection.closed) return;
      logger.warn({ connection: connection.id, idleMs: idleInTransactionTimeoutMs }, 'embedded database: a connection idle in a transaction held the database too long: closing it, its transaction rolled back');
      endWithFatalError(connection.socket, '25P03', 'terminating connection due to idle-in-transaction timeout');
      closeConnection(connection);
    }, idleInTransactionTimeoutMs);
    ownerIdleTimer.unref();
  }

  function closeConnection(connection: ClientConnection): void {
    if (!connection.closed) {
      connection.closed = true;
      connections.delete(connection);
      for (let index = queue.length - 1; index >= 0; index -= 1) if (queue[index]!.connection === connection) queue.splice(index, 1);
      // It held the session between two rounds: roll back now (while a round of it runs, drain does it after).
      if (owner === connection && draining === null && !broken) enqueue({ connection, bytes: ABANDON_BYTES, discardOutput: true }, true);
    }
    // A socket being ended (a FATAL error on its way to the client) is destroyed once it is written.
    if (!connection.socket.destroyed && !connection.socket.writableEnded) connection.socket.destroy();
  }

  function onFrames(connection: ClientConnection, frames: WireFrame[]): void {
    for (const frame of frames) {
      if (frame.kind === 'encryption-request') connection.socket.write('N');
      else if (frame.kind === 'cancel-request') closeConnection(connection);
      else if (frame.kind === 'unsupported-startup') refuse(connection, '0A000', `unsupported frontend protocol ${frame.version >>> 16}.${frame.version & 0xffff}: the embedded database speaks 3.0`);
      else if (frame.kind === 'startup') enqueue({ connection, bytes: frame.bytes });
      else if (frame.type === 'X') closeConnection(connection);
      else if (!CLIENT_MESSAGE_TYPES.has(frame.type)) refuse(connection, '08P01', `invalid frontend message type ${frame.bytes[0]}`);
      else if (asksForCopyFromStdin(frame.type, frame.bytes)) refuse(connection, '0A000', 'COPY FROM STDIN is not supported by the embedded database');
      else {
        connection.partialRound.push(frame.bytes);
        if (endsRound(frame.type)) {
          const bytes = connection.partialRound.length === 1 ? connection.partialRound[0]! : Buffer.concat(connection.partialRound);
          connection.partialRound = [];
          enqueue({ connection, bytes });
        }
      }
      if (connection.closed) return;
    }
  }

  /** Answers a FATAL error and closes the connection (a protocol violation, a request PGlite would die of). */
  function refuse(connection: ClientConnection, code: string, message: string): void {
    logger.warn({ connection: connection.id, code, reason: message }, 'embedded database refused a client request');
    endWithFatalError(connection.socket, code, message);
    closeConnection(connection);
  }

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    if (broken) {
      socket.on('error', () => undefined);
      endWithFatalError(socket, '57P01', STOPPED_WORKING);
      return;
    }
    if (connections.size >= maxConnections) {
      socket.on('error', () => undefined);
      endWithFatalError(socket, '53300', `sorry, too many clients already (${maxConnections})`);
      return;
    }
    const connection: ClientConnection = { id: nextId++, socket, reader: new WireFrameReader(), partialRound: [], closed: false };
    connections.add(connection);
    socket.on('data', (chunk: Buffer) => {
      if (connection.closed) return;
      try {
        onFrames(connection, connection.reader.push(chunk));
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error), connection: connection.id }, 'embedded database: unreadable client message, closing the connection');
        closeConnection(connection);
      }
    });
    socket.on('error', () => closeConnection(connection));
    socket.on('close', () => closeConnection(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new EmbeddedDatabasePortInUseError(options.host, options.port, error) : error));
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => logger.error({ err: error.message }, 'embedded database server error'));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    host: options.host,
    port,
    stop: async () => {
      clearTimeout(ownerIdleTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of [...connections]) closeConnection(connection);
      // The rollback of a transaction left open runs before the caller closes PGlite.
      while (draining !== null) await draining;
      await closed;
    },
  };
}
