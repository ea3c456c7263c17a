import { type AppConfig, type Logger, type KnowledgeStore, createLocalCapabilities } from '@lac/core';
import { ingestPaths } from '@lac/core/knowledge';

/**
 * On first start (no document at all), loads the team's sample French knowledge base so a
 * newcomer's first question is answered with sources. Never touches a database that has documents.
 * The store is the Postgres one (DATABASE_URL or embedded) or the Supabase REST one (see openStores).
 */
export async function seedKnowledgeBaseIfEmpty(options: {
  knowledge: KnowledgeStore;
  config: AppConfig;
  logger: Logger;
  knowledgeBaseDir: string;
}): Promise<void> {
  const { knowledge } = options;
  const existing = await knowledge.countDocuments();
  if (existing > 0) {
    options.logger.info({ documents: existing }, 'knowledge base already loaded');
    return;
  }
  const { embedder } = createLocalCapabilities();
  const results = await ingestPaths([options.knowledgeBaseDir], { store: knowledge, embedder, logger: options.logger });
  const failed = results.filter((result) => result.status === 'failed');
  options.logger.info(
    { directory: options.knowledgeBaseDir, documents: results.length - failed.length, failed: failed.length },
    'sample knowledge base loaded',
  );
  for (const failure of failed) options.logger.warn({ file: failure.file, error: failure.error }, 'document not loaded');
}
