import { HOW_TO_ABOUT_ANYONE, QUOTE_FROM_A_SUPPLIER, SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS, WANTS, gap, re, type IntentRule } from './escalation-patterns.ts';

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

/** Making something oneself ("rédiger une clause", "créer un devis"): the verb, up to two words, then what is made. */
const MAKING = (what: string) => `(?:creer|faire|rediger|generer|preparer|etablir|ecrire|create|write|make)(?: \\S+){0,2} (?:${what})`;
/** A template or a tool: the visitor makes the thing with it. */
const TEMPLATE_OR_TOOL = `modele|template|canva|automati\\w*`;

/** Making a document or a clause oneself, for one's own offer or clients: a how-to, not a request. */
/**
 * Writing or putting something on a document ("est-ce que je peux écrire diplôme sur l'attestation de ma
 * formation", "mettre mon logo sur le certificat"): the visitor composes it (blind round 13).
 */
const WRITING_ON_ONE = `(?:ecrire|mettre|ajouter|inscrire|indiquer|marquer|write|put|add)(?: \\S+){0,3} (?:sur|dans|on|in) (?:l|le|la|les|mon|ma|mes|the|my) (?:devis|attestations?|certificats?|certificates?)`;
const MAKING_ONE = `(?:${MAKING('devis|attestations?|certificats?|clauses?|quotes?|certificates?')}|${WRITING_ON_ONE}|${TEMPLATE_OR_TOOL}|comment|how|cgv|clauses?|mentions)`;

/**
 * Writing a clause into one's own terms (for the rétractation rule): a how-to only when it makes
 * something ("comment rédiger…", "comment mettre … dans mes CGV"); "je veux exercer mon droit de
 * rétractation, comment faire ?" asks how to use the right, a request.
 */
const MAKING_A_CLAUSE =
  `(?:${MAKING('clauses?|mentions?')}` +
  `|(?:comment|how (?:to|do i|can i|should i))${gap(1)} (?:rediger|ecrire|mettre|ajouter|creer|integrer|inclure|formuler|faire (?:figurer|apparaitre|un|une|la|le|les|ma|mon|mes)|write|add|put|include|create|word|draft)` +
  `|${TEMPLATE_OR_TOOL}|cgv|cgu|clauses?|mentions)`;
/** An obligation of the visitor as a seller ("dois-je appliquer le délai de rétractation à mes séances ?"). */
const MUST_I = `(?:dois je|je dois|faut il|do i have to|must i)${gap(1)} (?:appliquer|proposer|accorder|offrir|respecter|mettre|inclure|rembourser|accepter|apply|offer|give|grant|honou?r|accept|include)`;

/** A plain request for a quote (not "je peux envoyer un devis", "can I send a quote"). */
const ASKS_FOR = `(?:je (?:veux|voudrais|souhaite|souhaiterais|aimerais|exige)|j (?:aimerais|exige)|j ai besoin d|besoin d|pouvez vous|pourriez vous|vous pouvez|i (?:d like|would like|want|need))`;
/** A quote from the visitor's own supplier, or one they send or make ("un devis de mon webdesigner", "envoyer un devis"). */
const NOT_THE_AGENCY_QUOTE =
  `${QUOTE_FROM_A_SUPPLIER}|(?:(?<!\\bm )envoyer|send(?! me)|(?<!\\bme )faire|(?<!\\bme )creer|create|make)${gap(2)} (?:devis|quotes?)`;

/** A document that names what the visitor has with the agency ("mon attestation", "une attestation de formation … vous pouvez"). */
const DOCUMENT = `(?:attestations?|certificats?|certificates?|justificatifs?|convention de formation|proof of (?:payment|purchase|attendance))`;
const WITH_THE_AGENCY = `(?:\\b(?:vous|votre|vos|you|your)\\b|\\b(?:mon|ma|mes|my) (?:\\S+ )?${DOCUMENT}|${DOCUMENT}${gap(4)} (?:de (?:la|votre|ma|mon) (?:formation|accompagnement|programme|coaching)|de l accompagnement|de (?:paiement|suivi|presence|fin de formation)|d assiduite|of (?:payment|completion|attendance)|for the (?:course|program|coaching)))`;
/** A document about something else: a course elsewhere, insurance, a label ("un certificat en PNL", "une attestation Qualiopi"). */
const ANOTHER_DOCUMENT = `(?:une?|an?) (?:attestations?|certificats?|certificates?)${gap(2)} (?:(?:en|in) (?!pdf|ligne|line|format)\\w+|de coach\\w*|qualiopi|d assurance)|certification|qualiopi|d assurance|ssl|https`;

/** The agency's team, in English ("your support team", "the agency"). */
const THE_TEAM = `(?:your (?:support|team|support team|customer service|staff|agency|office|coaches?)|the (?:support|support team|agency|team at))`;

/** The visitor's own services ("un devis type pour mes prestations"): a template to make, not a quote to ask for. */
const OWN_OFFER = `(?:mes|ses|leurs|nos|my|our|their) (?:prestations?|services?|offres?|seances?|accompagnements?|programmes?|formations?|ateliers?)`;

/**
 * The visitor's own coach at the agency changed ("Je veux changer de coach, la mienne ne me correspond pas", blind round 19:
 * got the clarifying question): a request about the accompaniment, for a person. Not someone else's wish ("mes clientes
 * veulent changer de coach") nor a how-to about anyone ("comment dire à une cliente qu'elle peut changer de coach").
 */
