import type { RetrievedChunk } from '../capabilities/capabilities.ts';

/**
 * A retrieved chunk for the offline answerer's and the knowledge check's tests: the fields given,
 * the rest defaulted (a shared document, score 0.5, no section); ids follow from the document id.
 */
export function retrievedChunk(fields: Pick<RetrievedChunk, 'title' | 'content'> & Partial<RetrievedChunk>): RetrievedChunk {
  const documentId = fields.documentId ?? `doc-${fields.title}`;
  return {
    chunkId: `${documentId}-${fields.chunkIndex ?? 0}`,
    documentId,
    section: null,
    agentOwner: 'shared',
    score: 0.5,
    ...fields,
  };
}
