import { createLogger } from '../logging/logger.ts';
import { databaseEnginesUnderTest, describeSkippedRealPostgres } from '../testing/database-engines.ts';
import { createPgStores } from './create-stores.ts';
import { runStoreContract } from './store-contract.ts';

for (const engine of await databaseEnginesUnderTest()) {
  runStoreContract(`pg stores on ${engine.name}`, async () => {
    const database = await engine.start({ logger: createLogger({ level: 'silent' }) });
    const stores = createPgStores(database.pool);
    return { conversations: stores.conversations, knowledge: stores.knowledge, close: () => database.stop() };
  });
}
await describeSkippedRealPostgres('pg stores');
