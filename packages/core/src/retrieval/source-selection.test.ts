import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { companionChunks, selectSources } from './source-selection.ts';

const chunk = (documentId: string, agentOwner: RetrievedChunk['agentOwner'], score: number): RetrievedChunk => ({
  chunkId: `${documentId}-${score}`,
  documentId,
  title: documentId,
  section: null,
  content: '',
  agentOwner,
  score,
});

// Best first, as the reranker returns them.
const candidates = [
  chunk('overview', 'shared', 0.9),
  chunk('overview', 'shared', 0.85),
  chunk('reel', 'carole', 0.8),
  chunk('stories', 'carole', 0.7),
  chunk('newsletter', 'audrey', 0.5),
  chunk('unrelated', 'audrey', 0.1),
];
const documents = (chunks: RetrievedChunk[]) => chunks.map((selected) => selected.documentId);

describe('selectSources', () => {
  it('keeps the best chunk of each of the best documents, the chosen agent preferred', () => {
    expect(documents(selectSources(candidates, { agent: 'carole', limit: 3 }))).toEqual(['overview', 'reel', 'stories']);
    expect(selectSources(candidates, { agent: 'carole', limit: 3 })[0]!.score).toBe(0.9);
  });

  it('gives a place to the best document of each agent the question names, best first', () => {
    expect(documents(selectSources(candidates, { agent: 'carole', limit: 3, agentsNamed: ['audrey', 'carole'] }))).toEqual([
      'overview',
      'reel',
      'newsletter',
    ]);
    // Already there: nothing changes.
    expect(documents(selectSources(candidates, { agent: 'carole', limit: 3, agentsNamed: ['carole'] }))).toEqual(['overview', 'reel', 'stories']);
  });

  it('does not reserve a place for a document far below the best, nor take the best source’s place', () => {
    const weak = [chunk('overview', 'shared', 0.9), chunk('reel', 'carole', 0.8), chunk('unrelated', 'audrey', 0.1)];
    expect(documents(selectSources(weak, { agent: 'carole', limit: 2, agentsNamed: ['audrey', 'carole'] }))).toEqual(['overview', 'reel']);
    expect(documents(selectSources(candidates, { agent: 'carole', limit: 1, agentsNamed: ['audrey'] }))).toEqual(['overview']);
  });
});

describe('companionChunks', () => {
  it('gives the other chunks of the sources’ documents in ranked order, at most so many a document, never a source', () => {
    const ranked = [
      chunk('overview', 'shared', 0.9),
      chunk('reel', 'carole', 0.85),
      chunk('overview', 'shared', 0.8),
      chunk('unrelated', 'audrey', 0.75),
      chunk('overview', 'shared', 0.7),
      chunk('overview', 'shared', 0.6),
      chunk('reel', 'carole', 0.5),
    ];
    const sources = [ranked[0]!, ranked[1]!];
    expect(companionChunks(ranked, sources, 2).map((companion) => companion.chunkId)).toEqual(['overview-0.8', 'overview-0.7', 'reel-0.5']);
    expect(companionChunks(ranked, sources, 0)).toEqual([]);
  });
});
