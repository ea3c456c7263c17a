import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { PgEscalationStore } from '../escalation/pg-escalation-store.ts';
import { createLogger } from '../logging/logger.ts';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { runHandoverStoreContract } from './handover-store-contract.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';

runHandoverStoreContract('hand-over store over pg (PGlite)', async () => {
  const database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  return {
    handover: new SqlFunctionHandoverStore(pgFunctionCaller(database.pool)),
    conversations: new PgConversationStore(database.pool),
    escalations: new PgEscalationStore(database.pool),
    close: () => database.stop(),
  };
});
