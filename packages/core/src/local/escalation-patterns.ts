/**
 * Patterns shared by the escalation rules (escalation-intent.ts) and signals
 * (escalation-signals.ts). They run on the plain form of a message (plainIntentText: folded,
 * punctuation turned into spaces, misspellings mended).
 */

import type { EscalationCategory } from '../capabilities/capabilities.ts';

export interface EscalationIntent {
  category: EscalationCategory;
  /** The phrase that shows the intent (for the reasoning; never the whole message). */
  evidence: string;
}

/** One rule of escalation-intent.ts: a category and its pattern. */
export interface IntentRule {
  category: EscalationCategory;
  pattern: RegExp;
  /** The rule does not apply when this matches too. */
  unless?: RegExp;
  /** A grievance a how-to elsewhere in the message does not cancel ("comment créer un tunnel, mais je veux me plaindre"). */
  firm?: boolean;
}

/** Clients, subscribers or students (of the visitor, or of anyone). */
export const CLIENT_NOUNS = `(?:cliente?s?|clients?|abonnee?s?|eleves?|prospects?|participante?s?|inscrite?s?|patiente?s?|coachee?s?|stagiaires?|consultante?s?|customers?|students?|patients?)`;
/** Clients, subscribers or students of the visitor (or of anyone): their payment, their emails; "mes futurs clients" too. */
export const SOMEONE_ELSES_CLIENTS = `(?:(?:mes|ses|leurs|my|their|ma|mon|une|un|la|les|des|d une|d un) ${CLIENT_NOUNS}|(?:mes|ses|leurs|my|their) [a-z]+ ${CLIENT_NOUNS}|certaines personnes)`;

/** Up to `n` words between two parts of a pattern. */
export const gap = (n: number) => `(?: \\S+){0,${n}}`;
/** A pattern that ends on a word boundary ("au" does not match "automatiquement"). */
export const re = (source: string) => new RegExp(`${source}(?![a-z0-9])`);

/** The visitor's own business (clients, tools, pages): a billing or complaint word there is a how-to. */
export const OWN_BUSINESS = re(
  `\\b(?:mes|ses|leurs|des|les|une|un|nos|my|their|a) (?:cliente?s?|clients?|abonnee?s?|acheteu\\w+|inscrite?s?|prospects?|eleves?|participante?s?|customers?|buyers?|students?|subscribers?|followers?|audience|communaute|community|lectrices?|readers?)\\b` +
    `|\\b(?:stripe|paypal|systeme io|kajabi|zapier|make|woocommerce|shopify|podia|learnybox|sumup|brevo|mailerlite|quickbooks|pennylane|tunnel|page de vente|bon de commande|checkout|funnel)\\b`,
);
/** A how-to or automation question. */
export const HOW_TO = re(
  `\\b(?:comment|how (?:do|can|to|should)|automati\\w*|configur\\w*|parametr\\w*|integr\\w*|relier|connecter \\w+ a|mettre en place|generer|generate|create|creer|envoyer automatiquement|template|modele|outil|tool|set up|setup)\\b`,
);
/** A question about the rules (policy), not a request: "quelle est votre politique de remboursement ?". */
export const POLICY_QUESTION = re(
  `\\b(?:politique|conditions?|delai|combien de temps|a partir de quand|jusqu a quand|dans quels? cas|est ce que (?:vous|on) (?:rembours|propose)|policy|what is your|how long|is there a)\\b`,
);
/**
 * A question that only asks how the agency keeps data ("vous gardez mes données combien de temps ?",
 * "où sont stockées mes données ?", "how long do you keep my data?"): none of the words of a request
 * about the visitor's data (an erasure, a copy, an access, a correction, a leak) anywhere in it.
 */
