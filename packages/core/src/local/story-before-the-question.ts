import { splitSentences } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';

/**
 * A message that tells its story before it asks ("Je suis naturopathe et chaque année en décembre des gens me demandent si je
 * fais des bons cadeaux. Je dis oui et je bricole un PDF… Cette année j'aimerais que ça se fasse tout seul quand la
 * personne paie, c'est possible ?"): the words of the story that the asking sentence does not repeat are context. At full
 * weight they matched a document's introduction, which tells the same story ("Encore faut-il que le bon arrive tout seul…,
 * sans que tu aies à l'envoyer à la main à 23 h un 24 décembre.", blind round 18), ahead of the line that answers.
 * Only when the message's last sentence asks (ends with "?") after at least MIN_STORY_SENTENCES sentences that do not.
 */
const MIN_STORY_SENTENCES = 2;

export function storyStemsBeforeTheQuestion(message: string): Set<string> {
  const sentences = splitSentences(message.trim()).filter((sentence) => sentence.trim() !== '');
  const asking = sentences.at(-1);
  if (asking === undefined || !/\?\s*$/u.test(asking)) return new Set();
  const story = sentences.slice(0, -1).filter((sentence) => !/\?\s*$/u.test(sentence));
  if (story.length < MIN_STORY_SENTENCES) return new Set();
  const asked = new Set(questionTopicStems(asking));
  return new Set(story.flatMap((sentence) => questionTopicStems(sentence)).filter((stem) => !asked.has(stem)));
}
