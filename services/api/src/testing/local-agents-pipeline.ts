import {
  createCapabilities,
  createChatPipeline,
  EscalationDesk,
  HybridRetriever,
  PgEscalationStore,
  type AppConfig,
  type ChatPipeline,
  type ConversationStore,
  type Logger,
} from '@lac/core';
import type pg from 'pg';

/**
 * The real agents' pipeline in local mode (local router, embedder and answerer; hybrid retrieval on
 * the test database; cases stored without a webhook), for HTTP tests of the hand-over. `onRun` is
 * told of every run with its job id: while a person holds the conversation there must be none.
 */
export function createLocalAgentsPipeline(options: {
  pool: pg.Pool;
  conversations: ConversationStore;
  config: AppConfig;
  logger: Logger;
  onRun?: (jobId: string) => void;
}): ChatPipeline {
  const { pool, config, logger } = options;
  // createCapabilities is asynchronous and startTestApi's factory is not: each run waits for the pipeline.
  const inner = createCapabilities({ config, logger }).then((capabilities) =>
    createChatPipeline({
      embedder: capabilities.embedder,
      reranker: capabilities.reranker,
      router: capabilities.router,
      answerer: capabilities.answerer,
      retriever: new HybridRetriever(pool, { logger }),
      conversations: options.conversations,
      escalations: new EscalationDesk({ store: new PgEscalationStore(pool), queue: null, webhookUrl: undefined, logger }),
      settings: { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 },
      logger,
    }),
  );
  return {
    async run(job, hooks) {
      options.onRun?.(job.jobId);
      return (await inner).run(job, hooks);
    },
  };
}
