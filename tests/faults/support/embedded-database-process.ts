/**
 * The embedded database in a process of its own, for fault tests that kill and restart it:
 * DATA_DIR and EMBEDDED_DB_PORT from the environment, migrations applied, "ready" on stdout.
 * A first start lays the data directory from the migrated PGlite template (no initdb, no
 * migration applied in WASM); the migrations still run (they then only read what is recorded),
 * and a restart opens the data as the killed process left it.
 */
import path from 'node:path';
import { createLogger, createPgPool, runMigrations, startEmbeddedDatabase } from '@lac/core';
import { seedEmbeddedDataDirectoryFromTemplate } from '@lac/core/testing';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', name: 'fault-embedded-database' });
const dataDir = path.resolve(process.env.DATA_DIR!);
await seedEmbeddedDataDirectoryFromTemplate(dataDir, logger);
const database = await startEmbeddedDatabase({ dataDir, port: Number(process.env.EMBEDDED_DB_PORT), logger });
const pool = createPgPool(database.connectionString, { max: 1, logger });
await runMigrations(pool, logger);
await pool.end();
process.stdout.write('embedded database ready\n');
process.on('SIGTERM', () => void database.stop().then(() => process.exit(0)));
