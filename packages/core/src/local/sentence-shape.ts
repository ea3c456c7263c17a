import { foldFrench, frenchStopWords, normalizeFrench } from '../french-text/french-text.ts';

/**
 * The shape of a sentence an offline answer may quote (answer-passages.ts): whether a text reads as
 * a whole sentence, whether it leans on or follows on from the one before it, whether it ends one;
 * and Markdown's marks taken off a line.
 */

/** Emojis and their joiners/variation selectors, spaces. */
const EMOJI_OR_SPACE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\s]/u;
/**
 * Words that make a sentence lean on the previous one (folded, at the start of the sentence): a
 * conjunction, a pronoun, or a demonstrative determiner ("Cette seconde moitié évite les excès.",
 * "Ces mails…", "Ce réglage…", blind round 14) pointing back at what the sentence before named;
 * not "Ce que…", "Ce qui…", whose clause is their own subject.
 */
const LEANS_ON_PREVIOUS =
  /^(?:mais|et|ou|donc|puis|ensuite|alors|pourtant|cependant|sinon|par contre|en revanche|du coup|pour cela|pour ca|de plus|en plus|il|elle|ils|elles|cela|ca|ceci|c est|celle ci|celui ci|ceux ci|celles ci|cet|cette|ces|ce(?! (?:que|qui|dont|qu)(?![a-z0-9])))(?![a-z0-9])/;
/**
 * Words that make a sentence follow on from the one before it ("Par exemple…", "En effet…"): quoted
 * together with it when it is in the same paragraph and both fit in MAX_WORDS_PER_PASSAGE, alone
 * otherwise (a paragraph may open with "Concrètement, …").
 */
const FOLLOWS_ON_PREVIOUS = /^(?:par exemple|en effet|ainsi|autrement dit|concretement|de meme|au contraire|c est pourquoi)(?![a-z0-9])/;

/** Removes Markdown emphasis and link syntax, keeps the words (and emojis). */
export function plainMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__/g, '')
    // Single-mark emphasis ("*une fois par semaine*", "_aucune commission_"): the widget shows plain text.
    .replace(/(^|[^\p{L}\p{N}*_])([*_])(?=\S)([^*_]*?\S)\2(?![\p{L}\p{N}*_])/gu, '$1$3')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function trimEmojis(text: string, fromEnd: boolean): { rest: string; trimmed: boolean } {
  const characters = [...text];
  let trimmed = false;
  while (characters.length > 0 && EMOJI_OR_SPACE.test(fromEnd ? characters.at(-1)! : characters[0]!)) {
    if (!/\s/.test(fromEnd ? characters.at(-1)! : characters[0]!)) trimmed = true;
    if (fromEnd) characters.pop();
    else characters.shift();
  }
  return { rest: characters.join(''), trimmed };
}

/** Whether the text reads as a whole sentence (see the module comment). */
export function isWholeSentence(text: string): boolean {
  const start = trimEmojis(text, false).rest.replace(/^[«"“'(*_\s]+/u, '');
  const first = start.charAt(0);
  if (first === '' || !(/\d/.test(first) || (first === first.toUpperCase() && first !== first.toLowerCase()))) return false;
  const { rest: end, trimmed: endsWithEmoji } = trimEmojis(text, true);
  // An ellipsis right after a function word ("c'est…", "de la…") marks a cut, not an ending.
  const words = normalizeFrench(end).split(' ');
  if (/(?:…|\.\.\.)$/u.test(end) && frenchStopWords.has(words.at(-1) ?? '')) return false;
  return /[.!?…][»"”')\]*_\s]*$/u.test(end) || (endsWithEmoji && /[\p{L}\p{N})»"]$/u.test(end));
}

const openingWords = (sentence: string) => foldFrench(trimEmojis(sentence, false).rest).replace(/[^a-z0-9]+/g, ' ').trim();
export const leansOnPrevious = (sentence: string) => LEANS_ON_PREVIOUS.test(openingWords(sentence));
export const followsOnPrevious = (sentence: string) => FOLLOWS_ON_PREVIOUS.test(openingWords(sentence));

export const endsASentence = (text: string) => {
  const { rest, trimmed: endsWithEmoji } = trimEmojis(text, true);
  return endsWithEmoji || /[.!?…][»"”')\]*_\s]*$/u.test(rest);
};
