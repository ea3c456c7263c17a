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

describe('selectSources with the same text in two documents', () => {
  const written = (documentId: string, title: string, content: string, score: number): RetrievedChunk => ({ ...chunk(documentId, 'shared', score), title, content });
  const space = 'Une poule pondeuse a besoin d’au moins 10 m² de parcours herbeux.';
  const moult = 'La mue vient en automne : les poules pondent moins.';

  it('cites a copy of a cited document no more (one file ingested under two paths): its place goes to the next document', () => {
    const copies = [
      written('poules', 'Élever des poules', space, 0.9),
      written('copie-poules', 'Élever des poules', `${space}\n`, 0.9),
      written('poules', 'Élever des poules', moult, 0.6),
      written('copie-poules', 'Élever des poules', moult, 0.6),
      written('grit', 'Le grit', 'Du grit calcaire pour les coquilles.', 0.4),
      written('perchoirs', 'Les perchoirs', 'Un perchoir de 20 cm par poule.', 0.3),
    ];
    expect(documents(selectSources(copies, { agent: 'audrey', limit: 3 }))).toEqual(['poules', 'grit', 'perchoirs']);
  });

  it('keeps a document that only shares a paragraph with a cited one, by its own next chunk', () => {
    const footer = 'Une question ? Écris-nous à bonjour@exemple.fr.';
    const shared = [
      written('poules', 'Élever des poules', footer, 0.9),
      written('ruches', 'Installer une ruche', footer, 0.9),
      written('ruches', 'Installer une ruche', 'La ruche se place face au sud-est.', 0.7),
      written('grit', 'Le grit', 'Du grit calcaire pour les coquilles.', 0.4),
    ];
    const sources = selectSources(shared, { agent: 'audrey', limit: 3 });
    expect(sources.map((source) => source.content)).toEqual([footer, 'La ruche se place face au sud-est.', 'Du grit calcaire pour les coquilles.']);
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
