/**
 * Tables and lists: paragraphs whose lines are the units (rows, items). One longer than a chunk is
 * cut between its lines, never inside one, the lines kept as written; each piece of a table opens
 * with the table's header and separator rows, which say what its columns are. Cut as prose
 * (between sentences, lines joined by spaces), a 160-row table ran into single lines without header
 * and a list lost its bullets.
 */

/** A Markdown table's separator row: `|---|:---:|`, `---|---`. */
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
/** A list item's first line: `- `, `* `, `+ `, `1. `, `1) `. */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
/** A list item's continuation line: indented under it. */
const CONTINUATION = /^\s{2,}\S/;

export type LineBlock = { kind: 'table'; header: string[]; rows: string[] } | { kind: 'list'; items: string[] };

/** The paragraph as a table (header, separator, rows) or a list (items, each with its continuation lines), else null. */
export function lineBlockOf(paragraph: string): LineBlock | null {
  const lines = paragraph.split('\n');
  if (lines.length >= 3 && lines[0]!.includes('|') && lines[1]!.includes('-') && TABLE_SEPARATOR.test(lines[1]!) && lines.slice(2).every((line) => line.includes('|'))) {
    return { kind: 'table', header: lines.slice(0, 2), rows: lines.slice(2) };
  }
  if (lines.length < 2 || !LIST_ITEM.test(lines[0]!) || !lines.every((line) => LIST_ITEM.test(line) || CONTINUATION.test(line))) return null;
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_ITEM.test(line) || items.length === 0) items.push(line);
    else items[items.length - 1] += `\n${line}`;
  }
  return { kind: 'list', items };
}

/**
 * Pieces of at most `maxChars` (a unit longer than that is a piece of its own, for the caller to
 * cut as prose), each a table's header + rows or a list's items, lines joined by newlines.
 */
export function splitLineBlock(block: LineBlock, maxChars: number): string[] {
  const prefix = block.kind === 'table' ? block.header.join('\n') : '';
  const units = block.kind === 'table' ? block.rows : block.items;
  const pieces: string[] = [];
  let current: string[] = [];
  const text = (lines: string[]) => (prefix === '' ? lines : [prefix, ...lines]).join('\n');
  for (const unit of units) {
    if (current.length > 0 && text([...current, unit]).length > maxChars) {
      pieces.push(text(current));
      current = [];
    }
    current.push(unit);
  }
  if (current.length > 0) pieces.push(text(current));
  return pieces;
}
