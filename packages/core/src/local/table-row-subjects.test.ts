import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { keepToTheRowsOfTheSubjectAsked } from './table-row-subjects.ts';
import { source } from './test-support/extractive-answerer-sources.ts';

const calendar = source(
  'Calendrier du potager',
  [
    '| Légume | Semis | Récolte | Espacement |',
    '| --- | --- | --- | --- |',
    '| Tomate | mars | août | 50 cm |',
    '| Pastèque | mai | septembre | 100 cm |',
    '| Carotte | avril | juillet | 5 cm |',
    '| Radis | mars | avril | 3 cm |',
  ].join('\n'),
);
const logo = source(
  'Un logo simple sur Canva',
  ['## Les trois versions', '', '| Version | Usage | Format |', '|---|---|---|', '| Logo complet | Site, documents | PNG, 1 500 px |', '| Monogramme | Photo de profil Instagram | Carré, 1 080 px |'].join('\n'),
);
const quotedLines = (message: string, sources = [calendar]) =>
  buildExtractiveAnswer({ agent: 'audrey', message, sources })
    .split('\n')
    .filter((line) => line.startsWith('• '));

describe('the rows of a table quoted for a question naming what one row is about', () => {
  it('quotes that row only, not another row to pad the answer', () => {
    expect(quotedLines('Quel espacement pour les carottes ?')).toEqual(['• Carotte — Semis : avril ; Récolte : juillet ; Espacement : 5 cm.']);
  });

  it('keeps every row when the question names no row (what to sow in March)', () => {
    expect(quotedLines('Quels légumes semer en mars ?')).toEqual([
      '• Tomate — Semis : mars ; Récolte : août ; Espacement : 50 cm.',
      '• Radis — Semis : mars ; Récolte : avril ; Espacement : 3 cm.',
    ]);
  });

  it("does not read a word of the table's title as naming a row (every row is about the logo)", () => {
    expect(quotedLines('mon logo est flou en photo de profil, que faire ?', [logo])[0]).toBe('• Monogramme — Usage : Photo de profil Instagram ; Format : Carré, 1 080 px.');
    const row = (rowSubject: string) => ({ documentId: 'logo.md', heading: 'Les trois versions', rowSubject });
    const ranked = [row('Logo complet'), row('Monogramme')];
    expect(keepToTheRowsOfTheSubjectAsked('mon logo est flou en photo de profil', ranked, () => 'Un logo simple sur Canva')).toEqual(ranked);
    expect(keepToTheRowsOfTheSubjectAsked('le logo complet est flou', ranked, () => 'Guide Canva')).toEqual([row('Logo complet')]);
  });
});
