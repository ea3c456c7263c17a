import { foldFrench } from '../french-text/french-text.ts';
import { numberedListOf, type StepCandidate } from './procedure-steps.ts';

/**
 * A question that asks how to do something ("Comment relier Kajabi à Brevo avec Zapier ?", "les
 * étapes pour…", "how do I…") and whose best document answers it with a numbered procedure is
 * answered with that procedure, from its first step on, in order: quoting the document's
 * introduction, what to have ready and step 1 only (four passages, best first) left the visitor
 * with the first click, and a five-step procedure lost its last step to the four-passage limit.
 * The steps are quoted as many as fit the answer's length, never one after a gap.
 *
 * Only for a procedure of at least MIN_PROCEDURE_STEPS steps, in the document of the best
 * passage, at least one of whose steps shares words with the question; and not when the best
 * passage is the answer under an FAQ question heading the visitor's message repeats.
 */

const MIN_PROCEDURE_STEPS = 3;
/** At most this many steps are quoted (the answer's word limit usually stops earlier). */
export const MAX_PROCEDURE_STEPS = 8;

/** "comment …", "les étapes", "la marche à suivre", "how do I / how to". Folded text (no accents, lower case). */
const ASKS_HOW_TO = /(?:^|[^a-z])(?:comment|etapes?|marche a suivre|procedure|tuto(?:riel)?|how (?:do|can|to|should)|steps?)(?![a-z])/;
/** "Comment ça va ?", "comment vous contacter ?" (a contact fact, not a procedure), "comment tu t'appelles". */
const NOT_A_PROCEDURE = /(?:^|[^a-z])comment (?:ca va|allez[- ]vous|vas[- ]tu|tu vas|tu t appelles?|vous appelez[- ]vous|vous contacter|vous joindre)(?![a-z])/;

export function asksHowTo(message: string): boolean {
  const folded = foldFrench(message).replace(/[^a-z0-9]+/g, ' ');
  return ASKS_HOW_TO.test(folded) && !NOT_A_PROCEDURE.test(folded);
}

interface ProcedurePassage extends StepCandidate {
  documentId: string;
  /** The answer under an FAQ question the visitor's message repeats (passage-ranking.ts). */
  answersTheVisitorsQuestion?: boolean;
}

/**
 * The steps of the procedure the question asks for, in order from step 1 (without a gap), or null
 * when the question does not ask how to, or its best document holds no numbered procedure it matches.
 * `ordered`: the passages the answer would quote, best first; `allRanked`: every passage of the sources.
 */
export function procedureAskedFor<Passage extends ProcedurePassage>(
  message: string,
  ordered: readonly Passage[],
  allRanked: readonly Passage[],
  options: { chunkStride: number },
): Passage[] | null {
  if (!asksHowTo(message)) return null;
  const best = ordered[0];
  if (best === undefined) return null;
  // The best passage answers the FAQ question the visitor repeats ("comment on calcule le taux d'engagement" under "Comment
  // calculer mon taux d'engagement ?"): that answer, not a procedure of another section naming the same words (blind round
  // 16: the kit's "Que mettre dedans ?" list, whose second item names the rate, was quoted from its step 1).
  if (best.answersTheVisitorsQuestion === true && best.step === undefined) return null;
  const listOf = (passage: Passage): string => numberedListOf(passage, options.chunkStride);
  // The first matching step of the best document's procedures, in the order the answer ranks them.
  const matchingStep = ordered.find((passage) => passage.step !== undefined && passage.overlap > 0 && passage.documentId === best.documentId);
  if (matchingStep === undefined) return null;
  const list = listOf(matchingStep);
  const steps = allRanked.filter((passage) => passage.step !== undefined && listOf(passage) === list).sort((left, right) => left.step! - right.step!);
  const unique = steps.filter((passage, index) => index === 0 || passage.step !== steps[index - 1]!.step);
  if (unique.length < MIN_PROCEDURE_STEPS || unique[0]!.step !== 1) return null;
  const withoutGap = unique.filter((passage, index) => passage.step === index + 1);
  return withoutGap.slice(0, MAX_PROCEDURE_STEPS);
}
