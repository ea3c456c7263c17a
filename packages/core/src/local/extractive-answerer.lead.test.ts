import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-13/kb/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts). */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/**
 * Blind round 13: the answer's first sentence answers. The passage that best answers leads, the
 * others follow in their document's order (a document's introduction or an earlier section opened
 * most answers); a better-scored line of a lower-ranked document does not lead.
 */
describe('the lead of an offline answer (blind round 13 knowledge base)', () => {
  it.each([
    ['Salut ! Sur mes vidéos face caméra j\'ai toujours le visage tout sombre alors que je filme devant ma fenêtre, je fais quoi de travers ?', 'carole', 'Place-toi face à une fenêtre'],
    ['Hello Audrey ! Quick one : dans Kit, how do I tag people who click a link in my email ? Merci !!', 'audrey', 'taguer au clic'],
    ['comment faire pour que les gens qui mettent un petit budget dans mon formulaire tally tombent sur une autre page que celle pour réserver un appel', 'audrey', 'logique conditionnelle'],
  ] as const)('is the line that answers: %s', (message, agent, expected) => {
    expect(firstQuotedLine(message, agent)).toContain(expected);
  });

  it('comes from the best document: a better-scored line of a lower-ranked document does not open the answer', () => {
    const message =
      'Je vous explique : je suis sophrologue en Suisse, je fais des lives tous les mardis toute seule et ça tourne un peu en rond. ' +
      "J'aimerais inviter d'autres praticiennes pour toucher leur communauté. Comment je m'organise pour que ça soit pas le bazar le jour même ?";
    expect(firstQuotedLine(message, 'carole')).not.toContain('Une diffusion');
  });
});
