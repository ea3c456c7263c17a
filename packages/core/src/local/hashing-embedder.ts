import { zeroUsage, type Embedder, type EmbeddingResult } from '../capabilities/capabilities.ts';
import { frenchStopWords, stemFrench, tokenizeFrench } from '../french-text/french-text.ts';

/**
 * Offline, deterministic embedder: signed feature hashing of French text
 * features into the same 1536 dimensions as OpenAI's text-embedding-3-small.
 *
 * Features of a text (stop words removed, accents folded):
 * - stemmed word unigrams (weight 1.0),
 * - stemmed word bigrams (weight 0.6),
 * - character n-grams of 3 to 5 letters of each word, with boundary marks
 *   (weight 0.35 shared across the word's n-grams), which catch spelling and
 *   inflection variants the stemmer misses ("délivrés" / "délivrabilité").
 * Counts are damped (1 + ln tf), each feature lands on one dimension chosen by
 * FNV-1a with a sign from another bit of the hash, and the vector is L2-normalised.
 * A text without content words embeds to the zero vector.
 */

/**
 * The model name stored with every chunk it embeds. Its version changes with the features
 * (v2: the stemmer's verb plurals, -eaux, -iés and final y; v3: words kept apart from another
 * word's stem, such as "prix" / "pris" and "données" / "donne", and the noun "son", 2026-12; v4: word
 * families joined, "hébergeur" / "hébergement", "inscris" / "inscription", "réponse" / "répondre"). Chunks of an older version
 * are re-embedded by `pnpm start` (local and instant) or `pnpm reembed`.
 */
export const HASHING_EMBEDDER_MODEL = 'local-hashing-v4';
/** Every version of the local hashing embedder's model name starts with this. */
export const HASHING_EMBEDDER_MODEL_PREFIX = 'local-hashing-';
export const HASHING_EMBEDDER_DIMENSIONS = 1536;

/**
 * Recommended minimum cosine similarity for retrieval with this embedder.
 * OpenAI vectors of related French texts score around 0.3–0.6 and the product's
 * default RAG_SIMILARITY_THRESHOLD (0.7) is calibrated for them; hashed sparse
 * features score much lower: on the sample knowledge base the best chunk for an
 * on-topic question scores 0.11–0.50, for an off-topic one ("meilleur restaurant
 * de Lyon ?") below 0.09. The chat pipeline uses this floor instead of
 * RAG_SIMILARITY_THRESHOLD whenever the query was embedded by this model
 * (settings.localSimilarityThreshold overrides it).
 */
export const localSimilarityFloor = 0.1;

const UNIGRAM_WEIGHT = 1.0;
const BIGRAM_WEIGHT = 0.6;
const CHARACTER_NGRAM_WEIGHT = 0.35;
const CHARACTER_NGRAM_SIZES = [3, 4, 5] as const;

/** 32-bit FNV-1a over the UTF-16 code units of a string. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Weighted features of a text, before hashing (exported for tests and diagnostics). */
export function extractHashingFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);

  const words = tokenizeFrench(text).filter((word) => !frenchStopWords.has(word));
  const stems = words.map(stemFrench);
  for (const stem of stems) add(`w:${stem}`, 1);
  for (let index = 1; index < stems.length; index += 1) add(`b:${stems[index - 1]}_${stems[index]}`, 1);

  const characterCounts = new Map<string, number>();
  for (const word of words) {
    const marked = `<${word}>`;
    const grams: string[] = [];
    for (const size of CHARACTER_NGRAM_SIZES) {
      for (let start = 0; start + size <= marked.length; start += 1) grams.push(marked.slice(start, start + size));
    }
    // Each word spreads one unit of weight over its n-grams, so long words do not dominate.
    for (const gram of grams) characterCounts.set(`c:${gram}`, (characterCounts.get(`c:${gram}`) ?? 0) + 1 / grams.length);
  }

  const weighted = new Map<string, number>();
  for (const [feature, count] of counts) {
    const groupWeight = feature.startsWith('w:') ? UNIGRAM_WEIGHT : BIGRAM_WEIGHT;
    weighted.set(feature, groupWeight * (1 + Math.log(count)));
  }
  for (const [feature, mass] of characterCounts) {
    // Sublinear in the accumulated mass, scaled so one occurrence in a short word weighs about the group weight.
    weighted.set(feature, CHARACTER_NGRAM_WEIGHT * Math.log1p(mass * 6));
  }
  return weighted;
}

/** Embeds one text: hashed, signed, L2-normalised. */
export function hashingEmbed(text: string, dimensions = HASHING_EMBEDDER_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  for (const [feature, weight] of extractHashingFeatures(text)) {
    const hash = fnv1a32(feature);
    const sign = (hash & 1) === 0 ? 1 : -1;
    vector[(hash >>> 1) % dimensions]! += sign * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  const result = new Array<number>(dimensions);
  for (let index = 0; index < dimensions; index += 1) result[index] = norm === 0 ? 0 : vector[index]! / norm;
  return result;
}

/** Cosine similarity of two vectors (0 when either is the zero vector). */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const a = left[index]!;
    const b = right[index]!;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

export class HashingEmbedder implements Embedder {
  readonly model = HASHING_EMBEDDER_MODEL;
  readonly dimensions = HASHING_EMBEDDER_DIMENSIONS;

  async embed(texts: string[], signal?: AbortSignal): Promise<EmbeddingResult> {
    signal?.throwIfAborted();
    const vectors: number[][] = [];
    for (const text of texts) {
      signal?.throwIfAborted();
      vectors.push(hashingEmbed(text, this.dimensions));
    }
    return { vectors, usage: zeroUsage() };
  }
}
