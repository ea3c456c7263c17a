/**
 * Serves the embedded database alone (PGlite under DATA_DIR on EMBEDDED_DB_PORT) until
 * SIGINT/SIGTERM, so the API and workers can be started separately against it:
 *   pnpm db:serve (tsx services/cli/src/embedded-database-cli.ts)
 * Applies the migrations on start unless `--no-migrate` is given.
 */
import path from 'node:path';
import { createPgPool, startEmbeddedDatabase, runMigrations } from '@lac/core/command-line';
import { loadCommandEnvironment } from './cli-environment.ts';

async function main(): Promise<void> {
  const { config, logger } = loadCommandEnvironment('embedded-database');
  const database = await startEmbeddedDatabase({ dataDir: path.resolve(config.DATA_DIR), port: config.EMBEDDED_DB_PORT, logger });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the embedded database');
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (!process.argv.includes('--no-migrate')) {
    const pool = createPgPool(database.connectionString, { max: 1, logger });
    try {
      await runMigrations(pool, logger);
    } finally {
      await pool.end();
    }
  }
  logger.info({ url: database.connectionString }, 'embedded database ready: point DATABASE_URL at this address');
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded database failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
