import { mkdir, open, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPGliteWithExtensions } from './pglite-with-extensions.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { EmbeddedDatabaseLockedError, EmbeddedDatabasePortInUseError } from './database-errors.ts';
import { servePgliteOverSocket, type ServedPglite } from './pglite-socket-server.ts';

export { createPgPool, requestPathPoolTimeouts, type PgPoolOptions } from './pg-pool.ts';
export { EMBEDDED_DATABASE_MAX_CONNECTIONS } from './pglite-socket-server.ts';

export interface EmbeddedDatabaseOptions {
  /** The product's data directory (DATA_DIR); PGlite lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** EMBEDDED_DB_PORT; 0 picks a free port. */
  port: number;
  host?: string;
  logger: Logger;
  maxConnections?: number;
}

export interface EmbeddedDatabase {
  /** `postgres://postgres@<host>:<port>/postgres` (no password: the server asks for none, and a password in the URL would count as a secret that log redaction blanks wherever "postgres" appears), for any `pg` client. */
  connectionString: string;
  host: string;
  port: number;
  /** Stops the server, closes PGlite (its files are flushed and kept), releases the lock. Idempotent. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else the embedded database's address on EMBEDDED_DB_PORT. */
export function databaseUrlOf(config: Pick<AppConfig, 'DATABASE_URL' | 'EMBEDDED_DB_PORT'>): string {
  return config.DATABASE_URL ?? embeddedConnectionString('127.0.0.1', config.EMBEDDED_DB_PORT);
}

export function embeddedConnectionString(host: string, port: number): string {
  return `postgres://postgres@${host}:${port}/postgres`;
}

/**
 * PGlite (Postgres + pgvector + unaccent) on disk under `<dataDir>/pglite`, served over the
 * Postgres wire protocol so several processes (API, workers, CLIs) connect with `pg`.
 * One process per data directory (a pid lock file); the data survives restarts.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const host = options.host ?? '127.0.0.1';
  const { logger } = options;
  const pgliteDir = path.join(options.dataDir, 'pglite');
  await mkdir(pgliteDir, { recursive: true });

  // Fail fast, before the (slow) database opens, when the port is taken.
  if (options.port !== 0) await assertPortFree(host, options.port);

  const lockFile = path.join(options.dataDir, 'pglite.lock');
  await acquireDataDirectoryLock(lockFile, logger);

  let db: PGlite | undefined;
  let served: ServedPglite | undefined;
  try {
    const startedAt = Date.now();
    db = await createPGliteWithExtensions({ dataDir: pgliteDir });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS unaccent;');
    served = await servePgliteOverSocket(db, { port: options.port, host, logger, maxConnections: options.maxConnections });
    const { port } = served;
    logger.info({ host, port, dataDir: pgliteDir, startupMs: Date.now() - startedAt }, 'embedded database listening');

    let stopping: Promise<void> | undefined;
    const runningServer = served;
    const runningDb = db;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        await runningServer.stop();
        await runningDb.close();
        await rm(lockFile, { force: true });
        logger.info({ dataDir: pgliteDir }, 'embedded database stopped');
      })();
      return stopping;
    };
    return { connectionString: embeddedConnectionString(host, port), host, port, stop };
  } catch (error) {
    await served?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await rm(lockFile, { force: true });
    throw error;
  }
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new EmbeddedDatabasePortInUseError(host, port, error) : error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** One process per data directory: a lock file holding the owner's pid (stale locks of dead processes are taken over). */
async function acquireDataDirectoryLock(lockFile: string, logger: Logger): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
        throw new EmbeddedDatabaseLockedError(lockFile, ownerPid);
      }
      if (ownerPid === process.pid) throw new EmbeddedDatabaseLockedError(lockFile, ownerPid);
      logger.warn({ lockFile, ownerPid }, 'taking over the lock of a stopped embedded database');
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`could not acquire ${lockFile}`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
