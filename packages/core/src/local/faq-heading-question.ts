import { QUESTION_HEADING } from './answer-passages.ts';
import { firstPositionPerSection, sectionOf } from './passage-sections.ts';
import { questionKindOf, type QuestionKind } from './question-kind.ts';

/**
 * An FAQ question heading the visitor's message repeats, and the answer under it (passage-ranking.ts): the first passage
 * under that heading leads, however little it overlaps (blind round 15: "mon zap s'est arrêté tout seul" opened with a
 * line on filters, "Zapier met un zap en pause quand…", the answer under "Pourquoi mon zap s'est-il arrêté tout seul ?",
 * came second; "où voir les statistiques d'un reel" opened with "Attends sept jours.").
 */

/**
 * Added to the first passage under an FAQ question heading the visitor's message repeats, times its share of the best
 * overlap. Its length is not held against it either: the heading says what it answers, as a short line would (the Zapier
 * answer, two sentences long, scored below the one-line filter rule even with the bonus).
 */
const FAQ_HEADING_BONUS = 1;
/** The heading's words the message must hold, and half of the heading's words at least. */
const FAQ_HEADING_MIN_WORDS = 2;

/**
 * Whether a section's heading is an FAQ question the message repeats: at least FAQ_HEADING_MIN_WORDS of its words, and
 * half of them, are the message's. A heading that asks the message's kind of question (question-kind.ts: "Comment créer
 * le quiz ?" for "Comment je fais un quiz…", "…, que faire ?" for "…je fais quoi ?") repeats it by its framing too: the
 * framing counts as one word of the heading the message holds, beside one topic word at least.
 */
export function repeatsTheVisitorsQuestion(heading: string, headingStems: ReadonlySet<string>, questionStems: ReadonlySet<string>, questionKind: QuestionKind | null = null): boolean {
  if (!QUESTION_HEADING.test(heading)) return false;
  const topicWordsAsked = [...headingStems].filter((stem) => questionStems.has(stem)).length;
  const framing = questionKind !== null && questionKindOf(heading) === questionKind ? 1 : 0;
  const headingWordsAsked = topicWordsAsked + framing;
  return topicWordsAsked >= 1 && headingWordsAsked >= FAQ_HEADING_MIN_WORDS && headingWordsAsked * 2 >= headingStems.size + framing;
}

interface RankedUnderAHeading {
  sourceRank: number;
  heading: string;
  position: number;
  overlap: number;
  score: number;
  answersTheVisitorsQuestion: boolean;
  /** Its heading is an FAQ question the message repeats (`repeatsTheVisitorsQuestion`). */
  headedByTheVisitorsQuestion: boolean;
  /** What the passage's length took off its overlap: given back to the answer under the visitor's question. */
  lengthPenaltyTaken: number;
}

/** Raises the first passage under each FAQ heading the message repeats, and marks it as answering the visitor's question. */
export function favourTheAnswersUnderTheVisitorsQuestion(scored: RankedUnderAHeading[], bestOverlap: number): void {
  const firstUnder = firstPositionPerSection(scored);
  for (const passage of scored) {
    if (!passage.headedByTheVisitorsQuestion || firstUnder.get(sectionOf(passage)) !== passage.position) continue;
    passage.score += passage.lengthPenaltyTaken + FAQ_HEADING_BONUS * (passage.overlap / bestOverlap);
    passage.answersTheVisitorsQuestion = true;
  }
}