export const ASKS_ONLY_HOW_DATA_IS_KEPT = new RegExp(
  `^(?=.*\\b(?:combien de temps|pendant combien|how long|duree de conservation|jusqu a quand|politique de (?:confidentialite|conservation|protection)|votre politique|your policy|privacy policy|(?:ou|where) (?:sont|est|are|is)${gap(3)} (?:stockee?s?|hebergee?s?|conservee?s?|stored|kept|hosted)|(?:stockee?s?|hebergee?s?|conservee?s?) ou)\\b)` +
    `(?!.*\\b(?:supprim\\w*|suppression|effac\\w*|retir\\w*|enlev\\w*|delet\\w*|remov\\w*|eras\\w*|desinscri\\w*|desabonn\\w*|unsubscribe|rectifi\\w*|corrig\\w*|correct\\w*|modifi\\w*|mettre a jour|portabilite|portability|recuper\\w*|copie|copy|export\\w*|transmett\\w*|envoy\\w*|send|acce\\w*|access|voir|see|consult\\w*|droit|right|sans mon|without my|cnil|ne plus|fuit\\w*|fuite|leak\\w*|vol\\w*|pirat\\w*|hack\\w*|get)\\b)`,
);
/** A question about what the chat itself does or can do: a policy question, answered from the knowledge base. */
export const ABOUT_THE_CHAT = re(
  `\\b(?:(?:le|ce|ton|votre) (?:chat|bot|assistant|robot)|l (?:assistant|ia)|the (?:chat|bot|assistant)|tu) (?:peut|peux|sait|sais|donne|donnes|fait|fais|can|does|gives?)\\b(?: (?:il|elle|tu|you))?`,
);
/** "Comment parler à quelqu'un qui…": a how-to about anyone, not a request for the team. */
export const HOW_TO_ABOUT_ANYONE = `^ comment${gap(4)} quelqu un (?:qui|que|dont)\\b`;
/** The visitor wants, asks, demands. */
export const WANTS = `(?:je (?:veux|voudrais|souhaite|souhaiterais|demande|exige|aimerais|peux|pourrais)|j (?:exige|aimerais|ai droit|attends)|on peut|pouvez vous|vous pouvez|pourriez vous|i (?:want|would like|d like|need|demand|expect)|can i|could i|please)`;

/** Of the visitor's own offer ("une participante mécontente de mon atelier", "une cliente de mon programme"). */
const OF_MY_OFFER = `(?: (?:de|d) (?:mon|ma|mes) [a-z]+)`;
/** The visitor says they are the client ("je suis une cliente…", "en tant que cliente…", opening with "moi, une cliente…"). */
const THE_VISITOR_IS = `(?<!\\b(?:je suis|suis|j etais|etant|en tant que) )(?<!^ ?moi )`;
/**
 * A client of the visitor is the subject ("une cliente qui demande un remboursement"): a question about their business. Any
 * of CLIENT_NOUNS ("une inscrite m'écrit qu'elle veut être remboursée de mon atelier", review of round 18: handed over).
 * Not when the visitor says they are that client ("je suis une cliente mécontente qui veut être remboursée").
 */
export const CLIENT_IS_THE_SUBJECT = re(
  `${THE_VISITOR_IS}\\b(?:une|ma|mes|un|mon|des|a|my) ${CLIENT_NOUNS}${gap(1)}${OF_MY_OFFER}? (?:qui|me|m|veut|veulent|demande\\w*|exige\\w*|reclame\\w*|a|ont|est|sont|voudrai\\w*|wants?|asks?|asked)`,
);

/**
 * The visitor's audience is the subject of talking to a person ("I want my followers to feel they're
 * talking to a real person"): a content question. Only that: "je veux parler à quelqu'un, mes
 * clientes ne voient pas la vidéo" still asks for a person.
 */
export const AUDIENCE_IS_THE_SUBJECT = re(
  `\\b(?:my|their|mes|mon|ma|ses|leurs?) (?:audience|followers?|community|communaute|abonnee?s?|subscribers?|readers?|lectrices?|clientes?|clients?|customers?|students?|eleves?)${gap(4)} (?:feel|sentir|sentent|se sentent|ressentir|ressentent|think|believe|pensent|penser|croire|croient|know|sachent)${gap(4)} (?:talking|talk|speaking|speak|chatting|parler|parlent|parle|echanger|echangent|discuter|discutent)${gap(1)} (?:to|with|a|avec) (?:a |an |une |un |some |des )?(?:(?:real|actual|vraie?s?|veritable|vrai) )?(?:person|people|human|humans|human being|personne|personnes|humain|humaine|etre humain)`,
);

/** Other companies' platforms: a grievance about them, or waiting for their access, is not a matter for the agency. */
export const THIRD_PARTY_PLATFORMS = `(?:systeme io|kajabi|canva|instagram|insta|meta|facebook|whatsapp|tiktok|linkedin|youtube|pinterest|zapier|make|brevo|mailerlite|mailchimp|podia|teachable|learnybox|calendly|google|gmail|wordpress|wix|squarespace|notion|capcut|amazon|vistaprint|o2switch|hostinger|ovh)`;

