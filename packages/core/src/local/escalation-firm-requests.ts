import { OWN_SUPPLIER, SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS, WAITING_ON_SOMEONE_ELSE, WANTS, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Requests to the agency found missing by blind round 8 (evaluation/blind-round-8/), each a class
 * of wording rather than a sentence:
 * - a bare request: the whole message is a refund, an invoice, a receipt or a termination, with at
 *   most a greeting, a "svp" or a "je voudrais" around it ("remboursement ?", "facture svp", "refund pls"); a word
 *   with anything else of substance ("facture automatique ?", "remboursement Stripe") is left to the
 *   other rules;
 * - a grievance a how-to elsewhere in the message does not cancel (`firm`): the visitor says they
 *   want to complain ("je veux me plaindre"), or has waited days for what only the agency gives
 *   ("ça fait 3 semaines que j'attends ma facture"), even after asking how to build a funnel;
 * - a sign-up to the agency's list without consent ("inscrite à votre newsletter sans mon accord",
 *   "je reçois vos mails alors que je ne me suis jamais inscrite"): a personal-data matter.
 * The rules run on plainIntentText's form (escalation-intent.ts).
 */

/** Words that may surround a bare request (svp and stp are already removed by the mending). */
const POLITE = `(?:bonjour|bonsoir|salut|hello|hi|hey|coucou|allo|urgent|c est urgent|please|merci|merci d avance|thanks|thank you|vite|asap|encore|toujours)`;
const BARE_REQUEST =
  `(?:(?:mon|ma|une|un|la|le|my|a|an|the|besoin (?:d une|d un|de ma|de mon|de la|du)|need (?:a|an|my)) )?` +
  `(?:remboursement|rembourse(?:ments|r|z)?|refund|facture|invoice|receipt|duplicata(?: de (?:ma |la )?facture)?|resiliation|resilier|desabonnement)` +
  // "Facture de mars", "la facture du mois dernier": still nothing but the request.
  `(?: (?:de|d|du|for) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|ce mois|mois dernier|last month|this month))?` +
  // "Facture de ma formation svp" (blind round 9): what the visitor bought, and nothing else.
  `(?: (?:de|du|pour|for) (?:ma|mon|la|le|l|my|the) ?(?:formation|programme|accompagnement|coaching|commande|inscription|dernier paiement|course|program|order))?`;

const DURATION = `(?:\\d+|deux|trois|quatre|cinq|six|quinze|plusieurs|des) (?:jours|semaines|mois|days|weeks|months)`;
/** What only the agency gives the visitor. */
const FROM_THE_AGENCY = `(?:ma|mon|mes|une|un|le|la|les|votre|vos|my|the|an?|any) (?:facture|remboursement|acces|identifiants|avoir|attestation|commande|invoice|refund|access)`;
/** The visitor's own payment tools and clients: waiting on them is their business. */
const OWN_TOOLS_OR_CLIENTS = `(?:${SOMEONE_ELSES_CLIENTS}|stripe|paypal|qonto|pennylane|shopify|woocommerce|sumup|gocardless|mollie)`;
/**
 * The object of a grievance: none ("je veux me plaindre."), or the agency and what it gives ("de
 * la formation", "about the coaching", "concernant le coaching de groupe"). Another object
 * ("de l'algorithme d'Instagram", "de mon hébergeur") is not the agency's business.
 */
const PREPOSITION = `(?:de|d|du|des|contre|aupres|a|au|aux|chez|sur|pour|par|envers|concernant|about|to|with|of|against|regarding|on|for)`;
const THE_AGENCY_OR_NOTHING =
  `(?: ?$| (?!${PREPOSITION} )\\S| (?:${PREPOSITION}|aupres de|a propos de?)${gap(1)} ` +
  `(?:vous|votre|vos|you|your|l agence|l equipe|the agency|the team|service|coaching|programme|program|formation|course|accompagnement|seances?|session|atelier|masterclass|audrey|carole))`;

const CONSENT = `sans (?:mon|ma) (?:accord|consentement|autorisation|permission)|without my (?:consent|permission|agreement)`;

export const FIRM_REQUEST_RULES: readonly IntentRule[] = [
  {
    category: 'billing',
    pattern: re(`^ (?:${POLITE} )*(?:${WANTS} )?${BARE_REQUEST}(?: ${POLITE})* $`),
  },
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:(?:je|j) (?:veux|voudrais|souhaite|souhaiterais|tiens a|vais|dois|aimerais) (?:me plaindre|faire une reclamation|deposer une reclamation|porter reclamation)|i (?:want|would like|d like|wish) to (?:complain|file a complaint|make a complaint))(?=${THE_AGENCY_OR_NOTHING})`,
    ),
    unless: re(`\\b(?:(?:comment|how)${gap(3)} (?:me plaindre|complain|reclamation)|me plaindre (?:moins|pas|jamais)|arreter de me plaindre|sans me plaindre|algorithmes?|algorithm|${OWN_SUPPLIER}|(?:de|contre) (?:ma|my) (?:banque|bank)|${OWN_TOOLS_OR_CLIENTS}|(?:plaindre|reclamation|complain)${gap(3)} (?:de|aupres de|chez|contre|about|to|with) ${THIRD_PARTY_PLATFORMS})\\b`),
    firm: true,
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:(?:ca|cela) fait|depuis) ${DURATION}${gap(1)} (?:que )?(?:j attends|je patiente|i ve been waiting|i have been waiting)${gap(1)} ${FROM_THE_AGENCY}|(?:j attends|i ve been waiting for|i have been waiting for)${gap(1)} ${FROM_THE_AGENCY}${gap(2)} (?:depuis|for) ${DURATION})`,
    ),
    // Their own tools and clients, another company's platform or shop, their own supplier.
    unless: re(`\\b(?:${OWN_TOOLS_OR_CLIENTS}|${WAITING_ON_SOMEONE_ELSE})\\b`),
    firm: true,
  },
  {
    category: 'personal_data',
    pattern: re(
      `\\b(?:(?:inscrite?|ajoutee?|abonnee?|enregistree?|mise?) (?:a|dans|sur) (?:votre|vos)${gap(3)} (?:${CONSENT})|(?:vous m avez|vous avez) (?:inscrite?|ajoutee?|abonnee?|mise?)${gap(5)} (?:${CONSENT})|(?:you|your team) (?:added|subscribed|signed up|put) me${gap(5)} (?:${CONSENT})|(?:recois|receive|get)${gap(1)} (?:vos|your) (?:e ?mails?|mails?|newsletters?|messages|sms)${gap(7)} (?:jamais inscrite?(?! autant| aussi| a autant)|never (?:signed up|subscribed)))`,
    ),
    // Their subscribers' consent; a compliment ("je reçois vos newsletters et j'adore").
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|(?:elles|ils|on) me (?:disent|dit|ecrivent|ecrit)|j adore|i love)\\b`),
  },
];
