import { afterAll, describe, expect, it } from 'vitest';
import { createSupabaseServiceClient } from '../../database/supabase-client.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../../database/temporary-database.ts';
import { SupabaseEscalationStore } from '../../escalation/supabase-escalation-store.ts';
import { createLogger } from '../../logging/logger.ts';
import { runPrivacyStoreContract } from '../../privacy/privacy-store-contract.ts';
import { SupabaseConversationStore } from './supabase-conversation-store.ts';
import { SupabasePrivacyStore } from './supabase-privacy-store.ts';
import { startPostgrestStandin, type PostgrestStandin } from './test-support/postgrest-standin.ts';

const serviceKey = 'test-service-key';
let database: TemporaryDatabase | undefined;
let standin: PostgrestStandin | undefined;

// Stopped after every describe of this file (the wire check below uses the same stand-in).
afterAll(async () => {
  await standin?.close();
  await database?.stop();
});

runPrivacyStoreContract('SupabasePrivacyStore against a PostgREST stand-in', async () => {
  database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  const client = createSupabaseServiceClient({ url: standin.url, serviceKey });
  return {
    privacy: new SupabasePrivacyStore(client),
    conversations: new SupabaseConversationStore(client),
    escalations: new SupabaseEscalationStore(client),
    close: async () => undefined,
  };
});

describe('SupabasePrivacyStore on the wire', () => {
  it('erased through table endpoints with filters (PostgREST refuses an unfiltered DELETE)', () => {
    for (const table of ['messages', 'escalations', 'conversations', 'users']) expect(standin?.requests).toContain(`DELETE /rest/v1/${table}`);
  });

  it('reports a refused key as a store error with PostgREST’s code, not a crash', async () => {
    const store = new SupabasePrivacyStore(createSupabaseServiceClient({ url: standin!.url, serviceKey: 'wrong' }));
    await expect(store.findConversationOwner('any')).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });
});
