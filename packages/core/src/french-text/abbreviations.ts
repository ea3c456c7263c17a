/**
 * A period that closes an abbreviation before a number does not end a sentence: "la mention « TVA
 * non applicable, art. 293 B du CGI »", "voir p. 12", "n. 4", "chap. 3", "env. 30 €". Cut there, the
 * offline answer quoted "…par la mention « TVA non applicable, art." as a sentence (the fifth
 * knowledge base, 2026-12-05; the same mention is in a blind round's invoices and the third base's
 * legal notice).
 */
const ENDS_ON_AN_ABBREVIATION_BEFORE_A_NUMBER = /(?:^|[\s(«"'’])(?:art|arts|al|chap|p|pp|vol|n|no|fig|réf|ref|env|cf|éd|ed)\.$/iu;

/** The pieces of a line cut at sentence ends, an abbreviation's piece joined with the number that follows it. */
export function joinedAfterAbbreviations(pieces: readonly string[]): string[] {
  const joined: string[] = [];
  for (const piece of pieces) {
    const previous = joined.at(-1);
    if (previous !== undefined && ENDS_ON_AN_ABBREVIATION_BEFORE_A_NUMBER.test(previous) && /^\d/u.test(piece)) joined[joined.length - 1] = `${previous} ${piece}`;
    else joined.push(piece);
  }
  return joined;
}
