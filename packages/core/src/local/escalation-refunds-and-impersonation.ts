import { CLIENT_NOUNS, THIRD_PARTY_PLATFORMS, OWN_SUPPLIER, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Refunds asked of the agency impersonally and messages in the agency's name (classes a review of blind round 18 found,
 * 2026-12-05), on plainIntentText's form (escalation-intent.ts):
 * - a refund asked with an impersonal infinitive ("c possible de se faire rembourser le mois de décembre ?", "moyen de se
 *   faire rembourser le dernier prélèvement ?", "c'est possible de le faire rembourser ?"): the visitor asks the agency,
 *   whoever "se" is, unless someone else is the subject ("mes clientes peuvent se faire rembourser", "elles peuvent"), or
 *   another company, a supplier or a public body is who refunds ("un achat Canva", "par la mutuelle", "la TVA"), or the
 *   visitor's own terms or offer are what is written, or the refund is denied ("comment écrire dans mes CGV qu'on ne peut
 *   pas se faire rembourser ?");
 * - a message said to come from the agency, asked whether it is genuine ("on m'a écrit de la part de l'agence… c'est du
 *   fake ?", "un sms au nom de votre agence qui me demande de payer, c'est vous ?", "un mec se présentant comme coach de
 *   l'agence, c'est normal ?"), or the agency's name or a false account of it used ("quelqu'un utilise le nom de votre
 *   agence sur insta", "un faux compte de l'agence me demande de payer"): only a person of the agency can say it is
 *   theirs; not a message from another agency ("de la part d'une agence de pub") or a platform ("de la part d'Instagram").
 */

/** Someone else is who gets the refund ("mes clientes peuvent se faire rembourser", "elles peuvent se faire rembourser"). */
const SOMEONE_ELSE_AS_SUBJECT = `(?<!\\b(?:elles?|ils?|${CLIENT_NOUNS}|gens|personnes|qui|acheteu\\w+)(?: \\S+){0,5} )`;
/** Who refunds is another company, a supplier or a public body ("un achat Canva", "par la mutuelle", "la TVA", "mes frais"). */
const REFUNDED_BY_SOMEONE_ELSE = re(
  `\\b(?:${THIRD_PARTY_PLATFORMS}|${OWN_SUPPLIER}|stripe|paypal|etsy|amazon|vinted|sncf|mutuelle|secu|securite sociale|cpam|assurance|tva|impots?|cpf|opco|faf\\w*|france travail|pole emploi|frais|billet|banque)\\b|\\b(?:mes|ma|mon) (?:cgv|conditions|page de vente|ebook|e book|boutique|site|offre|tunnel)\\b|\\b(?:pas|plus|jamais) (?:de |d )?(?:se faire rembourser|etre rembourse)`
    // The visitor refunding a client ("est-ce possible de rembourser une cliente mécontente ?", "peut-on rembourser une
    // participante après 14 jours ?": handed over, review of the routing changes of 2026-12-05): their business's question.
    + `|\\brembourser (?:\\S+ ){0,2}(?:${CLIENT_NOUNS}|quelqu un|les gens|une personne|(?:un|une|des|mes|ses) acheteu\\w+)\\b`,
);

export const IMPERSONAL_REFUND_ASKED = re(
  `\\b(?:${SOMEONE_ELSE_AS_SUBJECT}se faire rembourser|(?:possible|moyen|peut on|pourrait on|est ce qu on peut) (?:de |d )?(?:me |le |la |les )?(?:faire )?rembourser|(?:possible|moyen) (?:de |d )?etre rembourse\\w*)`,
);

/** Said to come from the agency or its team ("de la part de l'agence", "au nom de votre agence", "soi-disant de votre équipe"). */
const THE_AGENCY_AS_SENDER = `(?:l agence|votre agence|votre equipe|l equipe|vous|chez vous|audrey|carole)(?! (?:de|d) (?:pub|publicite|com|communication|marketing|voyages?|influence|mannequins?|casting|interim|immobiliere|web)\\b)`;
const IN_THE_AGENCYS_NAME = `(?:(?:de la part|au nom) (?:de |d )?${THE_AGENCY_AS_SENDER}|de votre part|soi disant (?:de |d |venant de )?${THE_AGENCY_AS_SENDER}|(?:se presentant|se presente|se presentait|se faisant passer|se fait passer|pretend\\w*|disant|qui dit|qui disait)(?: comme| pour| etre| travailler| venir| faire partie)?(?: de| d| a| chez)? (?:${THE_AGENCY_AS_SENDER}|(?:un |une |la |le )?(?:coach|membre|conseillere?|salariee?|employee?|assistante?|responsable) (?:de |d )?${THE_AGENCY_AS_SENDER}))`;
/**
 * The agency's name, logo or a false account of it used by someone ("utilise le nom de votre agence", "un faux compte de l'agence"),
 * or someone posing as it ("quelqu'un se fait passer pour votre équipe sur whatsapp", review of the routing changes of
 * 2026-12-05: the clarifying question): reported, it needs no question. Not "l'équipe" alone ("pour l'équipe Instagram").
 */
const POSES_AS_THE_AGENCY = `(?:(?:se (?:fait|font|faisant|faisait|faire) passer) pour (?:l agence|votre agence|votre equipe|vous|chez vous|audrey|carole)\\b(?! (?:de|d) )|(?:utilise\\w*|usurpe\\w*|reprend\\w*|copie\\w*|vole\\w*) (?:le nom|le logo|l identite|les photos|le visuel) (?:de |d )${THE_AGENCY_AS_SENDER}|faux (?:comptes?|profils?|mails?|sites?|numeros?) (?:de |d |au nom de |a l effigie de )${THE_AGENCY_AS_SENDER})`;
/** Whether it is genuine: "c'est du fake ?", "c'est une arnaque ?", "c'est bien vous ?", "c'est normal ?", "c'est officiel ?". */
const IS_IT_GENUINE = `(?:fake|arnaqu\\w*|phishing|hameconnage|scam\\w*|frauduleu\\w*|un faux|une fausse|c est (?:bien |vraiment )?vous|c est (?:normal|vrai|officiel|serieux|legit\\w*)|normal(?= $)|vraiment (?:vous|de chez vous|de l agence)|legit\\w*|authentique|je (?:dois|peux) (?:payer|repondre|cliquer|donner))`;

/**
 * Whether what the agency sells is refundable ("votre formation est remboursable ?", "on m'a offert un coaching chez vous…,
 * remboursable ?", review of the routing changes of 2026-12-05: the clarifying question): the refund asked as a property.
 */
const THE_AGENCYS_OFFER = `(?:(?:votre|vos) (?:formations?|programmes?|coachings?|accompagnements?|ateliers?|masterclass|offres?|seances?|cours|modules?|abonnements?|club)|chez vous|avec vous|de l agence)`;
const THE_AGENCYS_OFFER_REFUNDABLE = re(`\\bremboursables?\\b(?=.*\\b${THE_AGENCYS_OFFER}\\b)|\\b${THE_AGENCYS_OFFER}\\b.*\\bremboursables?\\b`);

export const REFUND_AND_IMPERSONATION_RULES: readonly IntentRule[] = [
  { category: 'billing', pattern: IMPERSONAL_REFUND_ASKED, unless: REFUNDED_BY_SOMEONE_ELSE },
  { category: 'billing', pattern: THE_AGENCYS_OFFER_REFUNDABLE, unless: REFUNDED_BY_SOMEONE_ELSE },
  { category: 'human', pattern: re(`\\b${IN_THE_AGENCYS_NAME}\\b.*\\b${IS_IT_GENUINE}|\\b${IS_IT_GENUINE}\\b.*\\b${IN_THE_AGENCYS_NAME}|\\b${POSES_AS_THE_AGENCY}`) },
];

/** Marks of quotation: what a received message says is quoted ("'votre compte a enfreint nos règles…'", « … », “ … ”, "…"). */
const QUOTED_SPAN = /(?<=^|[\s(:,])(?:'([^']{3,200})'(?=$|[\s.,;:!?…)])|"([^"]{3,200})"|«([^»]{3,200})»|“([^”]{3,200})”)/gu;
const SECOND_PERSON = /(?<![\p{L}'’])(?:votre|vos|vous|your|you)(?![\p{L}'’])/giu;

/**
 * The message with the second person left out of what it quotes: "recu un msg insta 'votre compte a enfreint nos regles…'
 * c une arnaque" (review of round 18: handed over as a complaint) quotes a message that addresses the visitor, and its
 * "votre" is not the agency. Read by the scam reading only (A_RECEIVED_MESSAGE_IS_A_SCAM); every other rule reads the
 * message as written.
 */
export const withoutTheQuotedAddress = (message: string): string =>
  message.replace(QUOTED_SPAN, (span) => `${span[0]}${span.slice(1).replace(SECOND_PERSON, ' ')}`);
