import { contentStems, spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A question that asks to choose between two things ("Sondage ou quiz en story, lequel marche le mieux ?", "carré ou
 * portrait ?", "Break ou Ignore ?"): the stems of the word named on each side of its "ou". The passage that names the
 * alternatives in its own words, and better one that compares them ("le plus", "mieux", "plutôt", "que le…"), answers;
 * a document's introduction or a line that gets the words only from its title does not (blind round 17: "Les stickers
 * interactifs transforment une story…" opened the sticker comparison).
 * Not "…ou pas ?", "ou non", "ou quoi", "ou c'est…", "ou je dois…": no alternatives are named there.
 */
export interface AlternativesAsked {
  stems: readonly string[];
}

/** Words skipped on either side of "ou" to reach the alternative ("en A4 ou en paysage", "les reels ou les carrousels"). */
const FILLER = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'en', 'au', 'aux', 'plutot', 'bien', 'alors']);
/** Words after "ou" that name no alternative: "ou pas", "ou quoi", "ou c'est", "ou je…", a clause rather than a thing. */
const NO_ALTERNATIVE = new Set(['pas', 'non', 'quoi', 'rien', 'autre', 'c', 'ca', 'cest', 'je', 'j', 'on', 'il', 'elle', 'tu', 'vous', 'nous', 'faut', 'est', 'si', 'plus', 'moins', 'meme']);

export function alternativesAskedBy(message: string): AlternativesAsked | null {
  // "ou", not "où" (folded alike): the choice is found in the message's own spelling, then its words are folded.
  const clause = message.split(/[?!.;\n]/u).find((part) => /(?:^|[^\p{L}])ou(?![\p{L}])/iu.test(part));
  if (clause === undefined) return null;
  const raw = clause.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  const at = raw.indexOf('ou');
  if (at <= 0) return null;
  const words = raw.map((word) => spacedFoldedWords(word).trim());
  let before = at - 1;
  while (before > 0 && FILLER.has(words[before]!)) before -= 1;
  let after = at + 1;
  while (after < words.length - 1 && FILLER.has(words[after]!)) after += 1;
  if (NO_ALTERNATIVE.has(words[after] ?? '')) return null;
  // "un groupe Facebook ou un groupe WhatsApp": the noun both sides share is skipped too.
  while (after < words.length - 1 && (FILLER.has(words[after]!) || words.slice(Math.max(0, before - 2), before).includes(words[after]!))) after += 1;
  const [left, right] = [words[before], words[after]];
  if (left === undefined || right === undefined || NO_ALTERNATIVE.has(right) || FILLER.has(left)) return null;
  const stems = [...contentStems(left), ...contentStems(right)];
  return stems.length === 2 && stems[0] !== stems[1] ? { stems } : null;
}

/** Words of a sentence that weighs one thing against another. */
const COMPARES = /\b(?:plus|mieux|moins|meilleure?s?|pire|plutot|prefere\w*|davantage|au lieu|contrairement|alors que|a reserver|que le|que la|que les)\b/;

/**
 * How much of a comparison a passage's own text makes: the share of the alternatives it names, and half more when it
 * compares. A line naming one of them compares it with the other only in a section that names the other too (a table row
 * "Sondage : … le plus facile" beside the row "Quiz : …"); otherwise its "mieux" weighs something else ("Format vertical :
 * c'est celui que Pinterest met le mieux en avant" led "Pinterest ou YouTube pour une thérapeute ?").
 */
export function comparisonShare(text: string, stems: ReadonlySet<string>, alternatives: AlternativesAsked, sectionStems?: ReadonlySet<string>): number {
  const named = alternatives.stems.filter((stem) => stems.has(stem)).length;
  if (named === 0) return 0;
  const weighsTheOther = sectionStems === undefined || alternatives.stems.every((stem) => sectionStems.has(stem));
  return named / alternatives.stems.length + (weighsTheOther && COMPARES.test(spacedFoldedWords(text)) ? 0.5 : 0);
}

/** The words of each passage's section (its document and heading): the passages' own words together. */
export function sectionStemsOf<T extends { sourceRank: number; heading: string; textStems: ReadonlySet<string> }>(passages: readonly T[]): (passage: T) => ReadonlySet<string> {
  const sections = new Map<string, Set<string>>();
  const key = (passage: T) => `${passage.sourceRank}|${passage.heading}`;
  for (const passage of passages) {
    const section = sections.get(key(passage)) ?? sections.set(key(passage), new Set()).get(key(passage))!;
    for (const stem of passage.textStems) section.add(stem);
  }
  return (passage) => sections.get(key(passage))!;
}
