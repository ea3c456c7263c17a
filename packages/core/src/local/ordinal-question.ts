import { contentStems, foldFrench } from '../french-text/french-text.ts';
import { withEmailJoined } from './quantity-question.ts';

/**
 * A question about one item of a numbered series: "et le 4e mail je mets quoi dedans ?", "c'est quoi
 * la 3ème étape ?", "le deuxième module ?". The page writes the item as its noun then its number
 * ("E-mail 4, à J+7 : …", "Module 2 : …") or as the item of a numbered list ("3. Relie la page…"
 * for an "étape"); the other items share the same words, so without this cue the answer quoted
 * e-mails 1 to 4 but not the fourth's content past its first words (a blind probe, 2026-12-04).
 */
export interface OrdinalAsked {
  rank: number;
  /** The stem of the noun numbered ("email", "etap", "modul"). */
  nounStem: string;
}

const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  premier: 1, premiere: 1, deuxieme: 2, second: 2, seconde: 2, troisieme: 3, quatrieme: 4, cinquieme: 5,
  sixieme: 6, septieme: 7, huitieme: 8, neuvieme: 9, dixieme: 10,
};
/** "4e mail", "3ème étape", "2nd module", "quatrième email": the rank (group 1) and the noun (group 2). */
const ORDINAL = /\b(\d{1,2}(?:e|eme|ieme|er|ere|nd|nde)|premiere?|deuxieme|secondes?|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme|dixieme) ([a-z]{3,})\b/;
/** The stem of "étape": its rank is a numbered list's item number. */
const [STEP_STEM] = contentStems('étape');

/** Folded words, "e-mail", "e mail" (withEmailJoined) and a bare "mail" all read "email". */
const foldedWords = (text: string): string =>
  withEmailJoined(foldFrench(text)).replace(/\bmails?\b/g, 'e$&').replace(/[^a-z0-9]+/g, ' ').trim();

export function ordinalAskedBy(message: string): OrdinalAsked | null {
  const match = ORDINAL.exec(foldedWords(message));
  if (!match) return null;
  const rank = /^\d/.test(match[1]!) ? Number.parseInt(match[1]!, 10) : ORDINAL_WORDS[match[1]!.replace(/s$/, '')];
  const nounStem = contentStems(match[2]!)[0];
  return rank === undefined || rank < 1 || nounStem === undefined ? null : { rank, nounStem };
}

/** Whether a passage is the item asked: its noun then its number ("E-mail 4"), or step `rank` for an "étape". */
export function isTheItemAsked(passage: { text: string; step?: number }, asked: OrdinalAsked): boolean {
  if (asked.nounStem === STEP_STEM && passage.step === asked.rank) return true;
  const words = foldedWords(passage.text).split(' ');
  return words.some((word, index) => words[index + 1] === String(asked.rank) && contentStems(word)[0] === asked.nounStem);
}
