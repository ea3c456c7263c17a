import { OTHER_AGENT_DOCUMENT_WEIGHT, type RetrievedChunk } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';

/**
 * How the agent's sources are chosen from the reranked candidates:
 *
 * - preference, not filter: a chunk of the other agent's document counts `otherAgentWeight` times
 *   its relevance when ordering (the chosen agent's documents and shared ones count fully), so a
 *   misrouted question still gets its document and a question crossing both fields gets both;
 * - sources by document: the best chunk of each document (it carries the document's best score),
 *   at most `limit` distinct documents, best first. An answer cites each document once, however
 *   many of its chunks the reranker liked; a copy of a cited document (the same chunk text) gets no
 *   place of its own (bestChunkPerDocument).
 *
 * - a question that crosses both fields ("mon Reel a bien marché, comment envoyer automatiquement ces
 *   personnes vers ma newsletter ?") names `agentsNamed`: each named agent's best document gets a
 *   place (the weakest unreserved place gives way), when it scores at least
 *   MIN_RELATIVE_SCORE_OF_A_NAMED_AGENT of the best source, so that the answer draws on both.
 *
 * Scores stay the reranker's (the weight only orders).
 */

export interface SourceSelection {
  agent: AgentName;
  limit: number;
  otherAgentWeight?: number;
  /** Agents the question itself names a topic of (keyword-router.ts `agentsNamedBy`); default none. */
  agentsNamed?: readonly AgentName[];
}

/** A named agent's best document below this fraction of the best source's score gets no reserved place. */
export const MIN_RELATIVE_SCORE_OF_A_NAMED_AGENT = 0.25;

const isPreferred = (chunk: RetrievedChunk, agent: AgentName) => chunk.agentOwner === agent || chunk.agentOwner === 'shared';

/** A chunk's text as compared between documents: a copy saved with other line endings or spacing is the same text. */
const comparableText = (chunk: RetrievedChunk) => chunk.content.replace(/\s+/g, ' ').trim();

/**
 * The best chunk of each document, best first, at most `limit` documents. A chunk whose text is one
 * of a chosen document's candidate chunks is no source of its own: one file ingested under two
 * paths (a copy in a sub-folder, "guide (1).md") is two documents with the same chunks, and took
 * two of the three places with one passage. A document that only shares a paragraph with a chosen
 * one (a footer) comes in by its next, different chunk.
 */
export function bestChunkPerDocument(chunks: readonly RetrievedChunk[], limit: number): RetrievedChunk[] {
  const textsByDocument = new Map<string, string[]>();
  for (const chunk of chunks) textsByDocument.set(chunk.documentId, [...(textsByDocument.get(chunk.documentId) ?? []), comparableText(chunk)]);
  const seen = new Set<string>();
  const citedTexts = new Set<string>();
  const distinct: RetrievedChunk[] = [];
  for (const chunk of chunks) {
    if (distinct.length >= limit) break;
    if (seen.has(chunk.documentId)) continue;
    const text = comparableText(chunk);
    if (text !== '' && citedTexts.has(text)) continue;
    seen.add(chunk.documentId);
    distinct.push(chunk);
    for (const cited of textsByDocument.get(chunk.documentId) ?? []) if (cited !== '') citedTexts.add(cited);
  }
  return distinct;
}

/** Orders best-first chunks by weighted relevance (stable), then keeps the best chunk of each of the best `limit` documents. */
export function selectSources(chunks: readonly RetrievedChunk[], selection: SourceSelection): RetrievedChunk[] {
  const weight = selection.otherAgentWeight ?? OTHER_AGENT_DOCUMENT_WEIGHT;
  const ordered = chunks
    .map((chunk, index) => ({ chunk, index, weighted: chunk.score * (isPreferred(chunk, selection.agent) ? 1 : weight) }))
    .sort((left, right) => right.weighted - left.weighted || left.index - right.index)
    .map(({ chunk }) => chunk);
  const limit = Math.max(0, Math.floor(selection.limit));
  const chosen = bestChunkPerDocument(ordered, limit);
  const bestScore = ordered[0]?.score ?? 0;
  const reserved = new Set<RetrievedChunk>();
  for (const agent of selection.agentsNamed ?? []) {
    const best = ordered.find((chunk) => chunk.agentOwner === agent);
    if (best === undefined || best.score < MIN_RELATIVE_SCORE_OF_A_NAMED_AGENT * bestScore) continue;
    const already = chosen.find((chunk) => chunk.documentId === best.documentId);
    if (already !== undefined) {
      reserved.add(already);
      continue;
    }
    let givingWay = chosen.length - 1;
    while (givingWay >= 0 && reserved.has(chosen[givingWay]!)) givingWay -= 1;
    if (givingWay <= 0 && chosen.length >= limit) continue; // never the best source
    if (chosen.length >= limit) chosen.splice(givingWay, 1);
    chosen.push(best);
    reserved.add(best);
  }
  return chosen.sort((left, right) => ordered.indexOf(left) - ordered.indexOf(right));
}

/**
 * The chunks of the sources' documents that are not the sources themselves, in `ranked`'s order, at
 * most `perDocument` a document: the rest of what a cited document says about the question (its
 * best chunk may be its introduction, and the numbers in a later section).
 */
export function companionChunks(ranked: readonly RetrievedChunk[], sources: readonly RetrievedChunk[], perDocument: number): RetrievedChunk[] {
  const taken = new Map(sources.map((source) => [source.documentId, 0]));
  const sourceIds = new Set(sources.map((source) => source.chunkId));
  const companions: RetrievedChunk[] = [];
  for (const chunk of ranked) {
    const count = taken.get(chunk.documentId);
    if (count === undefined || count >= perDocument || sourceIds.has(chunk.chunkId)) continue;
    taken.set(chunk.documentId, count + 1);
    companions.push(chunk);
  }
  return companions;
}
