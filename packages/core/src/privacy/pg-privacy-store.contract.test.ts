import { PgEscalationStore } from '../escalation/pg-escalation-store.ts';
import { createLogger } from '../logging/logger.ts';
import { runPrivacyStoreContract, storeConversationOfBeforeTokens } from './privacy-store-contract.ts';
import { databaseEnginesUnderTest, describeSkippedRealPostgres } from '../testing/database-engines.ts';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { PgPrivacyStore } from './pg-privacy-store.ts';

for (const engine of await databaseEnginesUnderTest()) {
  runPrivacyStoreContract(`PgPrivacyStore on ${engine.name}`, async () => {
    const database = await engine.start({ logger: createLogger({ level: 'silent' }) });
    return {
      privacy: new PgPrivacyStore(database.pool),
      conversations: new PgConversationStore(database.pool),
      escalations: new PgEscalationStore(database.pool),
      storeConversationOfBeforeTokens: (conversationId, userId) => storeConversationOfBeforeTokens(database.pool, conversationId, userId),
      close: () => database.stop(),
    };
  });
}
await describeSkippedRealPostgres('PgPrivacyStore');
