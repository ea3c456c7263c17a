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
 *   many of its chunks the reranker liked.
 *
 * Scores stay the reranker's (the weight only orders).
 */

export interface SourceSelection {
  agent: AgentName;
  limit: number;
  otherAgentWeight?: number;
}

const isPreferred = (chunk: RetrievedChunk, agent: AgentName) => chunk.agentOwner === agent || chunk.agentOwner === 'shared';

export function bestChunkPerDocument(chunks: readonly RetrievedChunk[], limit: number): RetrievedChunk[] {
  const seen = new Set<string>();
  const distinct: RetrievedChunk[] = [];
  for (const chunk of chunks) {
    if (distinct.length >= limit) break;
    if (seen.has(chunk.documentId)) continue;
    seen.add(chunk.documentId);
    distinct.push(chunk);
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
  return bestChunkPerDocument(ordered, Math.max(0, Math.floor(selection.limit)));
}
