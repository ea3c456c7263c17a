import { afterAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { createLogger } from '../logging/logger.ts';
import { createSupabaseServiceClient } from '../database/supabase-client.ts';
import { startPostgrestStandin, type PostgrestStandin } from '../store/supabase/test-support/postgrest-standin.ts';
import { runEscalationStoreContract } from './escalation-store-contract.ts';
import { SupabaseEscalationStore } from './supabase-escalation-store.ts';

const serviceKey = 'test-service-key';
let database: TemporaryDatabase | undefined;
let standin: PostgrestStandin | undefined;

// Stopped after every describe of this file (the wire checks below use the same stand-in).
afterAll(async () => {
  await standin?.close();
  await database?.stop();
});

runEscalationStoreContract('SupabaseEscalationStore against a PostgREST stand-in', async () => {
  database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  return { store: new SupabaseEscalationStore(createSupabaseServiceClient({ url: standin.url, serviceKey })), close: async () => undefined };
});

describe('SupabaseEscalationStore on the wire', () => {
  it('wrote and read through the escalations table endpoint only', () => {
    const paths = new Set(standin!.requests.map((request) => request.split(' ')[1]));
    expect([...paths]).toEqual(['/rest/v1/escalations']);
    expect(standin!.requests).toEqual(expect.arrayContaining(['POST /rest/v1/escalations', 'GET /rest/v1/escalations', 'PATCH /rest/v1/escalations']));
  });

  it('reports a refused key as a SupabaseStoreError with PostgREST’s code', async () => {
    const store = new SupabaseEscalationStore(createSupabaseServiceClient({ url: standin!.url, serviceKey: 'wrong' }));
    await expect(store.list()).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });
});
