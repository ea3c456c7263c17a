import { foldFrench } from '../french-text/french-text.ts';

/**
 * A question that asks for an amount: a price ("C'est combien Forêt ?", "ça coûte combien ?", "quel
 * est le tarif ?") or a number ("combien d'emails dans la séquence ?", "combien de temps ?", "how
 * many"). Its framing words are not matched against the sources (french-text/question-words.ts), so
 * without this cue the answerer cannot tell the sentence that states the amount ("Prix : 3 900 €")
 * from one that only names the subject ("Forêt n'est pas remboursable…").
 */
export type QuantityAsked = 'price' | 'number';

/** A count or a length of time: "combien d'emails", "combien de temps", "elle dure combien", "how many". */
const ASKS_FOR_A_COUNT = /\b(?:combien de(?! (?:euros?|dollars?|sous|argent)\b)|combien d|dure\w*|duree|how many|how long|nombre de|a partir de quel(?:le)?)\b/;
/**
 * A price: "ça coûte combien", "c'est combien", any other "combien", "quel est le prix", "how much".
 * Not a how-to about prices ("comment calculer le prix de mes séances").
 */
const ASKS_FOR_A_PRICE = /\b(?:combien|how much|quel(?:le)?s? (?:est |sont )?(?:le |la |les |vos |votre )?(?:prix|tarifs?|couts?)|what(?: is| s) the (?:price|cost))\b/;

/** A second question in the same message ("Combien coûte Graine et est-ce que les séances sont enregistrées ?"). */
const ANOTHER_QUESTION = /\?.*\S.*\?|\b(?:et|mais|aussi) (?:est ce que|est ce qu|comment|pourquoi|quel(?:le)?s?|ou|quand|qui|que|qu|peut on|puis je|on peut|je peux|faut il|y a t il)\b/;

/** The amount the question asks for; null when it asks for none, or also asks something else (the bonus would crowd that answer out). */
export function quantityAskedBy(question: string): QuantityAsked | null {
  const text = foldFrench(question).replace(/['’-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (ANOTHER_QUESTION.test(text)) return null;
  if (ASKS_FOR_A_COUNT.test(text)) return 'number';
  if (ASKS_FOR_A_PRICE.test(text)) return 'price';
  return null;
}

const STATES_A_PRICE = /\d\s?(?:€|euros?\b|eur\b|\$|chf\b)|(?:€|\$)\s?\d|\bgratuite?s?\b|\bfree\b/i;
const STATES_A_NUMBER = /\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent|mille)\b/i;

/** Whether a passage states the kind of amount the question asks for (a price: a figure with its currency, or free). */
export function statesQuantity(passage: string, asked: QuantityAsked): boolean {
  return asked === 'price' ? STATES_A_PRICE.test(passage) : STATES_A_NUMBER.test(passage);
}
