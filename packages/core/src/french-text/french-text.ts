/**
 * French text utilities shared by the local components (hashing embedder,
 * lexical reranker, keyword router, extractive answerer): normalisation,
 * tokenisation, stop words and a light, deterministic stemmer.
 *
 * Everything here works on "folded" text: lowercase, accents removed,
 * ligatures expanded, typographic apostrophes unified and elisions dropped
 * ("l'email" -> "email", "qu'il" -> "il", "j'ai" -> "ai").
 */

import { joinedAfterAbbreviations } from './abbreviations.ts';
import { verbFamilyStem } from './verb-families.ts';

const TYPOGRAPHIC_APOSTROPHES = /[\u2019\u2018\u02BC\u02B9\u0060\u00B4\u2032]/g;

/** Words whose apostrophe is part of the word, not an elision. */
const APOSTROPHE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\baujourd'hui\b/g, 'aujourdhui'],
  [/\bquelqu'un(e?)\b/g, 'quelquun$1'],
  [/\bpresqu'ile\b/g, 'presquile'],
];

/**
 * Compound nouns read as one word: "rendez-vous" is not the verb "rendre" ("rendez" has the stem
 * of "rendre", a light verb that questions' framing leaves out, french-text/question-words.ts).
 */
const COMPOUND_NOUNS: ReadonlyArray<[RegExp, string]> = [[/\brendez[\s-]+vous\b/g, 'rendezvous']];

/** Both kinds of rewrite, in the order normalizeFrench applies them. */
const WORD_REWRITES: ReadonlyArray<[RegExp, string]> = [...APOSTROPHE_WORDS, ...COMPOUND_NOUNS];

/** Elided articles, pronouns and conjunctions: "l'", "d'", "j'", "qu'", "lorsqu'"... */
const ELISION = /\b(?:l|d|j|m|t|s|c|n|qu|lorsqu|puisqu|jusqu|quoiqu)'/g;

/** Anything past ASCII: accents, ligatures, typographic apostrophes, combining marks. */
const NON_ASCII = /[^\u0000-\u007F]/;

/** Lowercases, folds accents and ligatures, unifies apostrophes. Keeps punctuation. */
export function foldFrench(text: string): string {
  const lower = text.toLowerCase();
  // ASCII text has nothing to fold but the backtick (an apostrophe); NFD leaves it as it is.
  if (!NON_ASCII.test(lower)) return lower.includes('`') ? lower.replace(TYPOGRAPHIC_APOSTROPHES, "'") : lower;
  return lower
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * The folded words of a text between single spaces, with one at each end, so that a pattern can
 * match whole words (" j veux etre remboursee "): the form escalation patterns run on.
 */
export function spacedFoldedWords(text: string): string {
  return ` ${foldFrench(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** normalizeFrench's last text and its result (see there). */
let lastNormalized = { text: '', normalized: '' };

/**
 * Folded text with elisions removed and everything that is not a letter or a
 * digit turned into single spaces: "L'e-mail d'Audrey !" -> "e mail audrey".
 */
export function normalizeFrench(text: string): string {
  // The pipeline normalises the same message in several stages (injection guard, keyword scores,
  // query words): the last text's result is kept (a pure function of an immutable string).
  if (text === lastNormalized.text) return lastNormalized.normalized;
  let folded = foldFrench(text);
  for (const [pattern, replacement] of WORD_REWRITES) folded = folded.replace(pattern, replacement);
  const normalized = folded
    .replace(ELISION, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  lastNormalized = { text, normalized };
  return normalized;
}

/** Normalised words of a text, in order (stop words included). */
export function tokenizeFrench(text: string): string[] {
  const normalized = normalizeFrench(text);
  if (normalized === '') return [];
  const words = normalized.split(' ');
  for (let index = 1; index < words.length; index += 1) {
    if (words[index] === 'son' && SOUND_DETERMINERS.has(words[index - 1]!)) words[index] = 'sons';
  }
  return words;
}

/**
 * "son" is a stop word as a possessive ("son compte"), a topic as a noun ("quel son mettre sur mes
 * Reels ?", "choisis un son tendance"): after these words it is the noun, read as "sons".
 */
const SOUND_DETERMINERS: ReadonlySet<string> = new Set(['le', 'un', 'du', 'au', 'ce', 'cet', 'quel', 'bon', 'meilleur', 'nouveau', 'meme']);

/** Common French function words (folded), plus a few chat fillers. */
export const frenchStopWords: ReadonlySet<string> = new Set(
  `a ai aie aient aies ait as au aux avec avez avions avoir avons ayant c ca ce ceci cela celle celles celui
  ces cet cette ceux chaque chez comme comment d dans de des deja depuis dois doit donc dont du e elle elles
  en encore es est et etaient etais etait etant ete etes etre eu eux faire fais fait faut fois furent ha
  hui il ils j je jusqu l la le les leur leurs lui m ma mais me meme memes mes moi mon n ne ni non nos notre
  nous on ont ou par parce pas peu peut peux plus pour pourquoi puis qu quand que quel quelle quelles quels
  qui quoi s sa sans se sera ses si sien soi soit sommes son sont sous suis sur t ta te tes toi ton tous tout
  toute toutes tres tu un une unes uns vais va vos votre vous y bonjour salut merci svp stp ok okay oui alors
  voila bien aussi ici la cela celle-ci ceci quelque quelques autre autres tel telle tels telles`.split(/\s+/),
);

export function isFrenchStopWord(word: string): boolean {
  return frenchStopWords.has(word);
}

/** Plural endings (a final y becomes i afterwards: "stories" and "story" share "stori"). */
function stripPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -2); // stories -> stori, oubliés -> oubli
  if (word.length > 5 && word.endsWith('eaux')) return word.slice(0, -1); // réseaux -> réseau, créneaux -> créneau
  if (word.length > 4 && word.endsWith('aux')) return `${word.slice(0, -3)}al`; // journaux -> journal
  if (word.length > 3 && (word.endsWith('s') || word.endsWith('x')) && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Derivational and feminine suffixes, longest first: [suffix, replacement]. */
const DERIVATIONAL_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['issement', ''],
  ['ements', ''],
  ['ement', ''],
  ['ment', ''],
  ['atrice', ''],
  ['ateur', ''],
  ['ation', ''],
  ['ition', ''],
  ['iere', 'ier'],
  ['euse', 'eu'],
  ['elle', 'el'],
  ['enne', 'en'],
  ['ette', 'et'],
  ['ive', 'if'],
];

/** Verb and adjective endings removed last: "automatiser" / "automatisee" -> "automatis". */
const INFLECTION_SUFFIXES: readonly string[] = ['ees', 'ee', 'er', 'ez', 'e'];

const MINIMUM_STEM_LENGTH = 3;

/**
 * Words the suffix rules would give another word's stem, and what they mean in the agency's
 * questions: "prix" is not "pris" (taken), "données" (data) not "donne" (gives), "forme" ("sous
 * forme de") not "formation", "publication" is "publier" and not "public" (an audience),
 * "abonnement" (a paid plan) not "abonnés" (followers), a podcast's "auditeurs" (listeners) not an
 * "audit", a "compteur" (a counter) not a "compte" (an account), "partir" (mostly "à partir de")
 * not a "partie" (a part).
 */
const STEM_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['prix', 'prix'],
  ['donnee', 'donnee'],
  ['donnees', 'donnee'],
  ['forme', 'forme'],
  ['formes', 'forme'],
  ['publication', 'publi'],
  ['publications', 'publi'],
  ['abonnement', 'abonnement'],
  ['abonnements', 'abonnement'],
  ['auditeur', 'auditeur'],
  ['auditeurs', 'auditeur'],
  ['compteur', 'compteur'],
  ['compteurs', 'compteur'],
  ['partir', 'partir'],
]);
/**
 * The verbs' "-ent" of the third person plural ("réservent", "oublient", "partagent") is removed
 * when at least this many letters stay, as it is from adjectives ("différent", "différente"), so
 * that "client", "argent", "parent", "talent" keep theirs. Both sides of every comparison are
 * stemmed alike, so a noun that loses it ("content" -> "cont") still matches its own forms.
 */
const MINIMUM_STEM_BEFORE_ENT = 4;

/**
 * The "-eur" of a doer or a quality ("hébergeur" / "héberger", "acheteur" / "acheter", "largeur" /
 * "large", "meilleure" / "meilleur") is removed last, when at least this many letters stay, so that
 * "moteur" is not "mot", and "valeur", "erreur", "auteur", "joueur" keep theirs.
 */
const MINIMUM_STEM_BEFORE_AGENT_SUFFIX = 4;

/**
 * A light French stemmer: crude but consistent, so that "automatiser",
 * "automatisation", "automatisée" and "automatisées" share the stem
 * "automatis", "emails" matches "email", "stories" matches "story", "réseaux" matches "réseau",
 * "oubliés" and "oublient" match "oublier", "réservent" matches "réserver", "hébergeur" matches
 * "hébergement"; verb families whose root changes ("inscris" / "inscription", "réponse" /
 * "répondre") get one stem from verb-families.ts.
 * Takes a folded word (see normalizeFrench); words of 3 letters or less are kept.
 */
export function stemFrench(word: string): string {
  if (/^\d+$/.test(word)) return word;
  const exception = STEM_EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length <= MINIMUM_STEM_LENGTH) return finalYAsI(word);
  let stem = stripPlural(word);
  const familyStem = verbFamilyStem(stem);
  if (familyStem !== undefined) return finalYAsI(familyStem);
  for (const [suffix, replacement] of DERIVATIONAL_SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MINIMUM_STEM_LENGTH) {
      stem = stem.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  for (const suffix of INFLECTION_SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MINIMUM_STEM_LENGTH) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  if (stem.endsWith('ent') && stem.length - 3 >= MINIMUM_STEM_BEFORE_ENT) stem = stem.slice(0, -3);
  if (stem.endsWith('eur') && stem.length - 3 >= MINIMUM_STEM_BEFORE_AGENT_SUFFIX) stem = stem.slice(0, -3);
  return finalYAsI(stem);
}

/** A final y reads as i (3 letters or more): "story" / "stories", "envoyer" / "envoi", "day" / "days", "pay" / "paiement". */
function finalYAsI(stem: string): string {
  return stem.length >= 3 && stem.endsWith('y') ? `${stem.slice(0, -1)}i` : stem;
}

/** Stems of the content words of a text (stop words removed), in order. */
export function contentStems(text: string): string[] {
  return tokenizeFrench(text)
    .filter((word) => !frenchStopWords.has(word))
    .map(stemFrench);
}

/** Content words (folded, unstemmed, stop words removed), in order. */
export function contentWords(text: string): string[] {
  return tokenizeFrench(text).filter((word) => !frenchStopWords.has(word));
}

/**
 * Splits text into sentences (on . ! ? … and line breaks), keeping each
 * sentence's punctuation. Markdown list markers and heading hashes are removed.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.split(/\n+/)) {
    const line = rawLine
      .replace(/^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)/, '')
      .replace(/\*\*|__/g, '')
      .trim();
    if (line === '') continue;
    // A sentence ends with . ! ? … followed by a space and a capital, a digit or a quote ("Systeme.io" stays whole).
    // Not after an abbreviation before a number ("art. 293 B"): french-text/abbreviations.ts.
    const pieces = joinedAfterAbbreviations(line.split(/(?<=[.!?…][»")]?)\s+(?=[A-ZÀ-ÖØ-Þ0-9«"(])/u).map((piece) => piece.trim()));
    for (const piece of pieces) {
      const sentence = piece.trim();
      if (sentence !== '') sentences.push(sentence);
    }
  }
  return sentences;
}

/**
 * Whether two folded words are one typo apart (one letter added, dropped, changed, or two
 * neighbours swapped): "tunel" / "tunnel", "hastag" / "hashtag", "légande" / "légende".
 */
export function isOneTypoApart(left: string, right: string): boolean {
  if (left === right || Math.abs(left.length - right.length) > 1) return false;
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start += 1;
  let leftEnd = left.length;
  let rightEnd = right.length;
  while (leftEnd > start && rightEnd > start && left[leftEnd - 1] === right[rightEnd - 1]) {
    leftEnd -= 1;
    rightEnd -= 1;
  }
  const leftMiddle = left.slice(start, leftEnd);
  const rightMiddle = right.slice(start, rightEnd);
  if (leftMiddle.length <= 1 && rightMiddle.length <= 1) return true; // added, dropped or changed
  return leftMiddle.length === 2 && rightMiddle.length === 2 && leftMiddle[0] === rightMiddle[1] && leftMiddle[1] === rightMiddle[0];
}
