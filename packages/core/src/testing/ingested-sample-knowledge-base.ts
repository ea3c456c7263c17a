import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../capabilities/capabilities.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import type { Logger } from '../logging/logger.ts';
import { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { createPgStores, type PgStores } from '../store/create-stores.ts';

const sampleKnowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));

/**
 * For tests: the sample knowledge base (`knowledge-base/`) plus the documents of `extraDocumentsDir`,
 * ingested into a temporary database as `pnpm ingest` does; throws when a file is not ingested.
 */
export async function ingestSampleKnowledgeBase(
  extraDocumentsDir: string,
  options: { embedder: Embedder; logger: Logger },
): Promise<{ database: TemporaryDatabase; stores: PgStores; retriever: HybridRetriever }> {
  const database = await startTemporaryDatabase();
  const stores = createPgStores(database.pool);
  for (const dir of [sampleKnowledgeBaseDir, extraDocumentsDir]) {
    const results = await ingestPaths([dir], { store: stores.knowledge, embedder: options.embedder, logger: options.logger, baseDir: path.dirname(dir) });
    const failed = results.filter((result) => result.status === 'failed');
    if (failed.length > 0) throw new Error(`not ingested: ${JSON.stringify(failed)}`);
  }
  return { database, stores, retriever: new HybridRetriever(database.pool) };
}
