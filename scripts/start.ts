/**
 * `pnpm start`: the whole product from one command.
 *
 * 1. checks Redis (stops within seconds with a message naming REDIS_URL when it is down);
 * 2. without DATABASE_URL (and without Supabase), serves an embedded PGlite + pgvector
 *    database under DATA_DIR over the Postgres wire protocol;
 * 3. applies the migrations, re-embeds chunks of an older local embedder version, and on first
 *    start loads the sample knowledge base (with Supabase
 *    REST only the knowledge base: migrations go through DATABASE_URL or `pnpm db:generate`'s SQL file);
 * 4. runs the API and one worker as child processes (the same entry points that run alone
 *    with `pnpm --filter @lac/api start` / `pnpm --filter @lac/worker start`), connected to
 *    that database with an ordinary `pg` client;
 * 5. on SIGINT/SIGTERM, drains the children, then stops the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  databaseModeOf,
  loadConfigOrExit,
  createPgPool,
  databaseUrlOf,
  startEmbeddedDatabase,
  runMigrations,
  createPgStores,
  openStores,
  loadDotEnvFileIfPresent,
  waitForRedisOrExit,
} from '@lac/core';
import { refreshOlderLocalEmbeddings, seedKnowledgeBaseIfEmpty } from './seed-knowledge-base.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


async function main(): Promise<void> {
  loadDotEnvFileIfPresent(repositoryRoot);
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'start' });

  // One check: a newcomer without Redis reads the message at once.
  await waitForRedisOrExit(config, { waitSeconds: 0 });

  const databaseMode = databaseModeOf(config);
  let stopEmbeddedDatabase: (() => Promise<void>) | undefined;
  let connectionString = databaseUrlOf(config);
  if (databaseMode === 'embedded') {
    const embedded = await startEmbeddedDatabase({
      dataDir: path.resolve(config.DATA_DIR),
      port: config.EMBEDDED_DB_PORT,
      logger,
    });
    connectionString = embedded.connectionString;
    stopEmbeddedDatabase = embedded.stop;
    logger.info({ dataDir: path.resolve(config.DATA_DIR) }, 'embedded database ready');
  }

  if (databaseMode !== 'supabase') {
    const pool = createPgPool(connectionString, { max: 2 });
    try {
      await runMigrations(pool, logger);
      if (config.SEED_KNOWLEDGE_BASE) {
        const { knowledge } = createPgStores(pool);
        await seedKnowledgeBaseIfEmpty({ knowledge, config, logger, knowledgeBaseDir: path.resolve(repositoryRoot, config.KNOWLEDGE_BASE_DIR) });
      }
      await refreshOlderLocalEmbeddings({ pool, logger });
    } finally {
      await pool.end();
    }
  } else {
    // Supabase REST cannot run DDL: the schema comes from DATABASE_URL (pnpm db:migrate) or the file pnpm db:generate writes.
    logger.info(
      { databaseMode, supabaseUrl: config.SUPABASE_URL },
      'Supabase REST mode: migrations are not run here; apply them with DATABASE_URL set (pnpm db:migrate) or run pnpm db:generate and paste database/supabase.sql into the Supabase SQL editor',
    );
    if (config.SEED_KNOWLEDGE_BASE) {
      const stores = openStores({ config, logger, applicationName: 'lac-start' });
      try {
        await seedKnowledgeBaseIfEmpty({ knowledge: stores.knowledge, config, logger, knowledgeBaseDir: path.resolve(repositoryRoot, config.KNOWLEDGE_BASE_DIR) });
      } catch (error) {
        // The services still start: /health reports the database; a missing schema shows here first.
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'sample knowledge base not loaded through Supabase (is the schema applied? pnpm db:generate writes database/supabase.sql for the SQL editor)',
        );
      } finally {
        await stores.close();
      }
    }
  }

  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  if (databaseMode !== 'supabase') childEnv.DATABASE_URL = connectionString;
  // The embedded PGlite runs one query at a time: a query past the API's deadline there means busy,
  // not unreachable, and must not turn the API's other database calls away (API_DATABASE_FAIL_FAST).
  if (databaseMode === 'embedded') childEnv.API_DATABASE_FAIL_FAST ??= 'false';

  const children: Array<{ name: string; process: ChildProcess }> = [];
  let shuttingDown = false;

  const shutdown = async (exitCode: number): Promise<never> => {
    if (shuttingDown) return new Promise<never>(() => {});
    shuttingDown = true;
    logger.info('stopping: draining API and worker');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
            child.process.once('exit', () => resolve());
            child.process.kill('SIGTERM');
          }),
      ),
    );
    if (stopEmbeddedDatabase) await stopEmbeddedDatabase();
    logger.info('stopped');
    process.exit(exitCode);
  };

  for (const [name, entry] of [
    ['api', 'services/api/src/start.ts'],
    ['worker', 'services/worker/src/start.ts'],
  ] as const) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, entry)], {
      cwd: repositoryRoot,
      env: childEnv,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!shuttingDown) {
        logger.error({ child: name, code, signal }, 'a child process stopped: stopping the stack');
        void shutdown(code ?? 1);
      }
    });
    children.push({ name, process: child });
  }

  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  logger.info({ url: `http://127.0.0.1:${config.PORT}`, node: process.version, database: databaseMode }, 'chat backend starting (API + worker)');
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
