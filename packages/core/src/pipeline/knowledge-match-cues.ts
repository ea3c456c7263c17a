import { contentStems, foldFrench } from '../french-text/french-text.ts';

/**
 * Two cues that a chunk answers a short message although its heading does not name the message's
 * topic (clarify-unless-knowledge-answers.ts):
 * - a name: the one word the question is about is written with a capital inside the sentence
 *   ("C'est qui Margaux ?", "Vous utilisez Brevo ?"), so it names someone or something, and a chunk
 *   that holds it speaks of that very one;
 * - a term of two words: two topic words of the message side by side ("c'est quoi un order bump")
 *   found side by side in the chunk name one thing, as two scattered words do not.
 */

const WORDS = /[\p{L}\p{N}'’-]+/gu;

/** Whether the message writes `stem` (its one-word topic) as a name: capitalised, not opening a sentence ("Bonjour. Horaires ?"). */
export function oneWordTopicIsAName(message: string, stem: string): boolean {
  return message.split(/[.!?…\n]+/).some((sentence) => {
    const words = sentence.match(WORDS) ?? [];
    return words.some((word, index) => index > 0 && /^\p{Lu}[\p{Ll}\p{Lu}]/u.test(word) && contentStems(word)[0] === stem);
  });
}

/** Pairs of topic words side by side in the message, folded ("order bump"), to look for in a chunk. */
export function twoWordTermsOf(message: string, topicStems: ReadonlySet<string>): string[] {
  const words = foldFrench(message).replace(/['’]/g, ' ').match(WORDS) ?? [];
  const terms: string[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const [first, second] = [words[index - 1]!, words[index]!];
    const [firstStem, secondStem] = [contentStems(first)[0], contentStems(second)[0]];
    if (firstStem !== undefined && secondStem !== undefined && topicStems.has(firstStem) && topicStems.has(secondStem)) terms.push(`${first} ${second}`);
  }
  return terms;
}

/** Whether a chunk's folded text holds one of the terms as whole words. */
export function holdsATerm(chunkText: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const folded = ` ${foldFrench(chunkText).replace(/['’]/g, ' ').replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;
  return terms.some((term) => folded.includes(` ${term} `));
}
