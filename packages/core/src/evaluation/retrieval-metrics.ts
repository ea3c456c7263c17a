/**
 * Retrieval metrics over ranked lists of document titles. A query's rank is the position
 * (1-based) of the first source whose document title equals the expected one (titles are
 * compared after Unicode NFC normalisation and trimming), or null when none does.
 */

export function sameTitle(left: string, right: string): boolean {
  return left.normalize('NFC').trim() === right.normalize('NFC').trim();
}

export function rankOfExpected(titles: readonly string[], expected: string): number | null {
  const index = titles.findIndex((title) => sameTitle(title, expected));
  return index === -1 ? null : index + 1;
}

export interface RetrievalScores {
  queries: number;
  hitAt1: number;
  hitAt3: number;
  hitAt5: number;
  mrr: number;
}

/** hit@k = share of queries whose rank ≤ k; MRR = mean of 1/rank (0 when missed). */
export function retrievalScores(ranks: ReadonlyArray<number | null>): RetrievalScores {
  const queries = ranks.length;
  const share = (predicate: (rank: number | null) => boolean) => (queries === 0 ? 0 : ranks.filter(predicate).length / queries);
  return {
    queries,
    hitAt1: share((rank) => rank !== null && rank <= 1),
    hitAt3: share((rank) => rank !== null && rank <= 3),
    hitAt5: share((rank) => rank !== null && rank <= 5),
    mrr: queries === 0 ? 0 : ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0) / queries,
  };
}
