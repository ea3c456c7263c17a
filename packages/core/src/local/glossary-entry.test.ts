import { describe, expect, it } from 'vitest';
import { contentStems } from '../french-text/french-text.ts';
import { isTheGlossaryEntryOf } from './glossary-entry.ts';

describe('isTheGlossaryEntryOf', () => {
  it('reads the label before the colon, brackets aside, each of its alternatives', () => {
    expect(isTheGlossaryEntryOf("Déclencheur : l'événement qui démarre l'automatisation.", contentStems('déclencheur'))).toBe(true);
    expect(isTheGlossaryEntryOf("Zap (chez Zapier) ou scénario (chez Make) : l'ensemble déclencheur + actions.", contentStems('scénario make'))).toBe(true);
    expect(isTheGlossaryEntryOf("Zap (chez Zapier) ou scénario (chez Make) : l'ensemble déclencheur + actions.", contentStems('zap automatisation'))).toBe(true);
  });

  it('is no entry of a thing whose head noun the label does not say, nor a line without a label', () => {
    expect(isTheGlossaryEntryOf("Zap (chez Zapier) ou scénario (chez Make) : l'ensemble déclencheur + actions.", contentStems('historique zap'))).toBe(false);
    expect(isTheGlossaryEntryOf('Choisis le déclencheur et connecte le compte concerné.', contentStems('déclencheur'))).toBe(false);
    expect(isTheGlossaryEntryOf("Ouvre l'historique (Zap History ou l'historique du scénario) : l'étape en erreur y est indiquée.", contentStems('zap'))).toBe(false);
  });
});
