import { PgEscalationStore } from '../escalation/pg-escalation-store.ts';
import { createLogger } from '../logging/logger.ts';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { databaseEnginesUnderTest, describeSkippedRealPostgres } from '../testing/database-engines.ts';
import { runHandoverStoreContract } from './handover-store-contract.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';

for (const engine of await databaseEnginesUnderTest()) {
  runHandoverStoreContract(`hand-over store over pg on ${engine.name}`, async () => {
    const database = await engine.start({ logger: createLogger({ level: 'silent' }) });
    return {
      handover: new SqlFunctionHandoverStore(pgFunctionCaller(database.pool)),
      conversations: new PgConversationStore(database.pool),
      escalations: new PgEscalationStore(database.pool),
      close: () => database.stop(),
    };
  });
}
await describeSkippedRealPostgres('hand-over store over pg');
