import { describe, expect, it } from 'vitest';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { offlineAnswerOf, quotedLinesOf } from '../testing/first-quoted-line.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/** The first `count` quoted lines of the offline answer, as in local mode (the 3 best documents by the lexical reranker). */
const firstQuotedLines = (message: string, count: number): string[] => quotedLinesOf(offlineAnswerOf(chunks, message, 'audrey')).slice(0, count);

/**
 * How often, asked in the widget of `pnpm start` (a probe, 2026-12-05): "à quelle fréquence envoyer ma newsletter ?" never
 * quoted "Une newsletter toutes les semaines ou tous les quinze jours suffit": its "fréquence" matched "Les causes
 * fréquentes" (spam) and the calendar guide's posting rhythm came first.
 */
describe('an offline answer to how often', () => {
  it('quotes the line giving how often among its first two', () => {
    for (const question of ['à quelle fréquence envoyer ma newsletter ?', "tous les combien j'envoie ma newsletter"]) {
      expect(firstQuotedLines(question, 2).join('\n'), question).toContain('toutes les semaines ou tous les quinze jours');
    }
  });

  it('about posting, quotes the posting rhythm first', () => {
    expect(firstQuotedLines('je dois poster combien de fois par semaine ?', 1)[0]).toContain('par semaine');
  });
});

/** "je dois poster à quelle fréquence sur insta ?" (a probe of `pnpm start`, 2026-12-05) found nothing: the guides say "publier". */
describe('how often to post, asked with the chat verb "poster"', () => {
  it('is answered from the editorial calendar guide', () => {
    // As local mode searches: the reranker reads the message with its French equivalents (retrieval/query-text.ts).
    const answer = offlineAnswerOf(chunks, 'je dois poster à quelle fréquence ?', 'carole', { searchedAsInLocalMode: true });
    expect(answer).not.toMatch(/^Je n'ai rien trouvé/);
    expect(answer).toContain('par semaine');
  });
});
