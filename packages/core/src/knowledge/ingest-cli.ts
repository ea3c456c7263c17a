/**
 * `pnpm ingest [--force] <files or folders>...`: loads Markdown and text files into the
 * knowledge base.
 *
 * Database: DATABASE_URL when set; otherwise the embedded database of a running stack
 * (EMBEDDED_DB_PORT); when none answers, the embedded database under DATA_DIR is started for
 * the occasion (and migrated), then stopped.
 * Embedder: the one the chat pipeline uses (OpenAI when OPENAI_API_KEY is set, else the local
 * hashing embedder): documents and queries must be embedded by the same model.
 * Source keys are paths relative to the current directory (the repository root under pnpm);
 * paths given on the command line are resolved from where the command was typed (INIT_CWD).
 * Exit code: 0 when every file was ingested or unchanged, 1 when one failed, 2 on bad usage.
 */
import path from 'node:path';
import type pg from 'pg';
import { ConfigError, loadConfig, type AppConfig } from '../config/config.ts';
import { createPgPool, databaseUrlOf, startEmbeddedDatabase, type EmbeddedDatabase } from '../database/embedded-database.ts';
import { runMigrations } from '../database/migrate.ts';
import { createLogger, redactUrl, type Logger } from '../logging/logger.ts';
import { createCapabilities } from '../providers/create-capabilities.ts';
import { createPgStores } from '../store/create-stores.ts';
import { ingestPaths, type IngestFileResult } from './ingest-service.ts';

const USAGE = `Usage : pnpm ingest [--force] <fichiers ou dossiers>...
  Charge des documents Markdown (.md) ou texte (.txt) dans la base de connaissances.
  --force   ré-indexe même les fichiers inchangés (après un changement de modèle d'embedding)`;

interface CliArguments {
  paths: string[];
  force: boolean;
}

export function parseIngestArguments(argv: readonly string[]): CliArguments | { error: string } | { help: true } {
  const paths: string[] = [];
  let force = false;
  for (const argument of argv) {
    if (argument === '--help' || argument === '-h') return { help: true };
    else if (argument === '--force') force = true;
    else if (argument === '--') continue;
    else if (argument.startsWith('-')) return { error: `option inconnue : ${argument}` };
    else paths.push(argument);
  }
  if (paths.length === 0) return { error: 'aucun fichier ni dossier indiqué' };
  return { paths, force };
}

async function canConnect(connectionString: string, logger: Logger): Promise<boolean> {
  const probe = createPgPool(connectionString, { max: 1, logger, connectionTimeoutMillis: 2_000 });
  try {
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

async function openDatabase(config: AppConfig, logger: Logger): Promise<{ pool: pg.Pool; label: string; embedded?: EmbeddedDatabase }> {
  const url = databaseUrlOf(config);
  if (config.DATABASE_URL || (await canConnect(url, logger))) {
    return { pool: createPgPool(url, { max: 2, logger }), label: config.DATABASE_URL ? redactUrl(url) : `embedded stack (${url})` };
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const embedded = await startEmbeddedDatabase({ dataDir, port: 0, logger });
  const pool = createPgPool(embedded.connectionString, { max: 2, logger });
  await runMigrations(pool, logger);
  return { pool, label: `embedded (${dataDir})`, embedded };
}

function describe(result: IngestFileResult): string {
  const status = result.status.padEnd(9);
  if (result.status === 'failed') return `${status} ${result.error ?? result.file}`;
  return `${status} ${result.file}${result.chunks === undefined ? '' : ` (${result.chunks} extraits)`}`;
}

async function main(): Promise<number> {
  const parsed = parseIngestArguments(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, name: 'ingest' });
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const paths = parsed.paths.map((argument) => path.resolve(invokedFrom, argument));
  const { embedder } = createCapabilities({ config, logger });
  const database = await openDatabase(config, logger);
  try {
    const { knowledge } = createPgStores(database.pool);
    process.stdout.write(`Base : ${database.label} — modèle d'embedding : ${embedder.model}\n`);
    const results = await ingestPaths(paths, {
      store: knowledge,
      embedder,
      logger,
      force: parsed.force,
      baseDir: process.cwd(),
      onProgress: (result, done, total) => process.stdout.write(`[${done}/${total}] ${describe(result)}\n`),
    });
    const count = (status: IngestFileResult['status']) => results.filter((result) => result.status === status).length;
    process.stdout.write(
      `${results.length} fichier(s) : ${count('created')} créé(s), ${count('updated')} mis à jour, ` +
        `${count('unchanged')} inchangé(s), ${count('failed')} en échec.\n`,
    );
    return count('failed') > 0 ? 1 : 0;
  } finally {
    await database.pool.end();
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ingestion impossible : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
