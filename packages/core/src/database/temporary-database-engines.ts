import type { Logger } from '../logging/logger.ts';
import type { PostgresServerProbe } from './postgres-server-probe.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from './temporary-database.ts';
import { startTemporaryPostgresDatabase } from './temporary-postgres-database.ts';

/**
 * Where throwaway databases come from, for tests and benchmarks that compare engines: the
 * embedded PGlite (in memory) or a real PostgreSQL server (CREATE DATABASE, dropped on stop).
 */
export interface DatabaseEngine {
  /** `PGlite` or `PostgreSQL 15.20`. */
  name: string;
  kind: 'pglite' | 'postgres';
  start(options?: { migrate?: boolean; poolMax?: number; logger?: Logger }): Promise<TemporaryDatabase>;
}

export const pgliteEngine: DatabaseEngine = {
  name: 'PGlite',
  kind: 'pglite',
  start: (options) => startTemporaryDatabase(options),
};

export function postgresEngine(server: Extract<PostgresServerProbe, { usable: true }>): DatabaseEngine {
  return {
    name: `PostgreSQL ${server.version}`,
    kind: 'postgres',
    start: (options) => startTemporaryPostgresDatabase(server.serverUrl, options),
  };
}
