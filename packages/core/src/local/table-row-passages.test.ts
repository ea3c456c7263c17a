import { describe, expect, it } from 'vitest';
import { passagesOfSource, quotedPassage } from './answer-passages.ts';
import { tableRowPassages } from './table-row-passages.ts';
import { source } from './test-support/extractive-answerer-sources.ts';

const calendar = ['| Légume | Semis | Récolte | Espacement |', '| --- | --- | --- | --- |', '| Pastèque | mai | septembre | 100 cm |', '| carotte | avril | | 5 cm |'];

describe('the passages of a Markdown table', () => {
  it("quotes a row of several cells with its columns' names: which month is the sowing, which the harvest", () => {
    const quoted = passagesOfSource(source('Calendrier du potager', calendar.join('\n')), 0).map(quotedPassage);
    expect(quoted).toEqual(['Pastèque — Semis : mai ; Récolte : septembre ; Espacement : 100 cm.', 'Carotte — Semis : avril ; Espacement : 5 cm.']);
  });

  it('matches the row against the question without the names (they would lend "semis" to every row)', () => {
    expect(tableRowPassages(calendar).map((row) => [row.text, row.rowSubject])).toEqual([
      ['Pastèque : mai ; septembre ; 100 cm.', 'Pastèque'],
      ['Carotte : avril ; 5 cm.', 'carotte'],
    ]);
  });

  it('quotes a row of one other cell, or under a header that leaves a column unnamed, without names', () => {
    expect(tableRowPassages(['| Élément | Chiffre |', '|---|---|', '| Seuil de TVA | 37 500 € |'])[0]?.withColumnNames).toBeUndefined();
    expect(tableRowPassages(['| Offre | | Durée |', '|---|---|---|', '| Découverte | 0 € | 30 min |'])[0]?.withColumnNames).toBeUndefined();
  });
});
