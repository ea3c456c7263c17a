/**
 * Which line opens an answer to a question asking for an amount (quantity-question.ts) when its best
 * passage (its lead) is in a document the search ranked below another. The lead does not go before
 * the best document ("l'annonce d'un live" of an emailing guide opened an answer about lives in duo,
 * extractive-answerer.ts), so the best document's first line in reading order opens; but when the
 * lead states the amount asked, no line of the best document does, and the lead is at least as
 * close to the question as that document's best line, the lead opens: "combien coûte une assistante
 * pour gérer ma boîte mail ?" opened with the inbox guide's "Un passage toutes les heures coûte
 * cher…", not with the price table's row "Gestion de la boîte mail : 30 à 35 € ; …" (the fifth
 * knowledge base, 2026-12-05). A price row meeting one word in passing does not ("c'est combien le
 * préavis… après 8 mois ?" keeps the contract's line on notice periods, closer to the question).
 *
 * The other lines keep their reading order. A yes or a no to another FAQ question never opens
 * (yes-no-answer.ts).
 */

interface Line {
  documentId: string;
  /** Weighted overlap with the question's words (passage-ranking.ts). */
  overlap: number;
}

export interface OpeningRules<Passage extends Line> {
  /** A bare yes or no under an FAQ question the visitor did not ask. */
  yesOrNoToAnotherQuestion: (passage: Passage) => boolean;
  /** Whether a line states the amount the question asks for; null when it asks for none. */
  statesTheAmountAsked: ((passage: Passage) => boolean) | null;
}

/**
 * `inReadingOrder` (documents best first, then their order) with its opening line first: the first that is not a yes or a
 * no to another question, or the lead by the rule above. `ranked`: the same lines, best first; `lead`: the best of them,
 * in another document than the first of `inReadingOrder`.
 */
export function openedByTheLeadStatingTheAmount<Passage extends Line>(inReadingOrder: readonly Passage[], ranked: readonly Passage[], lead: Passage, rules: OpeningRules<Passage>): Passage[] {
  const bestDocument = inReadingOrder[0]!.documentId;
  const mayOpen = (passage: Passage) => !rules.yesOrNoToAnotherQuestion(passage);
  const first = inReadingOrder.find(mayOpen);
  if (first === undefined) return [...inReadingOrder];
  const bestLine = ranked.find((passage) => passage.documentId === bestDocument && mayOpen(passage)) ?? first;
  const statesIt = rules.statesTheAmountAsked;
  const leadAloneStatesIt =
    statesIt !== null && statesIt(lead) && mayOpen(lead) && lead.overlap >= bestLine.overlap && !inReadingOrder.some((passage) => passage.documentId === bestDocument && statesIt(passage));
  const opening = leadAloneStatesIt ? lead : first;
  return [opening, ...inReadingOrder.filter((passage) => passage !== opening)];
}
