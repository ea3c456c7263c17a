import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from '../local/extractive-answerer.ts';
import { LEXICAL_RERANKER_MODEL, lexicalScores } from '../local/lexical-reranker.ts';
import { queryTextForModel } from '../retrieval/query-text.ts';
import { bestChunkPerDocument } from '../retrieval/source-selection.ts';

export interface OfflineSearchOptions {
  /**
   * Rank the chunks as local mode's reranker does, the message read with its French equivalents (retrieval/query-text.ts:
   * what an English question needs); without it, as written (the lead tests of the blind rounds' knowledge bases).
   */
  searchedAsInLocalMode?: boolean;
}

/** The best chunk of the 3 best documents of `chunks` for `message` by the lexical reranker. */
export function offlineSourcesOf(chunks: RetrievedChunk[], message: string, options: OfflineSearchOptions = {}): RetrievedChunk[] {
  const scores = lexicalScores(options.searchedAsInLocalMode ? queryTextForModel(LEXICAL_RERANKER_MODEL, message) : message, chunks);
  return bestChunkPerDocument(chunks.map((chunk, index) => ({ ...chunk, score: scores[index]! })).sort((left, right) => right.score - left.score), 3);
}

/** The offline answer to `message`, as in local mode: offlineSourcesOf, their documents' other chunks as companions. */
export function offlineAnswerOf(chunks: RetrievedChunk[], message: string, agent: 'audrey' | 'carole', options: OfflineSearchOptions = {}): string {
  const sources = offlineSourcesOf(chunks, message, options);
  const companions = chunks.filter((chunk) => sources.some((source) => source.documentId === chunk.documentId && source.chunkId !== chunk.chunkId));
  return buildExtractiveAnswer({ agent, message, sources, companions });
}

/** The lines an offline answer quotes (steps, bullets, ideas), in order. */
export const quotedLinesOf = (answer: string): string[] => answer.split('\n').filter((line) => /^(?:\d+\. |• |💡 )/u.test(line));

/** The first quoted line of the offline answer to `message` (offlineAnswerOf). */
export function firstQuotedLineOf(chunks: RetrievedChunk[], message: string, agent: 'audrey' | 'carole'): string {
  return quotedLinesOf(offlineAnswerOf(chunks, message, agent))[0] ?? '';
}
