import type { Answerer, Embedder, Reranker, Router } from '../capabilities/capabilities.ts';
import { ExtractiveAnswerer } from './extractive-answerer.ts';
import { HashingEmbedder } from './hashing-embedder.ts';
import { KeywordRouter } from './keyword-router.ts';
import { LexicalReranker } from './lexical-reranker.ts';

/**
 * The offline, deterministic components of local mode (docs/properties.md, modes):
 * no API key, no network, no cost. Also the last-resort fallback in live mode.
 */
export interface LocalCapabilities {
  embedder: Embedder;
  reranker: Reranker;
  router: Router;
  answerer: Answerer;
}

export function createLocalCapabilities(): LocalCapabilities {
  return {
    embedder: new HashingEmbedder(),
    reranker: new LexicalReranker(),
    router: new KeywordRouter(),
    answerer: new ExtractiveAnswerer(),
  };
}

export { ExtractiveAnswerer, EXTRACTIVE_ANSWERER_MODEL, buildExtractiveAnswer, splitIntoDeltas } from './extractive-answerer.ts';
export {
  HashingEmbedder,
  HASHING_EMBEDDER_MODEL,
  HASHING_EMBEDDER_MODEL_PREFIX,
  HASHING_EMBEDDER_DIMENSIONS,
  localSimilarityFloor,
  hashingEmbed,
  cosineSimilarity,
} from './hashing-embedder.ts';
export { KeywordRouter, KEYWORD_ROUTER_MODEL, scoreMessage } from './keyword-router.ts';
export { LexicalReranker, LEXICAL_RERANKER_MODEL, lexicalScores } from './lexical-reranker.ts';
export type { EscalationCategory } from './routing-keywords.ts';
