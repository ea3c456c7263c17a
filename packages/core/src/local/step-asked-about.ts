import { foldFrench } from '../french-text/french-text.ts';
import { MIN_RELATIVE_OVERLAP } from './passage-ranking.ts';
import { numberedListOf, type StepCandidate } from './procedure-steps.ts';

/**
 * A question about one step of a numbered procedure, not about the whole of it:
 *
 * - what comes after a step: "après avoir créé le coffre dans Bitwarden, je fais quoi ?", "une fois le
 *   compte créé, c'est quoi la suite ?". The step after the one the question names opens the answer,
 *   then the steps after it: quoted from step 1 (its best match was step 4, "Crée un coffre…", and
 *   the earlier steps came before it), the answer never reached step 5, "Partage ce coffre…";
 * - when a step comes: "je change les mots de passe à quel moment ?", "quand est-ce que je retire ses
 *   accès ?". The step the question names opens, then the steps after it: with the steps before it
 *   first, "3. Récupère tous les fichiers…" opened an answer on changing passwords, step 5 (the fifth
 *   knowledge base, 2026-12-05).
 *
 * Only when a step of a numbered list is among the passages closest to the question (at least
 * MIN_RELATIVE_OVERLAP of the best overlap): the best-ranked of them is the step named; a list's steps
 * are read as procedure-steps.ts reads them. "après avoir changé ma photo, mes highlights ont disparu" asks no next step (no "je fais
 * quoi", "la suite"), and "quand est-ce que je peux augmenter mes prix ?" answered by prose is left as it is.
 */

/** Folded text, punctuation as spaces: "après avoir …, je fais quoi", "une fois que …, la suite ?", "what next". */
const AFTER_A_STEP = /\b(?:apres (?:avoir|que|qu|l etape)|une fois (?:que|qu|le|la|les|l|mon|ma|mes|ton|ta|tes))\b/;
const WHAT_NEXT =
  /\b(?:(?:je|on) (?:fais|fait) quoi|quoi faire|que (?:dois je |faut il )?faire|qu est ce que (?:je|j|on) (?:fais|fait|dois faire)|(?:c est )?quoi la suite|la suite|l etape (?:suivante|d apres)|prochaine etape|ensuite)\b/;
const WHAT_COMES_NEXT = /\bwhat (?:do i do )?next\b|\bwhat comes next\b|\bnext step\b/;
const WHEN_IN_THE_PROCEDURE = /\b(?:a quel moment|quand est ce que (?:je|j|on)|at what point|when (?:do|should) i)\b/;

const foldedWords = (message: string): string => foldFrench(message).replace(/[^a-z0-9]+/g, ' ');

export type StepAskedAbout = 'the-step-after' | 'the-step-itself';

export function stepAskedAboutBy(message: string): StepAskedAbout | null {
  const text = foldedWords(message);
  if ((AFTER_A_STEP.test(text) && WHAT_NEXT.test(text)) || WHAT_COMES_NEXT.test(text)) return 'the-step-after';
  if (WHEN_IN_THE_PROCEDURE.test(text)) return 'the-step-itself';
  return null;
}

interface StepPassage extends StepCandidate {
  documentId: string;
}

/**
 * The steps to quote, in order, from the step the question asks about (or the one after it) to the end of its list; null
 * when the question asks about no step, or when its best match is not a step, or no step follows it.
 * `ordered`: the passages the answer would quote, best first; `allRanked`: every passage of the sources.
 */
export function stepsFromTheOneAskedAbout<Passage extends StepPassage>(
  message: string,
  ordered: readonly Passage[],
  allRanked: readonly Passage[],
  options: { chunkStride: number },
): Passage[] | null {
  const asked = stepAskedAboutBy(message);
  if (asked === null || ordered[0] === undefined) return null;
  // The step the question names: the best-ranked step close to the question (a weak match is not what it names).
  const bestOverlap = Math.max(...ordered.map((passage) => passage.overlap));
  const named = ordered.find((passage) => passage.step !== undefined && passage.overlap > 0 && passage.overlap >= MIN_RELATIVE_OVERLAP * bestOverlap);
  if (named === undefined || named.step === undefined) return null;
  // Its list, and its continuation in the document's next chunks (a chunk may end between two steps): the same source
  // and heading, a later chunk, the numbers going on.
  const chunkOf = (passage: Passage) => Math.floor(passage.position / options.chunkStride);
  const inTheList = (passage: Passage) =>
    numberedListOf(passage, options.chunkStride) === numberedListOf(named, options.chunkStride) ||
    (passage.sourceRank === named.sourceRank && passage.heading === named.heading && chunkOf(passage) > chunkOf(named));
  const from = asked === 'the-step-after' ? named.step + 1 : named.step;
  const seen = new Set<number>();
  const steps = allRanked
    .filter((passage) => passage.step !== undefined && passage.step >= from && inTheList(passage))
    .sort((left, right) => left.step! - right.step!)
    .filter((passage) => !seen.has(passage.step!) && seen.add(passage.step!) !== undefined);
  // From the step asked, without a gap.
  const withoutGap = steps.filter((passage, index) => passage.step === from + index);
  return withoutGap.length === 0 ? null : withoutGap;
}
