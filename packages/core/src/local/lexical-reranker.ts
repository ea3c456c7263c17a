import { zeroUsage, type RerankResult, type Reranker, type RetrievedChunk } from '../capabilities/capabilities.ts';
import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';
import { DURATION_WORDS, quantityAskedBy } from './quantity-question.ts';

/**
 * Offline reranker: BM25 over the candidate chunks (title + section + content),
 * with query and chunk words stemmed and accents folded. Title and section
 * words count extra (TITLE_BOOST). Inverse document frequencies come from the
 * candidate set itself (the BM25+ form, always positive).
 *
 * The BM25 score is normalised to [0, 1] by the best score a chunk could reach
 * (every query term saturated), so it reads as "how much of the question this
 * chunk covers"; the final score blends it with the retrieval order
 * (RETRIEVAL_SCORE_WEIGHT, RETRIEVAL_SCORE_FLOOR). Ties keep the retrieval order (stable sort).
 * The question's framing ("Je veux…", "combien de temps") is not matched
 * (french-text/question-words.ts). Of a question asking how long, the words of time ("durée",
 * "minutes", "long") count in a chunk only beside one of its other words that some candidate
 * holds: "Durée d'accès aux contenus" is not about "quelle durée pour un reel" (quantity-question.ts,
 * DURATION_WORDS).
 */

export const LEXICAL_RERANKER_MODEL = 'local-lexical-v1';

const K1 = 1.2;
const B = 0.75;
/** A title or section word counts as this many occurrences of a body word. */
const TITLE_BOOST = 2.5;
/**
 * How much the retrieval score (relative to the best candidate's, r) counts:
 * final = (bm25 × (1 − w + w × r) + floor × r) / (1 + floor), in [0, 1]. The hybrid retriever's vector and title evidence is
 * not thrown away by a reranker that only sees words. The floor is what a chunk keeps of the
 * retriever's confidence when the question's words are weak everywhere (BM25 0.01–0.2 for every
 * candidate): one stray shared word elsewhere ("réglement" against "règles", "format" against
 * "format A4") no longer beats the retriever's confident first (docs/retrieval.md has the figures).
 * A candidate sharing no word with the question scores at most 0.1 / 1.1.
 */
const RETRIEVAL_SCORE_WEIGHT = 0.3;
const RETRIEVAL_SCORE_FLOOR = 0.1;

const NO_WORDS: ReadonlySet<string> = new Set();

interface ChunkTerms {
  frequencies: Map<string, number>;
  length: number;
}

function termsOfChunk(chunk: RetrievedChunk): ChunkTerms {
  const frequencies = new Map<string, number>();
  const heading = contentStems(`${chunk.title} ${chunk.section ?? ''}`);
  const body = contentStems(chunk.content);
  for (const stem of heading) frequencies.set(stem, (frequencies.get(stem) ?? 0) + TITLE_BOOST);
  for (const stem of body) frequencies.set(stem, (frequencies.get(stem) ?? 0) + 1);
  return { frequencies, length: heading.length * TITLE_BOOST + body.length };
}

/** BM25 relevance of each chunk to the query, in [0, 1], in input order. */
export function lexicalScores(query: string, chunks: readonly RetrievedChunk[]): number[] {
  const queryTerms = [...new Set(questionTopicStems(query))];
  if (queryTerms.length === 0 || chunks.length === 0) return chunks.map(() => 0);
  const chunkTerms = chunks.map(termsOfChunk);
  const averageLength = chunkTerms.reduce((sum, terms) => sum + terms.length, 0) / chunkTerms.length || 1;
  const count = chunkTerms.length;
  const inverseFrequency = new Map<string, number>();
  for (const term of queryTerms) {
    const containing = chunkTerms.filter((terms) => terms.frequencies.has(term)).length;
    inverseFrequency.set(term, Math.log(1 + (count - containing + 0.5) / (containing + 0.5)));
  }
  const bestPossible = queryTerms.reduce((sum, term) => sum + inverseFrequency.get(term)! * (K1 + 1), 0);
  const wordsOfTime = quantityAskedBy(query)?.kind === 'duration' ? DURATION_WORDS : NO_WORDS;
  // The question's other words that some candidate holds ("giveaway" only in a document's tags: no chunk tells it apart).
  const subjectTerms = queryTerms.filter((term) => !wordsOfTime.has(term) && chunkTerms.some((terms) => terms.frequencies.has(term)));
  return chunkTerms.map((terms) => {
    let score = 0;
    const aboutTheSubject = subjectTerms.length === 0 || subjectTerms.some((term) => terms.frequencies.has(term));
    for (const term of queryTerms) {
      if (!aboutTheSubject && wordsOfTime.has(term)) continue;
      const frequency = terms.frequencies.get(term) ?? 0;
      if (frequency === 0) continue;
      const lengthNorm = K1 * (1 - B + (B * terms.length) / averageLength);
      score += inverseFrequency.get(term)! * ((frequency * (K1 + 1)) / (frequency + lengthNorm));
    }
    return bestPossible === 0 ? 0 : Math.min(1, score / bestPossible);
  });
}

export class LexicalReranker implements Reranker {
  readonly model = LEXICAL_RERANKER_MODEL;

  async rerank(query: string, chunks: RetrievedChunk[], topN: number, signal?: AbortSignal): Promise<RerankResult> {
    signal?.throwIfAborted();
    const lexical = lexicalScores(query, chunks);
    const bestRetrievalScore = Math.max(0, ...chunks.map((chunk) => chunk.score));
    const scores = lexical.map((score, index) => {
      const retrieval = bestRetrievalScore > 0 ? Math.max(0, chunks[index]!.score) / bestRetrievalScore : 1;
      return (score * (1 - RETRIEVAL_SCORE_WEIGHT + RETRIEVAL_SCORE_WEIGHT * retrieval) + RETRIEVAL_SCORE_FLOOR * retrieval) / (1 + RETRIEVAL_SCORE_FLOOR);
    });
    const ranked = chunks
      .map((chunk, index) => ({ chunk, index, score: scores[index]! }))
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .slice(0, Math.max(0, topN))
      .map(({ chunk, score }) => ({ ...chunk, score }));
    return { chunks: ranked, usage: zeroUsage(), model: this.model };
  }
}
