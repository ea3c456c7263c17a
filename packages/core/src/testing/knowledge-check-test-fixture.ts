import { afterAll, beforeAll } from 'vitest';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import type { PgStores } from '../store/create-stores.ts';
import { ingestSampleKnowledgeBase } from './ingested-sample-knowledge-base.ts';
import { createChatPipeline } from '../pipeline/chat-pipeline.ts';

/**
 * For the tests of the knowledge check before a clarification: the local capabilities, the
 * pipeline's settings and, around the calling file's tests (beforeAll / afterAll), the sample
 * knowledge base plus the documents of `extraDocumentsDir` ingested into a temporary database.
 * `stores`, `retriever` and `pipeline()` are read inside tests, once the ingestion is done.
 */
export function useKnowledgeCheckFixture(extraDocumentsDir: string) {
  const logger = createLogger({ level: 'silent' });
  const settings = { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 };
  const local = createLocalCapabilities();
  let ingested: Awaited<ReturnType<typeof ingestSampleKnowledgeBase>> | undefined;
  beforeAll(async () => {
    ingested = await ingestSampleKnowledgeBase(extraDocumentsDir, { embedder: local.embedder, logger });
  });
  afterAll(async () => ingested?.database.stop());
  const current = () => {
    if (ingested === undefined) throw new Error('the knowledge base is ingested in beforeAll: read it inside a test');
    return ingested;
  };
  return {
    logger,
    settings,
    local,
    get stores(): PgStores {
      return current().stores;
    },
    get retriever(): HybridRetriever {
      return current().retriever;
    },
    pipeline: () => createChatPipeline({ ...local, retriever: current().retriever, conversations: current().stores.conversations, settings, logger }),
  };
}
