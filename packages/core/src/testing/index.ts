/** `@lac/core/testing`: helpers for tests and benchmarks of other packages (never imported by runtime code). */
export * from './free-port.ts';
export * from '../redis/delete-keys-with-prefix.ts';
export * from './wait-until.ts';
export * from '../queue/test-support/redis-test-context.ts';
export * from '../store/supabase/test-support/postgrest-standin.ts';
export { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
export * from '../knowledge/test-support/minimal-pdf.ts';
export * from './local-redis-cluster.ts';
export * from './database-engines.ts';
export * from '../queue/test-support/recording-pipeline.ts';
export * from '../queue/test-support/worker-processes.ts';
export * from './captured-log-lines.ts';
export * from './tcp-test-proxy.ts';
export * from '../store/chat-exchange-fixture.ts';
export * from '../handover/team-activity-fixture.ts';
export * from './seed-embedded-data-directory.ts';
export * from './entry-held-while-loading.ts';
