import path from 'node:path';
import type pg from 'pg';
import type { AppConfig } from '../config/config.ts';
import { createPgPool, databaseUrlOf, startEmbeddedDatabase, type EmbeddedDatabase } from '../database/embedded-database.ts';
import { runMigrations } from '../database/migrate.ts';
import { redactUrl, type Logger } from '../logging/logger.ts';

/**
 * The database of the knowledge command-line tools (`pnpm ingest`, `pnpm reembed`):
 * DATABASE_URL when set; otherwise the embedded database of a running stack (EMBEDDED_DB_PORT);
 * when none answers, the embedded database under DATA_DIR is started for the occasion (and
 * migrated), then stopped by close().
 */
export interface KnowledgeDatabase {
  pool: pg.Pool;
  /** Where it is, for the tool's first output line (password redacted). */
  label: string;
  close(): Promise<void>;
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

export async function openKnowledgeDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'EMBEDDED_DB_PORT' | 'DATA_DIR'>,
  logger: Logger,
  options: { poolMax?: number; applicationName?: string } = {},
): Promise<KnowledgeDatabase> {
  const poolOptions = { max: options.poolMax ?? 4, logger, applicationName: options.applicationName ?? 'lac-knowledge-cli' };
  const url = databaseUrlOf(config);
  if (config.DATABASE_URL || (await canConnect(url, logger))) {
    const pool = createPgPool(url, poolOptions);
    return { pool, label: config.DATABASE_URL ? redactUrl(url) : `embedded stack (${url})`, close: () => pool.end() };
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir, port: 0, logger });
  const pool = createPgPool(embedded.connectionString, poolOptions);
  try {
    await runMigrations(pool, logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded.stop();
    throw error;
  }
  return {
    pool,
    label: `embedded (${dataDir})`,
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}