/** The visitor's own suppliers ("ma facture de mon graphiste", "un avoir de mon fournisseur"); not their bank ("vérifié auprès de ma banque"). */
export const OWN_SUPPLIER = `(?:de|d|from|chez|aupres de|contre) (?:mon|ma|mes|my) (?:webmaster|webdesigner|graphiste|fournisseur|photographe|developpeur|developpeuse|assistante?|hebergeur|operateur|comptable|imprimeur|monteur|monteuse|supplier|host|designer|developer|assistant)`;
/** A quote from the visitor's own supplier ("un devis d'un photographe", "a quote from a video editor"). */
export const QUOTE_FROM_A_SUPPLIER = `(?:devis|quotes?) (?:d un|d une|de mon|de ma|de mes|du (?!coaching|programme|pack|parcours|suivi)|aupres d\\w*|a un|a une|chez|from)`;
/** Waiting on another company or one's own supplier ("j'attends mes accès Canva", "la facture de mon graphiste"). */
export const WAITING_ON_SOMEONE_ELSE = `(?:attends|patiente|waiting for)${gap(6)} ${THIRD_PARTY_PLATFORMS}|${OWN_SUPPLIER}`;

/**
 * Money of the visitor's own business held by one of their own partners or tools ("mon partenaire d'affiliation bloque mon
 * argent", "Stripe retient mon argent"): a dispute of their business, not a billing matter with the agency, as their own
 * unhappy client is not a complaint (CLIENT_IS_THE_SUBJECT). Not when the agency is named anywhere ("votre plateforme…",
 * "ma banque dit que vous avez gardé mon argent"). Only a party of their business is named: "mon mari garde tout mon argent",
 * "mon copain retient mon argent" stay with a person.
 */
export const SOMEONE_ELSE_HOLDS_MY_MONEY = `^(?!.*\\b(?:vous|votre|vos|chez vous|l agence|rembours\\w*)\\b).*\\b(?:(?:mon|ma|mes|notre|nos|le|la) (?:partenaires? (?:d affiliation|commerciale?s?|de paiement|business)|programme d affiliation|plateformes?(?: de \\S+)?|affiliee?s?|associee?s?|prestataires?|fournisseurs?|distributeur\\w*|editeur\\w*|marketplace|clientes?|clients?)|${THIRD_PARTY_PLATFORMS}|stripe|paypal|sumup|shopify|etsy|amazon|gumroad|lemon squeezy)${gap(4)} (?:bloque\\w*|retien\\w*|retient|garde\\w*|gele\\w*|ne (?:me )?(?:verse|versent|reverse|reversent|paie|paye|payent|rend|rendent|debloque|debloquent) (?:pas|plus|toujours pas)|refuse\\w* de (?:me )?(?:verser|payer|rendre|reverser|debloquer))${gap(1)} (?:mon argent|mes (?:fonds|gains|commissions|revenus|ventes|virements|paiements))`;

/**
 * Fed up with a chore of one's own, asking how to be rid of it ("j'en ai marre des allers-retours par
 * sms pour caler les rdv, vous conseillez quoi ?"): a question for Audrey, not a grievance. Not when
 * it is the agency, waiting, or its service the visitor is fed up with.
 */
export const FED_UP_WITH_A_CHORE = `(?:j en ai marre|ras le bol|marre) (?:de|des|du|d)(?! vous| votre| vos| l agence| attendre| ce service| cette formation| ce programme)${gap(10)} (?:vous (?:me )?conseill\\w*|tu (?:me )?conseill\\w*|comment|quel outil|quelle solution|une solution|une astuce|des astuces|automatis\\w*|un outil)`;

/**
 * Unhappy with one's own results or work ("je suis mécontente de mon taux d'ouverture, comment l'améliorer ?", "je suis
 * déçue de mes résultats sur Instagram ce mois-ci", review of blind round 16): a question for an expert, not a complaint.
 * Not when what disappoints is bought from the agency ("déçue de ma formation", "de mon accompagnement"), nor when the
 * agency, its silence or a refund is named anywhere in the message ("… depuis votre formation", "personne ne me répond").
 */
export const UNHAPPY_WITH_OWN_RESULTS = `^(?!.*\\b(?:votre|vos|chez vous|l agence|personne ne|aucune reponse|toujours pas|sans reponse|arnaque\\w*|rembours\\w*|inadmissible|inacceptable)\\b).*\\b(?:mecontente?s?|decue?s?|pas (?:du tout |tres )?satisfaite?s?) (?:de|du|des|par) (?:mon|ma|mes) (?!(?:accompagnement|coaching|formation|programme|abonnement|acces|commande|achat|facture|experience|inscription|suivi|seances?|coachs?|cours)\\b)[a-z]+`;


