import { plainMarkdown } from './sentence-shape.ts';

/**
 * The passages of a Markdown table (answer-passages.ts): one per body row, "First cell : the other
 * cells." ("Seuil de franchise de TVA : 37 500 €."), the other cells separated by " ; ".
 *
 * - A first cell that is only a number is quoted after its column's header ("Email 2 : 24 h ; …").
 * - A row of two cells or more after its first, under a header naming them, is quoted with those
 *   names ("Pastèque — Semis : mai ; Récolte : septembre ; Espacement : 100 cm."): "mai ; septembre"
 *   alone does not say which month is the sowing. The names are not matched against the question
 *   (they would lend "semis" to every row of the table): only `text` is.
 * - `rowSubject` is the first cell: what the row is about (table-row-subjects.ts keeps to the rows
 *   of the thing the question names).
 */

export interface TableRowPassage {
  text: string;
  numberedBy?: string;
  /** The row as quoted, with its columns' names ("Pastèque — Semis : mai ; Récolte : septembre."). */
  withColumnNames?: string;
  rowSubject: string;
}

/** A table's header separator row: | --- | :---: | */
export const TABLE_SEPARATOR = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*$/;

const cellsOf = (row: string) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => plainMarkdown(cell));

const withoutClosingMarks = (cell: string) => cell.replace(/[\s.;:,]+$/u, '');

export function tableRowPassages(rows: readonly string[]): TableRowPassage[] {
  const [header, separator, ...body] = rows;
  if (header === undefined || separator === undefined || !TABLE_SEPARATOR.test(separator)) return [];
  const headerCells = cellsOf(header).map(withoutClosingMarks);
  return body
    .map(cellsOf)
    .filter((cells) => cells.length >= 2 && cells[0] !== '' && cells.slice(1).some((cell) => cell !== ''))
    .map((cells) => {
      const named = cells.slice(1).map((cell, index) => ({ name: headerCells[index + 1] ?? '', value: withoutClosingMarks(cell) }));
      const others = named.filter((cell) => cell.value !== '');
      const first = cells[0]!.charAt(0).toUpperCase() + cells[0]!.slice(1);
      const text = `${first} : ${others.map((cell) => cell.value).join(' ; ')}.`;
      // A row numbered in its first cell ("| 2 | 24 h | Histoire… |") is quoted with that column's
      // header ("Email 2 : 24 h ; Histoire…"): "2 : 24 h" alone says nothing.
      if (/^\d+$/.test(cells[0]!) && headerCells[0]) return { text, numberedBy: headerCells[0], rowSubject: cells[0]! };
      const namesEveryCell = others.length >= 2 && others.every((cell) => cell.name !== '' && cell.name.length <= 40);
      if (!namesEveryCell) return { text, rowSubject: cells[0]! };
      return { text, withColumnNames: `${first} — ${others.map((cell) => `${cell.name} : ${cell.value}`).join(' ; ')}.`, rowSubject: cells[0]! };
    });
}
