import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import type pg from 'pg';
import { createLogger, type Logger } from '../logging/logger.ts';
import { embeddedConnectionString } from './embedded-database.ts';
import { runMigrations } from './migrate.ts';
import { createPgPool } from './pg-pool.ts';
import { servePgliteOverSocket, type ServedPglite } from './pglite-socket-server.ts';

export interface TemporaryDatabase {
  connectionString: string;
  pool: pg.Pool;
  /** Ends the pool, stops the server and drops the database (it lived in memory). */
  stop(): Promise<void>;
}

/** For fault tests: the server can be cut off (every connection dropped, new ones refused) and brought back, data kept. */
export interface InterruptibleDatabase extends TemporaryDatabase {
  /** Stops serving: open connections are closed, new ones are refused (ECONNREFUSED); the data stays. */
  interrupt(): Promise<void>;
  /** Serves the same data on the same port again. */
  resume(): Promise<void>;
}

/**
 * A throwaway database for tests and tools: an in-memory PGlite (pgvector + unaccent) served
 * over the wire protocol on a free port, migrated unless `migrate: false`. Fresh instances are
 * restored from a template data directory (cached in the OS temp directory across processes),
 * which skips initdb: about 0.4 s instead of 2-3 s. `interrupt()`/`resume()` cut the server off
 * and bring it back (fault tests).
 */
export async function startTemporaryDatabase(
  options: { migrate?: boolean; poolMax?: number; logger?: Logger } = {},
): Promise<InterruptibleDatabase> {
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const db = await PGlite.create({ loadDataDir: await templateDataDirectory(), extensions: { vector, unaccent } });
  let served: ServedPglite | null = await servePgliteOverSocket(db, { port: 0, host: '127.0.0.1', logger });
  const { host, port } = served;
  const connectionString = embeddedConnectionString(host, port);
  const pool = createPgPool(connectionString, { max: options.poolMax ?? 8, logger });
  const interrupt = async () => {
    await served?.stop();
    served = null;
  };
  const resume = async () => {
    // The port was free while interrupted: another process may hold it for a moment (EADDRINUSE).
    for (let attempt = 1; served === null; attempt += 1) {
      try {
        served = await servePgliteOverSocket(db, { port, host, logger });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await pool.end();
      await interrupt();
      await db.close();
    })());
  try {
    if (options.migrate ?? true) await runMigrations(pool, logger);
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectionString, pool, stop, interrupt, resume };
}

let template: Promise<Blob> | undefined;

/** A dump of a fresh data directory with the extensions created (built once, then read from disk). */
function templateDataDirectory(): Promise<Blob> {
  template ??= (async () => {
    const cacheFile = path.join(os.tmpdir(), `lac-pglite-template-${process.versions.node}-${await pgliteVersion()}.tar`);
    try {
      return new Blob([await readFile(cacheFile)]);
    } catch {
      const fresh = await PGlite.create({ extensions: { vector, unaccent } });
      await fresh.exec('CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS unaccent;');
      const dump = await fresh.dumpDataDir('none');
      await fresh.close();
      const partial = `${cacheFile}.${randomUUID()}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, cacheFile);
      return dump;
    }
  })();
  return template;
}

/** Versions of PGlite and pgvector in use (a template of other versions is not reused). */
async function pgliteVersion(): Promise<string> {
  const versions: string[] = [];
  for (const specifier of ['@electric-sql/pglite', '@electric-sql/pglite-pgvector']) {
    const entry = fileURLToPath(import.meta.resolve(specifier));
    const packageJson = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
    versions.push(JSON.parse(await readFile(packageJson, 'utf8')).version as string);
  }
  return versions.join('-');
}