/**
 * A social account's type, or a feature of the platform, out of the visitor's reach ("pas accès à toutes les musiques sur mon
 * compte pro", "plus accès aux stickers", "pas accès aux statistiques de mes Reels"): the platform's doing, a question for
 * Carole, not a login to the agency's space. Videos, replays, modules and templates may be the agency's course's; so are
 * audios and music when the agency's course, its space or its payment is named anywhere ("pas accès aux audios de la
 * formation", "je n'ai plus accès à mon compte pro chez vous", review of round 17), and an account that is only named ("plus
 * accès à mon compte pro") is any account.
 */
const THE_AGENCYS = `(?:formations?|programmes?|modules?|cours|masterclass|espace membre|replays?|chez vous|achete|payee?|paiement)`;
export const A_PLATFORMS_FEATURE = `(?<!\\b${THE_AGENCYS}\\b.*)(?:(?:sur|en|avec|depuis|pour) (?:mon |ma |un |une |le |la |son |sa )?compte (?:pro|professionnel|createur|creatrice)|(?:plus|pas|aucun) (?:d )?acces (?:a|au|aux) (?:toutes |tous )?(?:les |la |le |l |des |ces |certaines |certains )?(?:musiques?|sons?|audios?|stickers?|filtres?|effets?|gifs?|statistiques|stats|insights))(?!.*\\b${THE_AGENCYS}\\b)`;

/** The verb, not the noun, and not the "vous" form ("remboursez ma cliente" asks the agency to refund). */
const REFUND_VERB = `rembours(?!ement|ez)\\w*`;
const SOMEONE_REFUNDED = `(?:la|cette|une|ma|mon|ses|mes|l|les) (?:personne|acheteuse|acheteur|beneficiaire|cliente?|participante?|inscrite?|eleve|abonnee?)s?`;
/** The agency as the one asked to refund ("vous pouvez rembourser ma cliente ?", "pouvez-vous rembourser la participante…"). */
const NOT_ASKED_OF_THE_AGENCY = `(?<!\\b(?:vous|l agence|you)(?: \\S+){0,2} )`;
/**
 * A pronoun ("je dois la rembourser ?") is a person only when the message names one it agrees with, introduced as someone
 * in particular: "la" a woman ("la personne", "ma cliente", "une participante"), "le" a man ("mon client", "l'acheteur"),
 * "les" and "leur" people ("mes inscrites", "12 participantes"), "lui" either. Otherwise the pronoun is what the visitor
 * bought: "la formation ne me plaît pas, je voudrais la rembourser", and so when people are only the purchase's purpose
 * ("la formation pour trouver des clientes… je veux la rembourser", "le coaching pour avoir plus d'abonnés… je voudrais le
 * rembourser", "l'accompagnement ne m'a pas aidée avec mes clientes, je voudrais le rembourser": review of round 18).
 */
const A_WOMAN = `(?:la|une|ma|cette|sa|ta|l) (?:personne|cliente|participante|acheteuse|beneficiaire|inscrite|eleve|abonnee|coachee)`;
const A_MAN = `(?:le|un|mon|ce|cet|son|ton|l) (?:client|participant|acheteur|beneficiaire|inscrit|eleve|abonne|coache)`;
const PEOPLE = `(?:personnes|clientes?s|participante?s|acheteu(?:r|se)s|beneficiaires|inscrite?s|eleves|abonnee?s|coachee?s)`;
const THE_VISITOR_SUBJECT = `\\b(?:je|j|dois je|puis je|faut il|est ce que je|should i|do i have to|must i)(?: \\S+){0,2}(?<!\\b(?:me|m|moi|nous))`;
/**
 * Nor when the visitor names their own purchase from the agency, or the thing right after the verb: the pronoun is then what
 * they bought ("ma cliente m'a conseillé votre formation, elle ne me plaît pas, je veux la rembourser", "j'ai acheté la
 * masterclass pour une cliente, elle l'a pas aimée, je peux la rembourser ?", "je voudrais la rembourser cette formation").
 */
const A_PURCHASE_FROM_THE_AGENCY = `^(?!.*\\b(?:votre|vos|chez vous|avec vous|l agence|j ai (?:\\S+ )?(?:achete|paye|commande)e?s?)\\b)`;
const THE_THING_BOUGHT_AFTER = `(?! (?:ce|cette|cet|ces|la|le|l|mon|ma|mes) (?:formations?|programmes?|masterclass|coachings?|accompagnements?|modules?|ateliers?|packs?|cours|seances?|bons?(?: cadeaux?)?))`;
const PRONOUN_FOR = (pronoun: string, person: string): string =>
  `${A_PURCHASE_FROM_THE_AGENCY}(?=.*\\b${person}\\b).*${THE_VISITOR_SUBJECT} ${pronoun} ${REFUND_VERB}${THE_THING_BOUGHT_AFTER}`;
