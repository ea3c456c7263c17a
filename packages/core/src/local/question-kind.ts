import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * What kind of answer a question asks for, read from its framing words, for a message and for an FAQ question heading
 * alike: how to do something ("Comment je fais un quiz…", "how do I…" ↔ "## Comment créer le quiz ?"), or what to do
 * about what happened ("…elle est dégoûtée, je fais quoi ?", "what should I do?" ↔ "## Une élève a échoué trois fois, que
 * faire ?"). The framing is no topic word (french-text/question-words.ts), so a heading asked in the visitor's own kind of
 * question shared only its topic words with the message, and a neighbouring heading of another kind ("À quoi sert un quiz
 * dans une formation ?", "Où voir les réponses des élèves ?") led as often (blind round 18).
 * Not "comment ça se fait" (a why), "comment ça va", "comment tu t'appelles", nor "comment" as a noun ("un commentaire").
 */
export type QuestionKind = 'how-to' | 'what-to-do';

const WHAT_TO_DO = / (?:que faire|quoi faire|que dois je faire|qu est ce que je (?:dois )?fais?|(?:je|j|on) (?:dois |peux )?(?:fais|fait|faire) quoi|what (?:should|do|can) i do|what to do) /;
const HOW_TO = / (?:comment|how (?:do|can|should) i|how to) /;
const NOT_A_HOW_TO = / comment (?:ca se fait|ca va|vas tu|allez vous|tu t appelles?|vous vous appelez|ca|c est possible|est ce possible) /;

export function questionKindOf(text: string): QuestionKind | null {
  const folded = spacedFoldedWords(text);
  if (WHAT_TO_DO.test(folded)) return 'what-to-do';
  if (HOW_TO.test(folded) && !NOT_A_HOW_TO.test(folded)) return 'how-to';
  return null;
}
