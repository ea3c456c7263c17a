import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../store-contract.ts';
import { createSupabaseStores } from './create-supabase-stores.ts';
import { startSupabaseTestBackend, type SupabaseTestBackend } from './test-support/supabase-test-backend.ts';

let backend: SupabaseTestBackend | undefined;
// Stopped after every describe of this file (the wire checks below use the same stand-in).
afterAll(async () => backend?.stop());

runStoreContract('Supabase REST stores against a PostgREST stand-in', async () => {
  backend = await startSupabaseTestBackend();
  const stores = createSupabaseStores({ url: backend.url, serviceKey: backend.serviceKey });
  return { conversations: stores.conversations, knowledge: stores.knowledge, close: async () => undefined };
});

describe('Supabase stores on the wire', () => {
  it('searched through the hybrid_search_chunks RPC, replaced chunks through one RPC (one transaction) and wrote messages through table endpoints', () => {
    expect(backend?.standin.requests).toContain('POST /rest/v1/rpc/hybrid_search_chunks');
    expect(backend?.standin.requests).toContain('POST /rest/v1/rpc/replace_document_chunks');
    expect(backend?.standin.requests).not.toContain('DELETE /rest/v1/document_chunks');
    expect(backend?.standin.requests).toContain('POST /rest/v1/messages');
    expect(backend?.standin.requests).toContain('PATCH /rest/v1/conversations');
    expect(backend?.standin.requests).toContain('HEAD /rest/v1/documents');
  });

  it('is refused with a wrong service key, with PostgREST’s error shape', async () => {
    const stores = createSupabaseStores({ url: backend!.url, serviceKey: 'wrong' });
    await expect(stores.conversations.ping()).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });

  it('reports a database error with its SQLSTATE and the operation', async () => {
    const stores = createSupabaseStores({ url: backend!.url, serviceKey: backend!.serviceKey });
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
