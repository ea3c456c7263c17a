import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * Whether the agency allows an arrangement, asked without asking for it: "Puis-je payer en
 * plusieurs fois ?", "on peut geler le programme si je tombe malade ?", "vous acceptez les chèques
 * ?". The billing rules hand these
 * over; an offers page or an FAQ often says so, and a hand-over holds the conversation for a person.
 * A request ("je voudrais payer en 3 fois"), a refund or a charge ("prélevée deux fois") is not one.
 */
const ASKS_WHETHER_ALLOWED = / (?:puis je|est ce que je peux|est ce qu on peut|je peux|peut on|on peut|est il possible|c est possible|est ce possible|possible de|is it possible|can i) /;
const ARRANGEMENT = / (?:en (?:plusieurs|[2-9]|deux|trois|quatre|six|douze) (?:fois|mensualites|versements)|mensualites|echelonn\w*|geler|gel|mettre en pause|en pause|suspendre|reporter|in instal\w*) /;
/**
 * Which ways of paying the agency takes ("vous acceptez les chèques ?"): a payments page lists them.
 * Not "je peux changer la carte bancaire de mon abonnement ?" nor "payer par virement, c'est possible
 * ?" (an action on the visitor's own account or order: a person).
 */
const ASKS_WHICH_WAYS_OF_PAYING =
  / (?:vous acceptez|acceptez vous|do you (?:accept|take))(?: les| le| la| l| des| du| un| une| paiements?| reglements?| par| en)* (?:cheques?|especes|liquide|cash|virements?|paypal|cartes? bancaires?|cb|lydia|tickets? restaurants?|checks?|bank transfers?|credit cards?|cards?) /;
/**
 * The visitor says she can no longer pay (blind round 20: "je n'arrive plus à payer les mensualités. Est-ce qu'on peut trouver
 * un arrangement ?"): her own case, for a person, though the arrangement is asked as a question.
 */
const CANNOT_PAY = String.raw`(?:n arrive|arrive|ne peux|peux|ne parviens|parviens) (?:plus|pas) (?:a |de )?(?:payer|regler|honorer)`;
const ASKS_FOR_IT = new RegExp(String.raw` (?:je veux|je voudrais|je souhaite|j exige|j aimerais|rembours\w*|preleve\w*|debite\w*|factur\w*|${CANNOT_PAY}) `);
/**
 * Whether refunds are given, asked in general ("on peut se faire rembourser un atelier ?", "les
 * ateliers sont remboursables ?"): the refunds page says. Not the visitor's own purchase ("je peux
 * me faire rembourser mon pack ?", "remboursez-moi"): a person.
 */
const ASKS_THE_REFUND_RULE = / (?:(?:on peut|peut on|est ce qu on peut|est il possible de|c est possible de) (?:se faire )?rembourser|remboursables?) /;
/**
 * A purchase or a period of the visitor's own, though said impersonally (review of round 18: "c'est possible de se faire
 * rembourser le mois de décembre ?", "moyen de se faire rembourser le dernier prélèvement ?", "possible de le faire
 * rembourser ?"): a request, not the rule asked.
 */
const ABOUT_ONES_OWN = / (?:mon|ma|mes|je|j|me|moi|m|my|i|le mois (?:de|d) \w+|ce mois|ce mois ci|le mois dernier|les (?:\w+ )?derniers mois|(?:le|la|ce|cette) (?:dernier|derniere) (?:mois|prelevement|paiement|mensualite|echeance)|(?:la|cette) mensualite|(?:le|la|les) faire rembourser|(?:l atelier|la seance|le live|la masterclass) (?:de|du|d) (?:ce|cette|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|hier)) /;
/** Whether a billing message only asks whether the agency allows an arrangement (see above): the knowledge base may answer it. */
export function asksWhetherAnArrangementIsAllowed(message: string): boolean {
  const text = spacedFoldedWords(message);
  if (ASKS_THE_REFUND_RULE.test(text) && !ABOUT_ONES_OWN.test(text)) return true;
  return ((ASKS_WHETHER_ALLOWED.test(text) && ARRANGEMENT.test(text)) || ASKS_WHICH_WAYS_OF_PAYING.test(text)) && !ASKS_FOR_IT.test(text);
}
