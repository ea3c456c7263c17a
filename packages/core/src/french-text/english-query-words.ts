import { FRENCH_EQUIVALENTS } from './english-field-words.ts';
import { foldFrench, spacedFoldedWords } from './french-text.ts';

/**
 * Visitors sometimes write in English ("how many times a week should i post?"); the knowledge base
 * and its full-text index are French. For the French-lexical parts of retrieval (the full-text
 * side, the local hashing embedder and lexical reranker), an English question is given:
 *
 * - its English function words removed ("the" is also the folded French "thé", and "what kind
 *   of" matches nothing useful);
 * - after each English word of the agency's field, its French equivalents ("week" → "semaine",
 *   "coaching" → "accompagnement", "refund" → "remboursement").
 *
 * Words of both languages ("newsletter", "story", "email") are left as they are; everyday words for
 * the knowledge base's "email" and "spam" ("mes mails", "courriels", "courriers indésirables"), French
 * chat shorthand ("rdv", "tuto", "appli") and "taille" / "format" get the
 * documents' terms added, in either language. A French message
 * is kept as written; the French equivalents of its English field words ("mes followers", "mon
 * funnel") are added after it, except for words French has too ("comment", "page", "post").
 */

/** English function words (none of them a French word once folded, but "the", the tea; "make" is a tool). */
const ENGLISH_FUNCTION_WORDS = new Set(
  `the of and to in is it you your yours that for with my mine i im i'm ive i've do does did doing done how what which
  should would could can cant can't cannot will wont won't when where why who whom this those these there their they
  we our us be been being are was were have has had get got gets from at by or not no so if about into than then
  just any some many much more most very also too all each every kind sort way ways thing things someone something
  anyone anything please thanks hi hello hey oh ok okay keep keeps want wants need needs`.split(/\s+/),
);

/**
 * An English word's forms ("launching", "promoted", "pins") tried against the equivalents after the
 * word itself: without -ing (and with an e back: "promoting" → "promote"), -ed, -s.
 */
function equivalentOf(word: string): string | undefined {
  const direct = FRENCH_EQUIVALENTS.get(word);
  if (direct !== undefined || word.length < 5) return direct;
  const stems = word.endsWith('ing')
    ? [word.slice(0, -3), `${word.slice(0, -3)}e`]
    : word.endsWith('ed')
      ? [word.slice(0, -2), word.slice(0, -1)]
      : word.endsWith('s')
        ? [word.slice(0, -1)]
        : [];
  for (const stem of stems) {
    const equivalent = FRENCH_EQUIVALENTS.get(stem);
    if (equivalent !== undefined) return equivalent;
  }
  return undefined;
}

/**
 * The question with English function words dropped and French equivalents added after English
 * field words; the question itself when it has no English word.
 */
/**
 * English field words that are also French words ("comment", "content", "page", "post", "live"):
 * in a French message they are read as French, so no equivalent is added for them there.
 */
const ALSO_FRENCH: ReadonlySet<string> = new Set(
  `comment content page plan live long post posts film sales course courses programme program replay video videos camera
  difference contact sequence stories engagement spam list time offer start send first area font team tool error
  article articles podcast episode session sessions blog`.split(/\s+/),
);

/**
 * "Vous êtes où ?", "où êtes-vous ?", "where are you?": asks the agency's address in words that are
 * all stop words (its vector is zero, its full-text query empty): searched as "adresse locaux".
 */
const ASKS_WHERE_THE_AGENCY_IS = /\b(?:vous etes ou|ou etes vous|ou vous trouver|ou se trouve l agence|ou est l agence|ou etes vous situes|where are you|where is your)\b/;
const ADDRESS_WORDS = 'adresse locaux';

/**
 * French phrases for a field term the documents write otherwise: "lettre d'info", "lettre
 * d'information" (the official French word) for "newsletter" (blind round 11: "ma lettre d'info"
 * found a countdown guide before the newsletter one).
 */
