import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-14/kb/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts). */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/** Blind round 14: an FAQ answer opening on a bare "Oui." or "Non" leads only when its heading's question is the visitor's. */
describe('a yes or no answer as the lead of an offline answer (blind round 14 knowledge base)', () => {
  it('does not lead under a question the visitor did not ask', () => {
    const line = firstQuotedLine('slt mon flow de bienvenue shopify part pas du tout jai verifier 3 fois c quoi le probleme', 'audrey');
    expect(line).not.toMatch(/^• Oui\./u);
    expect(line).toContain('brouillon');
    expect(firstQuotedLine("mon flow shopify ne s'envoie pas", 'audrey')).not.toMatch(/^• Oui\./u);
  });

  it('does not open the answer either when the answer has no lead and its lines go in reading order', () => {
    const message = 'Je vends des savons artisanaux depuis Lausanne. Mes clientes rachètent tous les deux mois environ. Est-il possible de leur envoyer un rappel automatique pour racheter ?';
    expect(firstQuotedLine(message, 'audrey')).not.toMatch(/^• Oui\./u);
  });

  it('leads when the visitor asks what its heading asks', () => {
    expect(firstQuotedLine('Est-ce que ça sert encore à quelque chose de mettre 30 hashtags sous mes posts ?', 'carole')).toContain('Oui, mais peu.');
    expect(firstQuotedLine('code promo de bienvenue reçu deux fois par la même cliente', 'audrey')).toContain('Une seule fois par client');
  });
});