/**
 * The visitor as the one who refunds someone else ("le bon cadeau a expiré, je dois la rembourser ?", "dois-je rembourser ma
 * cliente ?", "should I refund her?", blind round 18): a question of their own business, not a refund asked of the agency.
 * The verb only, with the visitor as its subject and a third person as its object ("la", "lui", "leur", "ma cliente"):
 * "je voudrais le remboursement", "vous devez me rembourser", "pouvez-vous la rembourser ?" stay requests, and so does
 * one the visitor receives ("je voudrais qu'on me le rembourse": "me", "nous" before the object) or "on" says ("le programme ne
 * me plaît pas, on peut le rembourser ?": "on" is as often the agency as the visitor).
 */
export const THE_VISITOR_REFUNDS_SOMEONE = re(
  `(?:${PRONOUN_FOR('la', A_WOMAN)}|${PRONOUN_FOR('le', A_MAN)}|${PRONOUN_FOR('(?:les|leur)', PEOPLE)}|${PRONOUN_FOR('lui', `(?:${A_WOMAN}|${A_MAN})`)}|${NOT_ASKED_OF_THE_AGENCY}\\b${REFUND_VERB} ${SOMEONE_REFUNDED}|\\b(?:should i|do i have to|must i|can i) (?:refund|reimburse) (?:her|him|them|my (?:client|customer|student)s?))`,
);

/**
 * Whether a message the visitor received is a scam ("j'ai reçu un DM qui dit que mon compte va être supprimé pour violation
 * des droits d'auteur, c'est une arnaque ?", blind round 18): a question of their own account's safety, not a grievance. Only
 * when a message, mail, call or link was received and neither the agency nor a purchase is named, nor something missing:
 * "j'ai reçu votre mail, c'est une arnaque ?", "votre formation c'est une arnaque", "j'ai acheté la formation, j'ai reçu un
 * lien qui marche pas, c'est une arnaque ou quoi", "j'ai reçu un mail de prélèvement…, c'est une arnaque ?" stay with a person.
 */
/**
 * The agency, by its name or its team's ("Audrey m'a envoyé un mail pour renouveler, c'est une arnaque ?", "un mail de Carole
 * qui me réclame 150€": whether the agency's own mail is genuine is for a person to say, review of round 18).
 */
const THE_AGENCY_OR_ITS_TEAM = `vous|votre|vos|chez vous|l agence|l equipe|your|you|audrey|carole`;
/**
 * What the visitor bought, paid or is still waiting for: then "arnaque" is said of a purchase ("j'ai acheté la formation… c'est
 * une arnaque", "j'ai reçu le mail de bienvenue mais l'espace membre est vide, arnaque ?", "on m'a écrit que ma place à l'atelier
 * était annulée"). A payment made by the visitor, not
 * any word of paying ("une collab payée", "pour acheter mon compte", "veut me faire payer pour de la visibilité" are what the
 * scam offers), and a subscription to the agency, not to a platform ("mon abonnement Canva va être suspendu").
 */
const BOUGHT_OR_MISSING = `formations?|programmes?|accompagnement|coaching|modules?|cours|masterclass|espace membre|replays?|ateliers?|seances?|ma place|achat|(?:j ai|j avais|on a|je l ai|je les ai|deja|bien) (?:\\S+ )?(?:paye|achete|commande|regle)e?s?|paiement|prelev\\w*|debit\\w*|commande|abonnement(?! (?:a |sur |de |d )?${THIRD_PARTY_PLATFORMS})|inscription|factur\\w*|rembours\\w*|aucun|aucune|rien|jamais|toujours pas|pas recu|vide|lien mort|liens morts|(?:marche|fonctionne) (?:pas|plus)`;
const MESSAGE_RECEIVED = `dm|dms|mp|mps|msg|msgs|message|messages|mail|mails|e mail|email|emails|sms|texto|textos|appel|appels|lien|liens|link|links|text|texts|notification|notif|vocal`;
/**
 * How the message reached the visitor: received ("j'ai reçu un mail"), someone wrote or called ("une fille m'a écrit pour me
 * proposer 10k followers", "on m'a appelée"), a message that says or offers ("les DM qui proposent de mettre ton reel en
 * avant", "un DM me dit…"), someone posing as another ("un faux compte de moi", "en se faisant passer pour Instagram"), or an offer or a demand
 * by message ("on me propose en DM de vendre mon compte insta 500€"): review of round 18.
 */
