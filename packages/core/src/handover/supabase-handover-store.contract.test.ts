import { SupabaseEscalationStore } from '../escalation/supabase-escalation-store.ts';
import { SupabaseConversationStore } from '../store/supabase/supabase-conversation-store.ts';
import { startSupabaseTestBackend } from '../store/supabase/test-support/supabase-test-backend.ts';
import { runHandoverStoreContract } from './handover-store-contract.ts';
import { SqlFunctionHandoverStore, supabaseFunctionCaller } from './sql-function-handover-store.ts';

runHandoverStoreContract('hand-over store over Supabase REST (PostgREST stand-in)', async () => {
  const backend = await startSupabaseTestBackend();
  const client = backend.client();
  return {
    handover: new SqlFunctionHandoverStore(supabaseFunctionCaller(client)),
    conversations: new SupabaseConversationStore(client),
    escalations: new SupabaseEscalationStore(client),
    close: () => backend.stop(),
  };
});
