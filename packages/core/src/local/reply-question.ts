import { contentStems, spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A question asking what to reply, say or write to someone ("J'ai eu un 3/10… Je lui réponds quoi ?", "que répondre à une
 * cliente qui…", "quoi lui dire", "what should I reply?"): the line that tells the visitor what to reply, opening on the
 * imperative of the verb asked ("Réponds personnellement à toute note de 0 à 6…"), answers it; the lines that only hold the
 * same word as a noun ("Les réponses de 9 et 10 sont les promotrices…", blind round 17) do not.
 */
export type ReplyVerb = 'repondre' | 'dire' | 'ecrire';

const ASKED: ReadonlyArray<[ReplyVerb, RegExp]> = [
  ['repondre', / (?:(?:je|j) (?:lui |leur )?reponds? quoi|(?:que|quoi|comment) (?:lui |leur )?repondre|what (?:do|should|can) i (?:reply|answer)) /],
  ['dire', / (?:(?:je|j) (?:lui|leur) dis quoi|(?:que|quoi) (?:lui |leur )?dire|what (?:do|should|can) i (?:say|tell)) /],
  ['ecrire', / (?:(?:je|j) (?:lui|leur) ecris quoi|(?:que|quoi) (?:lui |leur )?ecrire|what (?:do|should|can) i write) /],
];

/** "quoi répondre au questionnaire" asks what to fill in, not what to reply to someone. */
const FILLS_IN = / repondre (?:a|au|aux) (?:(?:ce|cet|cette|mon|ma|ton|ta|son|sa|le|la|l|un|une) )?(?:questionnaire|sondage|formulaire|quiz|enquete)s? /;

export function replyVerbAskedBy(message: string): ReplyVerb | null {
  const text = spacedFoldedWords(message);
  if (FILLS_IN.test(text)) return null;
  return ASKED.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/** The imperative of each verb, as a passage tells the visitor to do it ("Réponds…", "Dis-lui…", "Écris-leur…"). */
const IMPERATIVE: Record<ReplyVerb, RegExp> = {
  repondre: /^(?:(?!je |tu |j )\S+ ){0,3}?reponds /,
  dire: /^(?:(?!je |tu |j )\S+ ){0,3}?dis (?:lui|leur) /,
  ecrire: /^(?:(?!je |tu |j )\S+ ){0,3}?ecris (?:lui|leur) /,
};

/** The reply verbs' own words: a line holding only them of the message tells to reply to something else. */
const REPLY_WORDS = new Set(contentStems('répondre réponds réponse dire dis écrire écris'));

/**
 * Whether the passage tells the visitor to reply as asked: the verb's imperative among its first words. Given the message,
 * the line replies to its case: when the line replies to a range of figures ("toute note de 0 à 6") and the message names
 * figures ("9 ou 10", "un 3/10"), one of them is in that range ("Réponds personnellement à toute note de 0 à 6" led "que
 * répondre aux personnes qui notent 9 ou 10 ?"); and the line holds such a figure or a word of the message besides the verb
 * ("Réponds toujours, même brièvement." to the replies to a story led "que répondre à un troll qui m'insulte en story ?",
 * the note line "que répondre à l'URSSAF ?").
 */
export function tellsWhatToReply(text: string, verb: ReplyVerb, message?: string): boolean {
  const folded = spacedFoldedWords(text);
  if (!IMPERATIVE[verb].test(folded.trimStart())) return false;
  if (message === undefined) return true;
  const ranges = [...folded.matchAll(/ (?:de|entre) (\d+) (?:a|et) (\d+) /g)].map((range) => [Number(range[1]), Number(range[2])] as const);
  // "3/10" names the 3; "9 ou 10" both.
  const figures = [...message.replace(/(\d+)\s*\/\s*\d+/g, '$1').matchAll(/\d+/g)].map((figure) => Number(figure[0]));
  const inRange = figures.filter((figure) => ranges.some(([low, high]) => low <= figure && figure <= high));
  if (ranges.length > 0 && figures.length > 0 && inRange.length === 0) return false;
  const lineWords = new Set(contentStems(text));
  return inRange.length > 0 || contentStems(message).some((stem) => !REPLY_WORDS.has(stem) && lineWords.has(stem));
}
