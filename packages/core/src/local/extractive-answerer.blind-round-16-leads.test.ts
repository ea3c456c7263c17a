import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { passagesOfSource } from './answer-passages.ts';
import { statesQuantity } from './quantity-question.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-16/kb/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts). */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/** Blind round 16: answers that opened with a line beside the one that answers. */
describe('the lead of an offline answer (blind round 16)', () => {
  it('is the FAQ answer the visitor repeats, not a procedure of another section that names the same words', () => {
    expect(firstQuotedLine("comment on calcule le taux d'engagement pour le mettre dans mon kit media", 'carole')).toContain('Additionne les mentions');
    // A how-to whose words are a procedure's still gets the procedure, from its first step.
    expect(firstQuotedLine('comment ajouter un gestionnaire d\'erreurs dans Make', 'audrey')).toMatch(/^1\. Fais un clic droit/);
  });

  it('is a length of time written in words when the question asks how long', () => {
    expect(firstQuotedLine('Combien de temps je laisse le replay de mon atelier en ligne ?', 'audrey')).toContain('Quarante-huit à soixante-douze heures');
    expect(statesQuantity('Quarante-huit à soixante-douze heures.', { kind: 'duration' })).toBe(true);
    expect(statesQuantity('Compte quatre-vingt-dix jours.', { kind: 'duration' })).toBe(true);
    expect(statesQuantity('Quarante-huit publications par mois.', { kind: 'duration' })).toBe(false);
  });

  it('is the one-sentence answer under the FAQ question, even when it opens on "Ce n\'est pas…"', () => {
    expect(firstQuotedLine("prévenir mes abonnées que je change d'outil d'emailing", 'audrey')).toContain("Ce n'est pas obligatoire");
    const faq = ['## Faut-il prévenir mes abonnées ?', '', "Ce n'est pas obligatoire, mais c'est plus clair.", '', '## Et ensuite', '', 'Elle suit. Le reste aussi.'].join('\n');
    const passages = passagesOfSource({ chunkId: 'c', documentId: 'd', title: 'T', section: null, content: faq, score: 1, agentOwner: 'shared' }, 0).map((passage) => passage.text);
    // The FAQ answer is quoted; a sentence leaning on nothing at a paragraph's start is still not.
    expect(passages).toEqual(["Ce n'est pas obligatoire, mais c'est plus clair.", 'Le reste aussi.']);
  });
});
