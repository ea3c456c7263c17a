/**
 * The embedded database in a process of its own, for fault tests that kill and restart it:
 * DATA_DIR and EMBEDDED_DB_PORT from the environment, migrations applied, "ready" on stdout.
 */
import path from 'node:path';
import { createLogger, createPgPool, runMigrations, startEmbeddedDatabase } from '@lac/core';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', name: 'fault-embedded-database' });
const database = await startEmbeddedDatabase({ dataDir: path.resolve(process.env.DATA_DIR!), port: Number(process.env.EMBEDDED_DB_PORT), logger });
const pool = createPgPool(database.connectionString, { max: 1, logger });
await runMigrations(pool, logger);
await pool.end();
process.stdout.write('embedded database ready\n');
process.on('SIGTERM', () => void database.stop().then(() => process.exit(0)));
