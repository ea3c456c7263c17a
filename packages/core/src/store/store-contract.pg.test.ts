import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { createLogger } from '../logging/logger.ts';
import { createPgStores } from './create-stores.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('pg stores on PGlite', async () => {
  const database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  const stores = createPgStores(database.pool);
  return { conversations: stores.conversations, knowledge: stores.knowledge, close: () => database.stop() };
});
