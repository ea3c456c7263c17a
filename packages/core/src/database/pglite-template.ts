import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPGliteWithExtensions } from './pglite-with-extensions.ts';
import type { Logger } from '../logging/logger.ts';
import { embeddedConnectionString } from './embedded-database.ts';
import { runMigrations } from './migrate.ts';
import { readMigrationFiles } from './migration-files.ts';
import { createPgPool } from './pg-pool.ts';
import { servePgliteOverSocket } from './pglite-socket-server.ts';

/**
 * Data directory dumps that fresh in-memory PGlite instances start from (temporary-database.ts):
 * `bare`, a fresh data directory with the extensions created (skips initdb, 2-3 s); `migrated`,
 * the same with every migration applied (skips applying them, 1-2 s more per database on this
 * machine, paid by most test files). Each is built once and cached in the OS temp directory across
 * processes, under a name holding the versions of Node, PGlite and pgvector and, for `migrated`,
 * the checksums of the migration files: a changed migration builds a new one. A database started
 * from `migrated` still runs the migrations, which then only read what is recorded.
 */
export type PgliteTemplateKind = 'bare' | 'migrated';

const templates = new Map<PgliteTemplateKind, Promise<Blob>>();

export function pgliteTemplate(kind: PgliteTemplateKind, logger: Logger): Promise<Blob> {
  let template = templates.get(kind);
  if (!template) {
    template = cachedOnDisk(kind, logger);
    templates.set(kind, template);
    // A failed build is tried again by the next caller, not remembered.
    template.catch(() => templates.delete(kind));
  }
  return template;
}

async function cachedOnDisk(kind: PgliteTemplateKind, logger: Logger): Promise<Blob> {
  const cacheFile = path.join(os.tmpdir(), `lac-pglite-template-${await templateKey(kind)}.tar`);
  try {
    return new Blob([await readFile(cacheFile)]);
  } catch {
    const dump = kind === 'bare' ? await buildBare() : await buildMigrated(logger);
    const partial = `${cacheFile}.${randomUUID()}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    // Atomic: a process reading the cache meanwhile finds no file or the whole one.
    await rename(partial, cacheFile);
    return dump;
  }
}

async function buildBare(): Promise<Blob> {
  const fresh = await createPGliteWithExtensions();
  try {
    await fresh.exec('CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS unaccent;');
    return await fresh.dumpDataDir('none');
  } finally {
    await fresh.close();
  }
}

/** The bare template with the migrations applied through the wire protocol, as every database gets them. */
async function buildMigrated(logger: Logger): Promise<Blob> {
  const db = await createPGliteWithExtensions({ loadDataDir: await pgliteTemplate('bare', logger) });
  try {
    const served = await servePgliteOverSocket(db, { port: 0, host: '127.0.0.1', logger });
    const pool = createPgPool(embeddedConnectionString(served.host, served.port), { max: 1, logger });
    try {
      await runMigrations(pool, logger);
    } finally {
      await pool.end();
      await served.stop();
    }
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

async function templateKey(kind: PgliteTemplateKind): Promise<string> {
  const versions = `${process.versions.node}-${await pgliteVersions()}`;
  if (kind === 'bare') return versions;
  const checksums = (await readMigrationFiles()).map((migration) => `${migration.version}:${migration.checksum}`).join(',');
  return `${versions}-migrated-${createHash('sha256').update(checksums).digest('hex').slice(0, 16)}`;
}

/** Versions of PGlite and pgvector in use (a template of other versions is not reused). */
async function pgliteVersions(): Promise<string> {
  const versions: string[] = [];
  for (const specifier of ['@electric-sql/pglite', '@electric-sql/pglite-pgvector']) {
    const entry = fileURLToPath(import.meta.resolve(specifier));
    const packageJson = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
    versions.push(JSON.parse(await readFile(packageJson, 'utf8')).version as string);
  }
  return versions.join('-');
}
