import type { RouteTarget } from '../contract/chat-schemas.ts';
import { frenchStopWords, stemFrench, tokenizeFrench } from '../french-text/french-text.ts';
import { routingKeywords, type RoutingKeyword } from './routing-keywords.ts';

/**
 * The routing keywords compiled once for the keyword router (keyword-router.ts): their terms (words
 * or stems), function words and misspelling word, and an index by first term, so that scoring a
 * message looks only at the keywords that can occur in it.
 */

export interface CompiledKeyword extends RoutingKeyword {
  terms: string[];
  /** Per term: a function word ("à", "la", "de"), which binds to the next word (no gap allowed after it). */
  functionWords: boolean[];
  /** The word a misspelling is compared with (isMisspeltIn), or null when the keyword is not looked for misspelt. */
  typoWord: string | null;
}

/** Words and keywords of at least this many letters may be matched one typo apart. */
export const TYPO_MIN_LETTERS = 5;

/**
 * Determiners that stand for one another inside a phrase matched on stems: "programmer mes posts"
 * is also "programmer les posts", "tes posts", "vos posts" ("et pour programmer les posts ?" went to
 * Audrey on "programmer" while the phrase naming Carole's topic missed; a blind probe, 2026-12-04).
 * Plural and singular ones apart. Not "son", also a noun ("quel son mettre ?", french-text.ts).
 */
const PLURAL_DETERMINERS: ReadonlySet<string> = new Set(['les', 'mes', 'tes', 'ses', 'nos', 'vos', 'leurs', 'ces', 'des']);
const SINGULAR_DETERMINERS: ReadonlySet<string> = new Set(['le', 'la', 'mon', 'ma', 'ton', 'ta', 'sa', 'notre', 'votre', 'leur', 'ce', 'cet', 'cette']);

/** A message's word as the stemmed keywords' terms are written: its stem, or its determiner's class. */
export function keywordTermOf(word: string): string {
  if (PLURAL_DETERMINERS.has(word)) return '<determinant-pluriel>';
  if (SINGULAR_DETERMINERS.has(word)) return '<determinant-singulier>';
  return stemFrench(word);
}

const compile = (keyword: RoutingKeyword): CompiledKeyword => {
  const words = tokenizeFrench(keyword.phrase);
  // Only a one-word, specific keyword (weight >= 2, matched on stems) of TYPO_MIN_LETTERS letters or more.
  const typoWord = !keyword.exact && keyword.weight >= 2 && words.length === 1 && words[0]!.length >= TYPO_MIN_LETTERS ? words[0]! : null;
  // A one-word keyword is its own stem (a determiner alone is no keyword).
  const terms = keyword.exact ? words : words.length === 1 ? words.map(stemFrench) : words.map(keywordTermOf);
  return { ...keyword, terms, functionWords: words.map((word) => frenchStopWords.has(word)), typoWord };
};

/**
 * Keywords that compile to the same terms ("visuel" and "visuels", "email" and "emails") are one
 * keyword: the highest weight is kept, so a word does not count twice through its plural.
 */
function compileAll(keywords: readonly RoutingKeyword[]): CompiledKeyword[] {
  const byTerms = new Map<string, CompiledKeyword>();
  for (const keyword of keywords.map(compile)) {
    const key = `${keyword.exact ? 'exact' : 'stem'}:${keyword.terms.join(' ')}`;
    const known = byTerms.get(key);
    if (!known || known.weight < keyword.weight) byTerms.set(key, keyword);
  }
  // A one-word exact keyword that a one-word stem keyword already matches (the English "videos" and
  // the French "vidéos", folded alike) is the same word: "et pour les vidéos ?" counted it twice.
  return [...byTerms.values()].filter((keyword) => {
    if (!keyword.exact || keyword.terms.length !== 1) return true;
    const sameStem = byTerms.get(`stem:${stemFrench(keyword.terms[0]!)}`);
    return sameStem === undefined || sameStem.weight < keyword.weight;
  });
}

const compiledKeywords: Record<RouteTarget, CompiledKeyword[]> = {
  audrey: compileAll(routingKeywords.audrey),
  carole: compileAll(routingKeywords.carole),
  escalate: compileAll(routingKeywords.escalate),
};

/**
 * A target's keywords by first term (positions in its compiled list), for exact and stemmed
 * keywords apart: a keyword can only occur in a message that holds its first term, so a message is
 * checked against those keywords only, not against every keyword.
 */
interface KeywordIndex {
  exact: Map<string, number[]>;
  stem: Map<string, number[]>;
  /** The keywords that may be found misspelt (isMisspeltIn). */
  misspellable: CompiledKeyword[];
}

function indexKeywords(keywords: readonly CompiledKeyword[]): KeywordIndex {
  const index: KeywordIndex = { exact: new Map(), stem: new Map(), misspellable: keywords.filter((keyword) => keyword.typoWord !== null) };
  keywords.forEach((keyword, position) => {
    const first = keyword.terms[0];
    if (first === undefined) return;
    const byFirstTerm = keyword.exact ? index.exact : index.stem;
    byFirstTerm.set(first, [...(byFirstTerm.get(first) ?? []), position]);
  });
  return index;
}

export const keywordIndexes: Record<RouteTarget, KeywordIndex> = {
  audrey: indexKeywords(compiledKeywords.audrey),
  carole: indexKeywords(compiledKeywords.carole),
  escalate: indexKeywords(compiledKeywords.escalate),
};

/** The target's keywords whose first term the message holds, in their compiled order. */
export function candidateKeywords(target: RouteTarget, words: readonly string[], stems: readonly string[]): CompiledKeyword[] {
  const { exact, stem } = keywordIndexes[target];
  const positions = new Set<number>();
  for (const word of words) for (const position of exact.get(word) ?? []) positions.add(position);
  for (const term of stems) for (const position of stem.get(term) ?? []) positions.add(position);
  return [...positions].sort((a, b) => a - b).map((position) => compiledKeywords[target][position]!);
}

/** Every stem a keyword is made of (exact terms stemmed, stem terms as they are): a word of the message that is one is not a typo of another. */
export const knownStems = new Set(
  Object.values(compiledKeywords).flatMap((keywords) => keywords.flatMap((keyword) => (keyword.exact ? keyword.terms.map(stemFrench) : keyword.terms))),
);
