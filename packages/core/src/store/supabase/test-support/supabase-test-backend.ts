import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { createSupabaseServiceClient } from '../../../database/supabase-client.ts';
import { startTemporaryDatabase } from '../../../database/temporary-database.ts';
import { createLogger } from '../../../logging/logger.ts';
import { startPostgrestStandin, type PostgrestStandin } from './postgrest-standin.ts';

/**
 * What a Supabase-mode test talks to: a fresh, migrated temporary database served over REST by the
 * PostgREST stand-in, and a service client for it (or for a wrong key, to check refusals).
 */
export interface SupabaseTestBackend {
  standin: PostgrestStandin;
  url: string;
  serviceKey: string;
  /** The database behind the stand-in, for writing rows a test needs as they are (e.g. at a given time). */
  pool: pg.Pool;
  client(serviceKey?: string): SupabaseClient;
  stop(): Promise<void>;
}

export async function startSupabaseTestBackend(options: { serviceKey?: string } = {}): Promise<SupabaseTestBackend> {
  const serviceKey = options.serviceKey ?? 'test-service-key';
  const database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  const standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  return {
    standin,
    url: standin.url,
    serviceKey,
    pool: database.pool,
    client: (key = serviceKey) => createSupabaseServiceClient({ url: standin.url, serviceKey: key }),
    async stop() {
      await standin.close();
      await database.stop();
    },
  };
}
