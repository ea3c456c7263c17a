import { describe, expect, it } from 'vitest';
import { boldQuestionsAsHeadings } from './bold-question-headings.ts';

describe('boldQuestionsAsHeadings', () => {
  it('reads a bold question line followed by its answer as a heading one level under the one above', () => {
    expect(boldQuestionsAsHeadings('**Combien coûte la livraison ?**\nLa livraison coûte 5 €.')).toBe('## Combien coûte la livraison ?\nLa livraison coûte 5 €.');
    expect(boldQuestionsAsHeadings('## Livraison\n\n__Quels délais ?__\n\nComptez 3 jours.')).toBe('## Livraison\n\n### Quels délais ?\n\nComptez 3 jours.');
  });

  it('leaves bold text that is no question, a question inside a sentence, a last line and code alone', () => {
    const untouched = ['**Important** : la livraison est offerte.', 'Vous demandez **combien ça coûte ?** et voici.', '**Note**\nTexte.', 'Texte.\n\n**Une question ?**', '```\n**Dans le code ?**\nx\n```'];
    for (const body of untouched) expect(boldQuestionsAsHeadings(body)).toBe(body);
  });
});