const PHRASE_EQUIVALENTS: ReadonlyArray<[RegExp, string]> = [[/\blettres? d ?info(?:rmation)?s?\b/, 'newsletter']];

/**
 * "make" as the English verb ("how do I make a reel?", "how to make my first zap", "make sure"), not Make the tool ("is Make
 * cheaper than Zapier?"): after a subject, "to" or an auxiliary, or before a determiner. Kept, it matched every line naming
 * the tool: "how do I make a reel?" quoted the Zapier and Make guide (a probe of `pnpm start`, 2026-12-05).
 */
const BEFORE_MAKE_THE_VERB = new Set('i we you they to do does did can could should would will lets let me help'.split(' '));
const AFTER_MAKE_THE_VERB = new Set('a an my the your our their this that these those some more sure it them money good great better'.split(' '));
/** Words after which "make" is the tool even after "to" ("connect Stripe to Make and Sheets", "switch to Make or Zapier?"). */
const AFTER_MAKE_THE_TOOL = new Set('and or vs versus instead with via than is are scenario scenarios account plan'.split(' '));
const makesAVerb = (before: string | undefined, after: string | undefined): boolean =>
  (after !== undefined && AFTER_MAKE_THE_VERB.has(after)) ||
  (before !== undefined && BEFORE_MAKE_THE_VERB.has(before) && after !== undefined && !AFTER_MAKE_THE_TOOL.has(after));

export function withFrenchEquivalents(question: string): string {
  const expanded = withWordEquivalents(question);
  const folded = spacedFoldedWords(question);
  const phrases = PHRASE_EQUIVALENTS.filter(([phrase, equivalent]) => phrase.test(folded) && !folded.includes(` ${equivalent} `)).map(([, equivalent]) => equivalent);
  const withPhrases = phrases.length === 0 ? expanded : `${expanded} ${phrases.join(' ')}`;
  return ASKS_WHERE_THE_AGENCY_IS.test(folded) ? `${withPhrases} ${ADDRESS_WORDS}`.trim() : withPhrases;
}

function withWordEquivalents(question: string): string {
  const written = foldFrench(question).split(/[^a-z0-9']+/).filter((word) => word !== '');
  // An elided article is no part of the word: "d'abonnés", "l'upsell" are looked up as "abonnés", "upsell".
  const words = written.map((word) => word.replace(/^(?:l|d|j|qu|n|s|c|m|t)'(?=[a-z0-9])/, ''));
  const readsAsEnglish = words.filter((word) => ENGLISH_FUNCTION_WORDS.has(word)).length >= 2;
  if (!readsAsEnglish) {
    // A French message with English field words ("mes followers", "mon funnel"): their French
    // equivalents are added after the message, which is kept as written.
    const added = words
      .filter((word) => !ALSO_FRENCH.has(word))
      .map((word) => FRENCH_EQUIVALENTS.get(word))
      .filter((equivalent): equivalent is string => equivalent !== undefined && !words.includes(equivalent));
    return added.length === 0 ? question : `${question} ${[...new Set(added)].join(' ')}`;
  }
  const kept: string[] = [];
  for (const [index, word] of words.entries()) {
    if (ENGLISH_FUNCTION_WORDS.has(word)) continue;
    // As written: "Make m'a envoyé…" is the tool ("m'a" is no English "a").
    if (word === 'make' && makesAVerb(written[index - 1], written[index + 1])) continue;
    // "how long": a length of time asked, as the French says it (quantity-question.ts reads it from the search text too:
    // "how long should a reel be?" ranked the access page's "Durée d'accès" first, its "durée" taken for the subject).
    if (word === 'long' && written[index - 1] === 'how') {
      kept.push('combien de temps');
      continue;
    }
    kept.push(word);
    const equivalent = equivalentOf(word);
    if (equivalent !== undefined && equivalent !== word) kept.push(equivalent);
  }
  return kept.join(' ');
}
