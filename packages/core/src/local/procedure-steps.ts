/**
 * A procedure quoted from its middle reads as if its first steps did not exist ("2. Questionnaire…,
 * 3. Accès…, 4. Audit…" for "les étapes ?", the call that opens it left out: its sentence was the
 * longest). When the passages about to be quoted hold two or more steps of one numbered list that
 * share words with the question, or one and the sentence that introduces the list, the steps before
 * them come first, as many as leave every matching step in the answer; a single step quoted for
 * itself (another one as padding) stays alone.
 */

/** What this needs of a ranked passage (extractive-answerer.ts). */
export interface StepCandidate {
  /** Its number when it is an item of a numbered list (answer-passages.ts). */
  step?: number;
  /** Weighted overlap with the question's words (0: shares none). */
  overlap: number;
  sourceRank: number;
  /** Its place among its source's passages: `chunk rank × chunkStride + place in the chunk`. */
  position: number;
  heading: string;
}

/** The numbered list a step belongs to: its source, its chunk and its heading (a key, equal for the steps of one list). */
export function numberedListOf(passage: StepCandidate, chunkStride: number): string {
  return `${passage.sourceRank}:${Math.floor(passage.position / chunkStride)}:${passage.heading}`;
}

/**
 * `ordered` (best first) with the earlier steps of a procedure it quotes from the middle inserted
 * before its first quoted step. `quoted`: how many of `ordered` the answer takes at most.
 */
export function withEarlierSteps<Passage extends StepCandidate>(
  ordered: readonly Passage[],
  allRanked: readonly Passage[],
  options: { quoted: number; chunkStride: number },
): Passage[] {
  const listOf = (passage: Passage): string => numberedListOf(passage, options.chunkStride);
  const quoted = ordered.slice(0, options.quoted);
  const result = [...ordered];
  for (const list of new Set(quoted.filter((passage) => passage.step !== undefined).map(listOf))) {
    const steps = quoted.filter((passage) => passage.step !== undefined && listOf(passage) === list);
    const matchingSteps = steps.filter((passage) => passage.overlap > 0);
    const firstQuotedStep = Math.min(...steps.map((passage) => passage.step!));
    const earlier = allRanked
      .filter((passage) => passage.step !== undefined && passage.step < firstQuotedStep && listOf(passage) === list)
      .sort((left, right) => left.step! - right.step!);
    if (earlier.length === 0) continue;
    const opening = earlier[0]!;
    const introductionQuoted = quoted.some(
      (passage) => passage.step === undefined && passage.overlap > 0 && passage.sourceRank === opening.sourceRank && passage.position === opening.position - 1,
    );
    if (matchingSteps.length < 2 && !(matchingSteps.length === 1 && introductionQuoted)) continue;
    // As many of the steps just before as leave every matching step quoted: "1. … 4." before the
    // fifth step that answers, in an answer of four passages, would push the answer out.
    const at = result.indexOf(steps[0]!);
    for (let count = earlier.length; count > 0; count -= 1) {
      const attempt = [...result.slice(0, at), ...earlier.slice(-count), ...result.slice(at)];
      const kept = [...new Set(attempt)].slice(0, options.quoted);
      if (matchingSteps.every((passage) => kept.includes(passage))) {
        result.splice(at, 0, ...earlier.slice(-count));
        break;
      }
    }
  }
  // An earlier step already further down moves up to its place (the first occurrence stays).
  return [...new Set(result)];
}
