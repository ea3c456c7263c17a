import type pg from 'pg';
import { type AppConfig, type Logger, type KnowledgeStore, createLocalCapabilities, HASHING_EMBEDDER_MODEL_PREFIX } from '@lac/core';
import { ingestPaths, reembedStaleChunks } from '@lac/core/knowledge';

/**
 * On first start (no document at all), loads the team's sample French knowledge base so a
 * newcomer's first question is answered with sources. Never touches a database that has documents.
 * Each refused file is logged by name (by ingestPaths); a folder that yields no document at all
 * (missing, empty, every file refused) is a warning that says so, not "loaded".
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
  // ingestPaths has already logged each refused file by name ('knowledge file not ingested').
  if (failed.length === results.length) {
    options.logger.warn(
      {
        directory: options.knowledgeBaseDir,
        failed: failed.length,
        hint: 'every answer will say the knowledge base has nothing on its question: fix the files named above or KNOWLEDGE_BASE_DIR and start again (the folder is loaded at a start while the database has no document), or run pnpm ingest',
      },
      'no document loaded from the knowledge base folder',
    );
    return;
  }
  options.logger.info(
    { directory: options.knowledgeBaseDir, documents: results.length - failed.length, failed: failed.length },
    'sample knowledge base loaded',
  );
}

/**
 * Chunks embedded by an older version of the local hashing embedder (its features changed) are
 * re-embedded with the current one: local and instant, so `pnpm start` does it rather than leave
 * their vectors unfindable until `pnpm reembed`. Chunks of any other model (a live one) are left
 * as they are.
 */
export async function refreshOlderLocalEmbeddings(options: { pool: pg.Pool; logger: Logger }): Promise<void> {
  const { embedder } = createLocalCapabilities();
  const summary = await reembedStaleChunks({ pool: options.pool, embedder, logger: options.logger, onlyFromModelsStartingWith: HASHING_EMBEDDER_MODEL_PREFIX });
  if (summary.chunks > 0) {
    options.logger.info({ model: summary.model, documents: summary.documents, chunks: summary.chunks }, 'chunks of an older local embedder re-embedded');
  }
}
