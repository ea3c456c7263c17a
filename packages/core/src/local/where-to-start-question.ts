import { spacedFoldedWords, splitSentences } from '../french-text/french-text.ts';
import { tellsWhatToDo } from './instruction-sentence.ts';

/**
 * A question asking where to start ("par quoi je commence ?", "par où commencer", "je commence par quoi", "where do I
 * start?"): the first thing to do answers it, the best document's first line that tells what to do (instruction-sentence.ts)
 * or the first step of its procedure. Its words matched a later line as well as the first (blind round 18: "je veux tuer
 * mon ancienne séquence de relance et repartir de zéro, par quoi je commence" led with the sequence's last e-mail, "J+10 : La
 * porte ouverte…"; "Je lance mon programme en ligne le mois prochain, par quoi je commence ?" with the review after the launch).
 */
const ASKS_WHERE_TO_START =
  / (?:par (?:quoi|ou) (?:je |on |tu )?(?:commence|commencer|debute|debuter)|(?:je|on|tu) (?:commence|debute) par (?:quoi|ou)|(?:premiere|1ere) (?:etape|chose)|where (?:do|should|can) i start|where to start|first step) /;

export const asksWhereToStart = (message: string): boolean => ASKS_WHERE_TO_START.test(spacedFoldedWords(message));

interface RankedPassage {
  text: string;
  documentId: string;
  sourceRank: number;
  position: number;
  overlap: number;
  score: number;
  step?: number;
  answersTheVisitorsQuestion: boolean;
}

/** The best document's first passage that matches and tells what to do (or is step 1) leads. */
export function leadWithTheFirstThingToDo(scored: RankedPassage[]): void {
  const top = scored.reduce((best, passage) => (passage.score > best.score ? passage : best));
  const first = scored
    .filter((passage) => passage.sourceRank === top.sourceRank && passage.overlap > 0 && (passage.step === 1 || splitSentences(passage.text).some(tellsWhatToDo)))
    .sort((left, right) => left.position - right.position)[0];
  if (first === undefined || first === top) return;
  first.score = top.score + Math.max(first.score, 0.01);
  first.answersTheVisitorsQuestion = true;
}
