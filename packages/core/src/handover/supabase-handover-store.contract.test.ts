import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { SupabaseEscalationStore } from '../escalation/supabase-escalation-store.ts';
import { createLogger } from '../logging/logger.ts';
import { createSupabaseServiceClient } from '../database/supabase-client.ts';
import { SupabaseConversationStore } from '../store/supabase/supabase-conversation-store.ts';
import { startPostgrestStandin } from '../store/supabase/test-support/postgrest-standin.ts';
import { runHandoverStoreContract } from './handover-store-contract.ts';
import { SqlFunctionHandoverStore, supabaseFunctionCaller } from './sql-function-handover-store.ts';

runHandoverStoreContract('hand-over store over Supabase REST (PostgREST stand-in)', async () => {
  const database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  const serviceKey = 'handover-service-key';
  const standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  const client = createSupabaseServiceClient({ url: standin.url, serviceKey });
  return {
    handover: new SqlFunctionHandoverStore(supabaseFunctionCaller(client)),
    conversations: new SupabaseConversationStore(client),
    escalations: new SupabaseEscalationStore(client),
    close: async () => {
      await standin.close();
      await database.stop();
    },
  };
});
