import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/**
 * What a term is, asked in the widget of `pnpm start` (a probe, 2026-12-05): the Zapier guide's glossary ("## Le vocabulaire
 * à connaître", "- **Déclencheur** : l'événement qui démarre l'automatisation…") was quoted third to "c'est quoi un
 * déclencheur ?", after "Zap… : l'ensemble déclencheur + actions" and the guide's first line.
 */
describe('the lead of an offline answer to what a term is, which a glossary defines', () => {
  it.each([
    ["c'est quoi un déclencheur ?", '• Le vocabulaire à connaître — Déclencheur : l’événement qui démarre l’automatisation'],
    ["c'est quoi une action dans zapier ?", '• Le vocabulaire à connaître — Action : ce qui se passe ensuite'],
    ["c'est quoi un zap", '• Zap (chez Zapier) ou scénario (chez Make) : l’ensemble déclencheur + actions.'],
    ["un scénario make c'est quoi ?", '• Zap (chez Zapier) ou scénario (chez Make) : l’ensemble déclencheur + actions.'],
  ])('%s -> the entry of the term', (question, entry) => {
    expect(firstQuotedLineOf(chunks, question, 'audrey').replace(/'/g, '’')).toContain(entry.replace(/'/g, '’'));
  });

  it('is not an entry whose label is not the thing asked', () => {
    expect(firstQuotedLineOf(chunks, "c'est quoi l'historique d'un zap ?", 'audrey')).not.toContain('Zap (chez Zapier)');
  });
});
