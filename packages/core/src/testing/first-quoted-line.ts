import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from '../local/extractive-answerer.ts';
import { lexicalScores } from '../local/lexical-reranker.ts';
import { bestChunkPerDocument } from '../retrieval/source-selection.ts';

/**
 * The first quoted line of an offline answer to `message`, as in local mode: the best chunk of the 3
 * best documents of `chunks` by the lexical reranker, their other chunks as companions (the lead
 * tests of the blind rounds' knowledge bases).
 */
export function firstQuotedLineOf(chunks: RetrievedChunk[], message: string, agent: 'audrey' | 'carole'): string {
  const scores = lexicalScores(message, chunks);
  const sources = bestChunkPerDocument(chunks.map((chunk, index) => ({ ...chunk, score: scores[index]! })).sort((left, right) => right.score - left.score), 3);
  const companions = chunks.filter((chunk) => sources.some((source) => source.documentId === chunk.documentId && source.chunkId !== chunk.chunkId));
  const text = buildExtractiveAnswer({ agent, message, sources, companions });
  return text.split('\n').find((line) => /^(?:\d+\. |• |💡 )/u.test(line)) ?? '';
}
