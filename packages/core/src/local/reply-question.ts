import { spacedFoldedWords } from '../french-text/french-text.ts';

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

export function replyVerbAskedBy(message: string): ReplyVerb | null {
  const text = spacedFoldedWords(message);
  return ASKED.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/** The imperative of each verb, as a passage tells the visitor to do it ("Réponds…", "Dis-lui…", "Écris-leur…"). */
const IMPERATIVE: Record<ReplyVerb, RegExp> = {
  repondre: /^(?:(?!je |tu |j )\S+ ){0,3}?reponds /,
  dire: /^(?:(?!je |tu |j )\S+ ){0,3}?dis (?:lui|leur) /,
  ecrire: /^(?:(?!je |tu |j )\S+ ){0,3}?ecris (?:lui|leur) /,
};

/** Whether the passage tells the visitor to reply as asked: the verb's imperative among its first words. */
export function tellsWhatToReply(text: string, verb: ReplyVerb): boolean {
  return IMPERATIVE[verb].test(spacedFoldedWords(text).trimStart());
}
