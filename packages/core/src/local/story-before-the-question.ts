import { splitSentences } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';
import { asksSomething } from './question-parts.ts';

/**
 * A message that tells its story before it asks ("Je suis naturopathe et chaque année en décembre des gens me demandent si je
 * fais des bons cadeaux. Je dis oui et je bricole un PDF… Cette année j'aimerais que ça se fasse tout seul quand la
 * personne paie, c'est possible ?"): the words of the story that the asking sentence does not repeat are context. At full
 * weight they matched a document's introduction, which tells the same story ("Encore faut-il que le bon arrive tout seul…,
 * sans que tu aies à l'envoyer à la main à 23 h un 24 décembre.", blind round 18), ahead of the line that answers.
 * Only when the message's last sentence asks (ends with "?") after at least MIN_STORY_SENTENCES sentences that do not; or,
 * after the last question mark, the context that asks nothing ("…j'utilise Zapier et Calendly", "J'ai trop de no-shows").
 */
const MIN_STORY_SENTENCES = 2;

export function storyStemsBeforeTheQuestion(message: string): Set<string> {
  const sentences = splitSentences(message.trim()).filter((sentence) => sentence.trim() !== '');
  const asks = (sentence: string) => /\?\s*$/u.test(sentence);
  const lastAsking = sentences.map(asks).lastIndexOf(true);
  if (lastAsking < 0) return new Set();
  // Context after the question: what follows the last question mark and asks nothing ("…quand il a payé ? j'utilise Zapier
  // et Calendly", question-parts.ts). Its words the questions do not repeat weigh half as well.
  const after = sentences.slice(lastAsking + 1).join(' ');
  if (after.trim() !== '') {
    if (asksSomething(after)) return new Set();
    const asked = new Set(sentences.slice(0, lastAsking + 1).flatMap((sentence) => questionTopicStems(sentence)));
    return new Set(questionTopicStems(after).filter((stem) => !asked.has(stem)));
  }
  const story = sentences.slice(0, -1).filter((sentence) => !asks(sentence));
  if (story.length < MIN_STORY_SENTENCES) return new Set();
  const asked = new Set(questionTopicStems(sentences.at(-1)!));
  return new Set(story.flatMap((sentence) => questionTopicStems(sentence)).filter((stem) => !asked.has(stem)));
}
