import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { topicOnlyLinesLast } from './answer-order.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

const hens = retrievedChunk({
  title: 'Élever des poules',
  content:
    "# Élever des poules\n\n## Conseils\n\n- Les poules muent à l'automne et pondent moins pendant cette période.\n- Compte au moins 10 m² de parcours extérieur par poule.\n- Le poulailler doit offrir 1 m² pour trois poules.\n- Donne-leur du grain et des restes de légumes.",
});

describe('the order of an answer to a question asking for an amount', () => {
  it("puts the lead's document's lines that only share its title's words after those stating the amount", () => {
    const quoted = buildExtractiveAnswer({ agent: 'audrey', message: 'Combien de place faut-il pour une poule pondeuse ?', sources: [hens] })
      .split('\n')
      .filter((line) => line.startsWith('• '));
    expect(quoted.slice(0, 2)).toEqual(['• Compte au moins 10 m² de parcours extérieur par poule.', '• Le poulailler doit offrir 1 m² pour trois poules.']);
  });

  it('keeps reading order for a line holding another question word, a step, another document, or a lead stating no amount', () => {
    const line = (text: string, documentId = 'hens', step?: number) => ({ documentId, text, heading: '', ...(step === undefined ? {} : { step }) });
    const asked = { question: 'Combien de place pour une poule pondeuse ?', statesTheAmount: (passage: { text: string }) => /\d/.test(passage.text), titleOf: () => 'Élever des poules' };
    const rest = [line('Les poules muent.'), line('Une pondeuse a besoin de calme.'), line('Les poules montent au perchoir.', 'hens', 2), line('Les poules boivent.', 'water'), line('1 m² pour trois poules.')];
    expect(topicOnlyLinesLast(rest, line('10 m² par poule.'), asked).map((passage) => passage.text)).toEqual([
      'Une pondeuse a besoin de calme.',
      'Les poules montent au perchoir.',
      'Les poules boivent.',
      '1 m² pour trois poules.',
      'Les poules muent.',
    ]);
    expect(topicOnlyLinesLast(rest, line('Les poules aiment le grain.'), asked)).toEqual(rest);
  });
});
