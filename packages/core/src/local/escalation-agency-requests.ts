import { HOW_TO_ABOUT_ANYONE, SOMEONE_ELSES_CLIENTS, WANTS, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Requests to the agency found missing by blind round 7 (evaluation/blind-round-7/), each a class
 * of wording rather than a sentence, each vetoed when it reads as the visitor's own business:
 * - a consumer right exercised on a purchase ("exercer mon droit de rétractation"), not a clause to
 *   write in one's own terms of sale;
 * - a quote asked for plainly ("je voudrais un devis pour…"), not one to make for one's clients;
 * - "stop charging me" ("arrêtez de me prélever"), not a client's direct debit to stop;
 * - a document only the agency can issue (an attestation or certificate of the course, a proof of
 *   payment: an administrative matter, filed as billing), not a template to create for one's clients;
 * - contacting the agency again and again without an answer ("ça fait 3 fois que je vous écris");
 * - in English, reaching the agency ("how can I reach your support team?"), not one's audience.
 * The rules run on plainIntentText's form (escalation-intent.ts).
 */

/** Making a document or a clause oneself, for one's own offer or clients: a how-to, not a request. */
const MAKING_ONE =
  `(?:(?:creer|faire|rediger|generer|preparer|etablir|ecrire|create|write|make)(?: \\S+){0,2} (?:devis|attestations?|certificats?|clauses?|quotes?|certificates?)` +
  `|modele|template|canva|automati\\w*|comment|how|cgv|clauses?|mentions)`;

/** The visitor's own services ("un devis type pour mes prestations"): a template to make, not a quote to ask for. */
const OWN_OFFER = `(?:mes|ses|leurs|nos|my|our|their) (?:prestations?|services?|offres?|seances?|accompagnements?|programmes?|formations?|ateliers?)`;

export const AGENCY_REQUEST_RULES: readonly IntentRule[] = [
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:exercer|faire valoir|invoquer|utiliser|appliquer|activer|use|exercise|invoke)${gap(2)} (?:mon|le|my|the) (?:droit de retractation|delai de retractation|right (?:of|to) withdraw\\w*|cooling off (?:period|right))|(?:je me retracte|me retracter|withdraw from (?:my|the) (?:purchase|contract|order)))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE})\\b`),
  },
  {
    category: 'human',
    pattern: re(`\\b(?:${WANTS}|besoin d|j ai besoin d)${gap(1)} (?:un|le|votre|vos|a|your) (?:devis|quote)`),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE}|${OWN_OFFER}|(?:devis|quote) (?:types?|vierges?|template))\\b|${HOW_TO_ABOUT_ANYONE}`),
  },
  {
    category: 'billing',
    pattern: re(`\\b(?:(?:arretez|arreter|cessez|cesser|stoppez|stopper|stop) de me (?:prelever|debiter|facturer|faire payer)|stop (?:charging|billing|debiting) me)`),
    unless: re(`\\b${SOMEONE_ELSES_CLIENTS}\\b`),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:${WANTS}|besoin d|m envoyer|me fournir|me transmettre|me delivrer|me faire parvenir|obtenir|recevoir|send me|get)${gap(3)} (?:une |mon |ma |l |un |an |my |the )?(?:attestation|certificat|convention de formation|justificatif de (?:paiement|formation|suivi)|certificate|proof of (?:payment|purchase|attendance))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE}|pour (?:mes|leurs)|for my)\\b`),
  },
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:(?:\\d+|deux|trois|quatre|cinq|plusieurs|combien de|la \\w+) fois que (?:je|j) (?:vous|te) (?:ecri\\w*|relance\\w*|contacte\\w*|appelle\\w*|demande\\w*|envoie\\w*|redemande\\w*)|(?:(?:emailed|written to|messaged|contacted|called|asked) you|(?:wrote|sent) you (?:an )?(?:email|message)s?)${gap(2)} (?:\\d+|two|three|four|several|many|multiple) times)`,
    ),
  },
  {
    category: 'human',
    pattern: re(
      `\\b(?:reach|contact|email|call|get hold of|get in touch with|write to) (?:you|your (?:support|team|support team|customer service|staff|agency|office|coaches?)|the (?:support|support team|agency|team at))`,
    ),
    unless: re(`\\b(?:my|their|our) (?:clients?|customers?|students?|followers?|audience|subscribers?|community)\\b`),
  },
];
