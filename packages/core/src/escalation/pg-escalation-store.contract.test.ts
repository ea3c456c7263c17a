import { createLogger } from '../logging/logger.ts';
import { databaseEnginesUnderTest, describeSkippedRealPostgres } from '../testing/database-engines.ts';
import { runEscalationStoreContract } from './escalation-store-contract.ts';
import { PgEscalationStore } from './pg-escalation-store.ts';

for (const engine of await databaseEnginesUnderTest()) {
  runEscalationStoreContract(`PgEscalationStore on ${engine.name}`, async () => {
    const database = await engine.start({ logger: createLogger({ level: 'silent' }) });
    return { store: new PgEscalationStore(database.pool), close: () => database.stop() };
  });
}
await describeSkippedRealPostgres('PgEscalationStore');
