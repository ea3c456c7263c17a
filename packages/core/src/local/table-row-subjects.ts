import { contentStems } from '../french-text/french-text.ts';

/**
 * A question that names what one row of a table is about ("Quand semer la pastèque ?" against the
 * row "Pastèque : mai ; septembre ; 100 cm.") asks about that row: the other rows of that table,
 * about other things ("Radis : mars ; avril ; 3 cm."), are not quoted, even to pad the answer. A
 * question that names no row's subject ("Quels légumes semer en mars ?") keeps every row; so does a table whose
 * best-ranked row (`passages` come best first) is not of the subject named ("rappel pour racheter un produit" named
 * another row's subject, and set aside the row "Réachat : … 30 à 45 jours", the one that answers). A word of
 * the table's heading or of its document's title names no row: it is what the whole table is about
 * ("logo" in "Logo complet", a row of the guide "Un logo simple sur Canva", does not set aside the row
 * "Monogramme : Photo de profil…" that answers "my logo looks blurry as a profile picture").
 */

/** A passage of a table row names its `rowSubject` (table-row-passages.ts). */
interface RowPassage {
  documentId: string;
  heading: string;
  rowSubject?: string;
}

export function keepToTheRowsOfTheSubjectAsked<Passage extends RowPassage>(
  question: string,
  passages: readonly Passage[],
  titleOf: (passage: Passage) => string,
): Passage[] {
  const questionStems = new Set(contentStems(question));
  const namesTheRow = (passage: Passage) => {
    const wholeTable = new Set(contentStems(`${passage.heading} ${titleOf(passage)}`));
    return contentStems(passage.rowSubject ?? '').some((stem) => questionStems.has(stem) && !wholeTable.has(stem));
  };
  const tableOf = (passage: RowPassage) => `${passage.documentId}\n${passage.heading}`;
  // Per table, its best-ranked row: the table keeps to the subject asked when that row is of it.
  const bestRowPerTable = new Map<string, Passage>();
  for (const passage of passages) if (passage.rowSubject !== undefined && !bestRowPerTable.has(tableOf(passage))) bestRowPerTable.set(tableOf(passage), passage);
  const tablesWithTheSubjectAsked = new Set([...bestRowPerTable].filter(([, row]) => namesTheRow(row)).map(([table]) => table));
  if (tablesWithTheSubjectAsked.size === 0) return [...passages];
  return passages.filter(
    (passage) => passage.rowSubject === undefined || !tablesWithTheSubjectAsked.has(tableOf(passage)) || namesTheRow(passage),
  );
}
