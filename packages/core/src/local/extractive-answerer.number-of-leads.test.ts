import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/**
 * A count asked as "quel nombre (idéal) de…" (a review of round 20's changes): once "idéal" after the amount was framing,
 * "quel nombre idéal de hashtags ?" led with the sales page's "Mesure simplement : nombre de visites…, nombre d'achats",
 * its "nombre" the heaviest word left; at 670dd20 it led with a line on which hashtags to mix.
 */
describe('the lead of an offline answer to "quel nombre de…"', () => {
  it('is the line stating the count, as for "combien de"', () => {
    for (const question of ['quel nombre idéal de hashtags ?', 'le nombre conseillé de hashtags par post ?', 'combien de hashtags idéal par post ?']) {
      expect(firstQuotedLineOf(chunks, question, 'carole'), question).toBe('💡 Utilise entre 3 et 10 hashtags vraiment liés au sujet de la publication.');
    }
  });
});
