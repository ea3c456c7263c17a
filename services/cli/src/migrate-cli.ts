/**
 * `pnpm db:migrate`: applies the migrations to DATABASE_URL or, when it is unset, to the
 * embedded database under DATA_DIR (started for the occasion, then stopped).
 */
import path from 'node:path';
import { redactUrl, createPgPool, startEmbeddedDatabase, type EmbeddedDatabase, runMigrations } from '@lac/core/command-line';
import { loadCommandEnvironment } from './cli-environment.ts';
import { runnableArguments, type ParsedArguments } from './cli-usage.ts';

const usage = `Usage: pnpm db:migrate
  Applies the migrations of database/migrations to DATABASE_URL or, when it is unset, to the embedded
  database under DATA_DIR. Takes no argument.`;

/** No argument but --help: an unknown one must not run the migrations against whatever is configured. */
function parseMigrateArguments(argv: readonly string[]): ParsedArguments<Record<string, never>> {
  const args = argv.filter((argument) => argument !== '--');
  if (args.includes('--help') || args.includes('-h')) return { help: true };
  if (args.length > 0) return { error: `unexpected argument: ${args[0]}` };
  return {};
}

async function main(): Promise<void> {
  const { config, logger } = loadCommandEnvironment('migrate');
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    // Port 0: never collides with a running stack (which would hold the data directory's lock anyway).
    embedded = await startEmbeddedDatabase({ dataDir: path.resolve(config.DATA_DIR), port: 0, logger });
    connectionString = embedded.connectionString;
  }
  const pool = createPgPool(connectionString, { max: 1, logger });
  try {
    const report = await runMigrations(pool, logger);
    logger.info(
      { database: embedded ? `embedded (${path.resolve(config.DATA_DIR)})` : redactUrl(connectionString), ...report },
      report.applied.length ? 'migrations applied' : 'database already up to date',
    );
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

const runnable = runnableArguments(parseMigrateArguments(process.argv.slice(2)), usage);
if ('exitCode' in runnable) {
  process.exitCode = runnable.exitCode;
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
