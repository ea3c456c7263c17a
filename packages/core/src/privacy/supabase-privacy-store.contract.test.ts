import { afterAll, describe, expect, it } from 'vitest';
import { SupabaseEscalationStore } from '../escalation/supabase-escalation-store.ts';
import { runPrivacyStoreContract, storeConversationOfBeforeTokens } from './privacy-store-contract.ts';
import { SupabaseConversationStore } from '../store/supabase/supabase-conversation-store.ts';
import { SupabasePrivacyStore } from './supabase-privacy-store.ts';
import { startSupabaseTestBackend, type SupabaseTestBackend } from '../store/supabase/test-support/supabase-test-backend.ts';

let backend: SupabaseTestBackend | undefined;
// Stopped after every describe of this file (the wire check below uses the same stand-in).
afterAll(async () => backend?.stop());

runPrivacyStoreContract('SupabasePrivacyStore against a PostgREST stand-in', async () => {
  backend = await startSupabaseTestBackend();
  const client = backend.client();
  return {
    privacy: new SupabasePrivacyStore(client),
    conversations: new SupabaseConversationStore(client),
    escalations: new SupabaseEscalationStore(client),
    storeConversationOfBeforeTokens: (conversationId, userId) => storeConversationOfBeforeTokens(backend!.pool, conversationId, userId),
    close: async () => undefined,
  };
});

describe('SupabasePrivacyStore on the wire', () => {
  it('erased through table endpoints with filters (PostgREST refuses an unfiltered DELETE)', () => {
    for (const table of ['messages', 'escalations', 'conversations', 'users', 'retired_conversation_ids']) expect(backend?.standin.requests).toContain(`DELETE /rest/v1/${table}`);
  });

  it('reports a refused key as a store error with PostgREST’s code, not a crash', async () => {
    const store = new SupabasePrivacyStore(backend!.client('wrong'));
    await expect(store.findConversationClaimFacts('any')).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });
});
