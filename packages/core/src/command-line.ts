/**
 * `@lac/core/command-line`: what the small command lines need (settings, logs, the migrations, the
 * embedded database, the Supabase SQL, admin password hashes) without the rest of `@lac/core` (the
 * queues, stores, pipeline and agents): `pnpm db:migrate`, `db:serve`, `db:generate` and
 * `admin:hash-password` then start on about half the CPU. The commands that ingest or evaluate use
 * `@lac/core` itself.
 */
export { ConfigError, loadConfig, type AppConfig } from './config/config.ts';
export { loadConfigOrExit } from './config/load-config-or-exit.ts';
export { loadDotEnvFileIfPresent } from './config/dot-env-file.ts';
export { hashAdminPassword } from './config/admin-password-hash.ts';
export { createLogger, redactUrl, type Logger } from './logging/logger.ts';
export { createPgPool, startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded-database.ts';
export { runMigrations } from './database/migrate.ts';
export { supabaseSqlPath, writeSupabaseSql } from './database/supabase-sql.ts';