const CHANGING_ONES_COACH = `(?:${WANTS}|puis je|est ce que je peux|est il possible de|possible de|j ai besoin de|i (?:want|would like|d like) to)${gap(2)} (?:changer (?:de|d) (?:coach|accompagnatrice|accompagnante|mentor)|avoir (?:une autre|un autre|une nouvelle|un nouveau) (?:coach|accompagnatrice|mentor)|change (?:my )?coach)`;

export const AGENCY_REQUEST_RULES: readonly IntentRule[] = [
  {
    category: 'human',
    pattern: re(`\\b${CHANGING_ONES_COACH}\\b`),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|(?:mes|ses|leurs|une|des|les) (?:clientes?|clients?|coachees?|eleves?|abonnees?))\\b|${HOW_TO_ABOUT_ANYONE}`),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:exercer|faire valoir|invoquer|utiliser|user|use|exercise|invoke)${gap(2)} (?:mon|le|my|the) (?:droit de retractation|delai de retractation|right (?:of|to) withdraw\\w*|cooling off (?:period|right))|(?:je me retracte|me retracter|withdraw from (?:my|the) (?:purchase|contract|order))|(?:droit|delai) de retractation${gap(3)} (?:pour|sur|a|de|du|avec) (?:votre|vos|ton|ta|tes|le programme|la formation|l accompagnement|le coaching|ce que j ai achete)|(?:right (?:of|to) withdraw\\w*|cooling off (?:period|right))${gap(3)} (?:for|on) (?:your|the course|the program|the coaching))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_A_CLAUSE}|${OWN_OFFER}|${MUST_I})\\b`),
  },
  {
    category: 'human',
    pattern: re(`\\b${ASKS_FOR}${gap(1)} (?:un|le|votre|vos|a|your) (?:devis|quote)`),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE}|${OWN_OFFER}|(?:devis|quote) (?:types?|vierges?|template)|${NOT_THE_AGENCY_QUOTE})\\b|${HOW_TO_ABOUT_ANYONE}`),
  },
  {
    category: 'billing',
    pattern: re(`\\b(?:(?:arretez|arreter|cessez|cesser|stoppez|stopper|stop) de me (?:prelever|debiter|facturer|faire payer)|stop (?:charging|billing|debiting) me)`),
    // Not money: "arrêtez de me prélever l'énergie avec ces algorithmes".
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|de me (?:prelever|debiter) (?:l |mon |ma |du |de l )?(?:energie|temps|patience|moral|vie))\\b`),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:${WANTS}|besoin d|il me faut|m envoyer|me fournir|me transmettre|me delivrer|me faire parvenir|obtenir|recevoir|send me|get)${gap(3)} (?:une |mon |ma |mes |les |des |l |un |an |my |the )?(?:attestations?|certificats?|convention de formation|justificatifs? de (?:paiement|formation|suivi)|certificates?|proof of (?:payment|purchase|attendance))`,
    ),
    // Only a document of the agency (WITH_THE_AGENCY, or the vetoes win), not one for their clients or from elsewhere.
    unless: re(`^(?!.*(?:${WITH_THE_AGENCY}))|\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE}|${ANOTHER_DOCUMENT}|pour (?:mes|leurs)|for my)\\b`),
  },
  // An invoice of the agency made out to the visitor's company ("il me faudrait une facture au nom de ma société").
  {
    category: 'billing',
    pattern: re(
      `\\b(?:${WANTS}|il me (?:faut|faudrait)|besoin d|m envoyer|me faire|send me)${gap(3)} (?:une |la |ma |mes |les |an |the |my )?(?:factures?|invoices?)${gap(3)} (?:au nom de|made out to|in the name of|avec (?:le|mon) (?:numero de tva|siret)|with (?:my|the) (?:vat|company))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${MAKING_ONE}|pour (?:mes|leurs)|for my)\\b`),
  },
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:(?:[2-9]|\\d{2,}|deux|trois|quatre|cinq|six|dix|plusieurs|la (?:deuxieme|seconde|troisieme|quatrieme|cinquieme|sixieme|dixieme|enieme|nieme|(?:[2-9]|\\d{2,})(?:e|eme|ieme|nde))) fois que (?:je|j) (?:vous|te) (?:ecri\\w*|relance\\w*|contacte\\w*|appelle\\w*|demande\\w*|envoie\\w*|redemande\\w*)|(?:(?:emailed|written to|messaged|contacted|called|asked) you|(?:wrote|sent) you (?:an )?(?:email|message)s?)${gap(2)} (?:[2-9]|\\d{2,}|two|three|four|five|several|many|multiple) times)`,
    ),
  },
  {
    category: 'human',
    pattern: re(
      `\\b(?:(?:reach|contact|email|get hold of|get in touch with|write to) (?:you|${THE_TEAM})|call ${THE_TEAM}|(?:can|could|may) (?:i|we) (?:call you|give you a call)(?! (?:audrey|carole|\\S+ or))|call you (?:back|tomorrow|today|by phone|on the phone|about))`,
    ),
    // Their own audience; another company's support, or a channel to share ideas ("reach you on Instagram").
    unless: re(`\\b(?:(?:my|their|our) (?:clients?|customers?|students?|followers?|audience|subscribers?|community)|(?:of|at|on|from|via|through) ${THIRD_PARTY_PLATFORMS})\\b`),
  },
];
