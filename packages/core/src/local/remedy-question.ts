import { spacedFoldedWords, splitSentences } from '../french-text/french-text.ts';
import { tellsWhatToDo } from './instruction-sentence.ts';
import { questionKindOf } from './question-kind.ts';

/**
 * A message that asks for a remedy: it reports something that goes wrong ("Mes légendes perdent leurs sauts de ligne quand
 * je colle le texte", "mon mail d'anniv il part pas", "my logo looks blurry") or asks what to do about it ("…je fais
 * quoi ?", "que faire si…"). The line that tells what to do (instruction-sentence.ts: "Pour que les sauts de ligne restent,
 * écris la légende dans l'application…") answers it; a line that describes the thing with the same words does not
 * (blind round 18: "Le corps de la légende se lit sur téléphone : …des sauts de ligne." led, shorter).
 */
const REPORTS_A_PROBLEM =
  / (?:perd|perdent|perdu|perdus|perdue|perdues|disparai\w*|disparu\w*|(?:part|partent|marche|marchent|fonctionne|fonctionnent|s affiche|s affichent|apparait|apparaissent|s ouvre|s ouvrent|charge|passe|passent) (?:pas|plus)|plante|plantent|a plante|bug|bugue\w*|floue?s?|pixelise\w*|ne recoi\w* (?:pas|rien|plus)|n ont rien recu|doesn t work|don t work|not working|isn t working|looks? blurry|blurry|broken|disappear\w*) /;

/** The cause asked, not a remedy: "Qu'est-ce qui a pu se passer ?", "pourquoi…", "comment ça se fait". */
const ASKS_WHY = / (?:pourquoi|qu est ce qui (?:a pu |s est )?(?:se passer|passe|arrive)|comment ca se fait|why) /;

/**
 * Not a how-to that tells of a problem on the way ("…je publie au hasard… et je sens bien que ça ne marche pas. …comment je
 * m'organise pour préparer plusieurs semaines de posts ?"): the how-to is what is asked (blind round 16's batching).
 */
export function asksForARemedy(message: string): boolean {
  const kind = questionKindOf(message);
  if (kind === 'what-to-do') return true;
  const text = spacedFoldedWords(message);
  return kind !== 'how-to' && !ASKS_WHY.test(text) && REPORTS_A_PROBLEM.test(text);
}

/** Added to a line that tells what to do, for a message asking for a remedy, times its share of the best overlap. */
const REMEDY_BONUS = 1;

interface RankedPassage {
  text: string;
  heading: string;
  sourceRank: number;
  position: number;
  overlap: number;
  score: number;
  answersTheVisitorsQuestion: boolean;
}

/**
 * Raises the passages that tell what to do in one of their sentences (an FAQ's answer, quoted whole, may say why first:
 * "Soit ta chaîne n'est pas encore vérifiée… Vérifie aussi que le fond est bien transparent"), in proportion to how well they match.
 */
export function favourTheLinesThatTellWhatToDo(scored: readonly RankedPassage[], bestOverlap: number): void {
  for (const passage of scored) {
    if (passage.overlap > 0 && splitSentences(passage.text).some(tellsWhatToDo)) passage.score += REMEDY_BONUS * (passage.overlap / bestOverlap);
  }
}

/**
 * The best-matched section's instruction leads: when the best passage only restates the visitor's situation ("Make
 * désactive un scénario après plusieurs erreurs de suite." to "Make a désactivé mon scénario tout seul, je fais quoi ?"),
 * the first line of the same section that tells what to do ("Ouvre l'historique du scénario, repère le module en rouge,
 * corrige…") goes before it.
 */
export function leadWithTheSectionsInstruction(scored: RankedPassage[]): void {
  const top = scored.reduce((best, passage) => (passage.score > best.score ? passage : best));
  if (splitSentences(top.text).some(tellsWhatToDo)) return;
  const instruction = scored
    .filter((passage) => passage.sourceRank === top.sourceRank && passage.heading === top.heading && passage.position > top.position && splitSentences(passage.text).some(tellsWhatToDo))
    .sort((left, right) => left.position - right.position)[0];
  if (instruction === undefined) return;
  instruction.score = top.score + Math.max(instruction.score, 0.01);
  instruction.answersTheVisitorsQuestion = true;
}
