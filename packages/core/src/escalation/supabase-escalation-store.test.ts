import { afterAll, describe, expect, it } from 'vitest';
import { startSupabaseTestBackend, type SupabaseTestBackend } from '../store/supabase/test-support/supabase-test-backend.ts';
import { runEscalationStoreContract } from './escalation-store-contract.ts';
import { SupabaseEscalationStore } from './supabase-escalation-store.ts';

let backend: SupabaseTestBackend | undefined;
// Stopped after every describe of this file (the wire checks below use the same stand-in).
afterAll(async () => backend?.stop());

runEscalationStoreContract('SupabaseEscalationStore against a PostgREST stand-in', async () => {
  backend = await startSupabaseTestBackend();
  return { store: new SupabaseEscalationStore(backend.client()), close: async () => undefined };
});

describe('SupabaseEscalationStore on the wire', () => {
  it('wrote and read through the escalations table endpoint only', () => {
    const paths = new Set(backend!.standin.requests.map((request) => request.split(' ')[1]));
    expect([...paths]).toEqual(['/rest/v1/escalations']);
    expect(backend!.standin.requests).toEqual(expect.arrayContaining(['POST /rest/v1/escalations', 'GET /rest/v1/escalations', 'PATCH /rest/v1/escalations']));
  });

  it('reports a refused key as a SupabaseStoreError with PostgREST’s code', async () => {
    const store = new SupabaseEscalationStore(backend!.client('wrong'));
    await expect(store.list()).rejects.toMatchObject({ postgrestCode: 'PGRST301', retryable: false });
  });
});
