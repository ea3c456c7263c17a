import { afterAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase, type TemporaryDatabase } from '../../database/temporary-database.ts';
import { createLogger } from '../../logging/logger.ts';
import { runStoreContract } from '../store-contract.ts';
import { createSupabaseStores } from './create-supabase-stores.ts';
import { startPostgrestStandin, type PostgrestStandin } from './test-support/postgrest-standin.ts';

const serviceKey = 'test-service-key';
let database: TemporaryDatabase | undefined;
let standin: PostgrestStandin | undefined;

// Stopped after every describe of this file (the wire checks below use the same stand-in).
afterAll(async () => {
  await standin?.close();
  await database?.stop();
});

runStoreContract('Supabase REST stores against a PostgREST stand-in', async () => {
  database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  const stores = createSupabaseStores({ url: standin.url, serviceKey });
  return { conversations: stores.conversations, knowledge: stores.knowledge, close: async () => undefined };
});

describe('Supabase stores on the wire', () => {
  it('searched through the hybrid_search_chunks RPC, replaced chunks through one RPC (one transaction) and wrote messages through table endpoints', () => {
    expect(standin?.requests).toContain('POST /rest/v1/rpc/hybrid_search_chunks');
    expect(standin?.requests).toContain('POST /rest/v1/rpc/replace_document_chunks');
    expect(standin?.requests).not.toContain('DELETE /rest/v1/document_chunks');
    expect(standin?.requests).toContain('POST /rest/v1/messages');
    expect(standin?.requests).toContain('PATCH /rest/v1/conversations');
    expect(standin?.requests).toContain('HEAD /rest/v1/documents');
  });

  it('is refused with a wrong service key, with PostgREST’s error shape', async () => {
    const stores = createSupabaseStores({ url: standin!.url, serviceKey: 'wrong' });
    await expect(stores.conversations.ping()).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });

  it('reports a database error with its SQLSTATE and the operation', async () => {
    const stores = createSupabaseStores({ url: standin!.url, serviceKey });
    await expect(
      stores.knowledge.upsertDocument({
        sourceKey: 'bad-owner.md',
        title: 'Propriétaire inconnu',
        fileType: 'markdown',
        agentOwner: 'marie' as 'audrey',
        tags: [],
        category: null,
        priority: 1,
        contentHash: 'x',
        embeddingModel: 'm',
        chunks: [],
      }),
    ).rejects.toMatchObject({ postgrestCode: '23514', message: expect.stringContaining('Supabase replace_document_chunks failed (400 23514)') });
  });
});
