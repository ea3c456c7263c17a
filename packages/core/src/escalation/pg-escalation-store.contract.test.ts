import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { createLogger } from '../logging/logger.ts';
import { runEscalationStoreContract } from './escalation-store-contract.ts';
import { PgEscalationStore } from './pg-escalation-store.ts';

runEscalationStoreContract('PgEscalationStore on PGlite', async () => {
  const database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
  return { store: new PgEscalationStore(database.pool), close: () => database.stop() };
});
