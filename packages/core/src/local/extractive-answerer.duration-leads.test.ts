import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts), from the sample knowledge base. */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/**
 * How long something lasts, asked in the widget of `pnpm start` (a probe, 2026-12-05): the access page's "Durée d'accès"
 * came first for "quelle durée pour un reel" and quoted "Les replays… 12 mois", "combien de secondes" was a count of
 * seconds, "la durée idéale" matched "ta cliente idéale".
 */
describe('the lead of an offline answer to how long something lasts', () => {
  it('is the length the guide gives, not another page whose heading says "durée"', () => {
    for (const question of ['Combien de temps doit durer un Reel ?', 'quelle durée pour un reel', 'un reel doit faire combien de secondes ?']) {
      expect(firstQuotedLine(question, 'carole'), question).toBe('💡 Vise 15 à 30 secondes.');
    }
  });

  it('is the length of the thing asked when the question calls it ideal', () => {
    expect(firstQuotedLine("c'est quoi la durée idéale d'un webinaire ?", 'audrey')).toContain('45 à 60 minutes');
  });

  it('still finds the page about durations when the duration of that thing is asked', () => {
    expect(firstQuotedLine("Quelle est la durée d'accès aux replays ?", 'audrey')).toContain('12 mois');
  });
});

/**
 * "how long should a reel be?" (a probe of `pnpm start`, 2026-12-05) quoted "Les replays des ateliers collectifs restent
 * disponibles 12 mois": its English "how long" was searched as "long durée longueur", and "durée" found the access page's
 * "Durée d'accès" first, the reranker not knowing a length of time was asked.
 */
describe('the sources and the lead of an offline answer to "how long" in English', () => {
  it('are the Reel guide and its length', async () => {
    const { lexicalScores, LEXICAL_RERANKER_MODEL } = await import('./lexical-reranker.ts');
    const { queryTextForModel } = await import('../retrieval/query-text.ts');
    const { bestChunkPerDocument } = await import('../retrieval/source-selection.ts');
    const { buildExtractiveAnswer } = await import('./extractive-answerer.ts');
    const message = 'how long should a reel be?';
    const scores = lexicalScores(queryTextForModel(LEXICAL_RERANKER_MODEL, message), chunks);
    const sources = bestChunkPerDocument(chunks.map((chunk, index) => ({ ...chunk, score: scores[index]! })).sort((left, right) => right.score - left.score), 3);
    expect(sources[0]!.title).toMatch(/Reel/);
    const companions = chunks.filter((chunk) => sources.some((source) => source.documentId === chunk.documentId && source.chunkId !== chunk.chunkId));
    expect(buildExtractiveAnswer({ agent: 'carole', message, sources, companions }).split('\n').find((line) => line.startsWith('💡'))).toContain('Vise 15 à 30 secondes');
  });
});