const REACHED_THE_VISITOR = `(?=.*\\b(?:recu|recois|recoit|received|got)\\b)(?=.*\\b(?:${MESSAGE_RECEIVED})\\b)|(?=.*\\b(?:m (?:a|ont) (?:ecrit|envoye|contacte\\w*|appele\\w*)|m (?:ecrit|ecrivent|envoie|envoient|appelle|appellent|contacte|contactent))\\b)|(?=.*\\b(?:${MESSAGE_RECEIVED}) (?:\\S+ ){0,4}(?:qui )?(?:me |m )?(?:dit|disent|propose\\w*|demande\\w*|annonce\\w*|affirme\\w*|menace\\w*)\\b)|(?=.*\\b(?:se (?:fait|font|faisant|faisait) passer pour|faux comptes?|faux profils?|usurp\\w*)\\b)|(?=.*\\b(?:me|m) (?:propose\\w*|demande\\w*|offre\\w*)\\b)(?=.*\\b(?:${MESSAGE_RECEIVED})\\b)`;
export const A_RECEIVED_MESSAGE_IS_A_SCAM = re(
  `^(?!.*\\b(?:${THE_AGENCY_OR_ITS_TEAM}|${BOUGHT_OR_MISSING})\\b)(?:${REACHED_THE_VISITOR}).*\\b(?:arnaqu\\w*|scam\\w*|phishing|hameconnage|fake)`,
);

/**
 * The visitor wants their own money back ("je veux le rembourser ce programme, mes élèves n'ont rien compris aux modules",
 * "votre programme pour attirer des clientes c'est du vent, je veux le rembourser", review of round 18): clients named beside
 * it are the purchase's purpose, not the subject of a refund (CLIENT_IS_THE_SUBJECT does not cancel it). Refunding someone
 * else ("ma cliente… je veux la rembourser") is THE_VISITOR_REFUNDS_SOMEONE, which the refund rule checks first; the visitor's
 * own offer named ("mes élèves se plaignent du programme que je vends, je voudrais le rembourser", "mon coaching") is theirs to refund.
 */
const THE_VISITORS_OWN_OFFER = `(?:que (?:je|j)(?: \\S+){0,2} (?:vends|vend|vendu|vendue|propose|proposee?|offre)|(?:mon|ma|mes) (?:programmes?|formations?|coachings?|accompagnements?|offres?|ateliers?|ebooks?|cours|seances?|modules?))`;
export const THE_VISITOR_WANTS_THEIR_MONEY_BACK = re(
  `^(?!.*\\b${THE_VISITORS_OWN_OFFER}\\b).*\\b(?:je|j) (?:veux|voudrais|souhaite|souhaiterais|aimerais|exige|demande)(?: (?:vraiment|juste|absolument|a))? (?:(?:le|la|les) (?:faire )?rembourser|me faire rembourser|etre rembourse\\w*|mon argent|mon remboursement)`,
);

/**
 * The agency's offer given to the visitor by someone ("mon client m'a offert le coaching chez vous, on peut le rembourser ?",
 * "ma cliente m'a offert une séance avec vous", review of round 18: answered, the client read as the subject of the refund):
 * the giver is the subject of the gift, the visitor the one who asks the agency for the refund; CLIENT_IS_THE_SUBJECT does
 * not cancel it.
 */
export const THE_AGENCYS_OFFER_GIVEN_TO_THE_VISITOR = re(
  `\\bm (?:a|avait|ont|avaient) (?:offert|paye|achete|finance|fait cadeau|regale)e?s?\\b(?=.*\\b(?:chez vous|avec vous|de l agence|(?:votre|vos) (?:formations?|programmes?|accompagnements?|coachings?|offres?|seances?|ateliers?|masterclass|abonnement|club|cours|modules?)))`,
);

/** The account's blocking as what a how-to must avoid ("sans que mon compte soit bloqué", "pour éviter que mon accès soit suspendu"). */
export const AN_ACCOUNT_PROBLEM_TO_AVOID = `(?:sans que|pour (?:ne |n )?pas que|pour eviter que|afin d eviter que|eviter que) (?:mon |ma |le |la |l |mes )?(?:compte|acces)`;
