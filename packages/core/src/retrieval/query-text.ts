import { withFrenchEquivalents } from '../french-text/english-query-words.ts';
import { withContactFactWords } from '../local/contact-facts.ts';
import { HASHING_EMBEDDER_MODEL } from '../local/hashing-embedder.ts';
import { LEXICAL_RERANKER_MODEL } from '../local/lexical-reranker.ts';

/**
 * What each part of retrieval is given for a visitor's question. The knowledge base is French: the
 * French full-text side, and the local models (which compare French words), get an English question
 * with its English function words dropped and French equivalents added (english-query-words.ts);
 * live embedders and rerankers are multilingual and get the question as written. A question asking
 * how to reach the agency ("vous êtes ouverts quand ?") also gets the words a contact page uses for
 * it ("horaires", local/contact-facts.ts) on the French-lexical side.
 */

const FRENCH_LEXICAL_MODELS: ReadonlySet<string> = new Set([HASHING_EMBEDDER_MODEL, LEXICAL_RERANKER_MODEL]);

/** The text an embedder or reranker called `model` is given for `question`. */
export function queryTextForModel(model: string, question: string): string {
  return FRENCH_LEXICAL_MODELS.has(model) ? withFrenchEquivalents(withContactFactWords(question)) : question;
}

/** The text the full-text side searches for `question`. */
export const fullTextQueryOf = (question: string): string => withFrenchEquivalents(withContactFactWords(question));
