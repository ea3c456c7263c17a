import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf, offlineAnswerOf, offlineSourcesOf, quotedLinesOf } from '../testing/first-quoted-line.ts';
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
  it('are the Reel guide and its length', () => {
    const message = 'how long should a reel be?';
    expect(offlineSourcesOf(chunks, message, { searchedAsInLocalMode: true })[0]!.title).toMatch(/Reel/);
    expect(quotedLinesOf(offlineAnswerOf(chunks, message, 'carole', { searchedAsInLocalMode: true }))[0]).toContain('Vise 15 à 30 secondes');
  });
});
