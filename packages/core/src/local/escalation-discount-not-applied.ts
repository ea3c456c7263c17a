import { gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * A reduction owed to the visitor by the agency, not applied, or to apply after the fact (blind round 21: "ma copine s'est
 * inscrite la semaine dernière sans mon code, vous pouvez l'ajouter ?" after a question on the agency's referral got
 * Audrey's answer): her referral, her code, her free month, a discount on her invoice or instalment. The team must look at
 * her account: billing, for a person. Said as a request to the agency ("vous pouvez l'ajouter / l'appliquer / le
 * rajouter ?") or as a finding ("mon mois offert n'a pas été appliqué", "la réduction n'a pas été déduite"). On
 * plainIntentText's form.
 *
 * Her clients she referred to the agency are no audience of hers ("j'ai parrainé deux de mes clientes et je n'ai jamais eu
 * mon mois offert": the reduction is hers, review of round 21).
 *
 * Not a how-to of the visitor's own codes ("comment appliquer un code promo à mes clientes dans Kajabi ?", "tu peux m'aider
 * à créer un code de réduction ?": her clients, a tool, or "m'aider à"), nor where to find her link ("où est mon code ?").
 */
const OWED = `(?:parrainage|parrainee?|filleule?|code(?: de parrainage| de reduction| promo)?|reduction|remise|mois (?:offert|gratuit)|ristourne|geste commercial)`;
const ASKED_OF_THE_AGENCY = `(?:vous (?:pouvez|pourriez|pourrez)|pouvez vous|pourriez vous|est ce que vous (?:pouvez|pourriez)|c est possible de|serait il possible de|merci de) (?:me |m )?(?:l |le |la |les )?(?:ajouter|rajouter|appliquer|reappliquer|corriger|prendre en compte|activer|valider|compter|deduire|rembourser la difference)`;
const NOT_APPLIED = `(?:n a|n ont|ne s est|ne s est pas|pas) (?:pas |jamais |toujours pas )?(?:ete )?(?:applique|appliquee|pris en compte|prise en compte|deduit|deduite|comptabilise|comptabilisee|passe|passee)`;
/** Never had what was owed ("j'ai parrainé Julie en mars et je n'ai jamais eu mon mois offert", fresh wordings of round 21). */
const NEVER_HAD = `(?:je n ai|j ai|je n|n ai) (?:jamais|toujours pas|pas|rien) (?:eu|recu|vu|touche|obtenu)(?: (?:mon|ma|mes|le|la|les|de|d))? ${OWED}`;
/**
 * A reduction the visitor makes for her own audience (review of round 21: "je fais une réduction de 10€ pour les premières
 * inscrites, vous pouvez la rajouter dans mon email ?", "j'offre une remise aux 10 premières inscrites, vous pourriez la
 * rajouter à ma séquence ?" were billing): she creates, offers or launches it.
 */
const HER_OWN_OFFER = `\\b(?:je (?:fais|cree|lance|offre|propose|prepare|mets en place)|j (?:offre|ai (?:fait|cree|lance|prepare|mis en place)))(?: \\w+){0,2} (?:code|reduction|remise|promo|ristourne|offre)\\b`;
export const DISCOUNT_NOT_APPLIED_RULE: IntentRule = {
  category: 'billing',
  pattern: re(`\\b(?:${NEVER_HAD}|${OWED}${gap(10)} (?:${ASKED_OF_THE_AGENCY}|${NOT_APPLIED})|(?:sans|oublie|oubliee|pas mis|pas utilise) (?:mon|son|le) (?:code|lien)${gap(3)} ${ASKED_OF_THE_AGENCY})\\b`),
  unless: re(`(?<!\\bj ai parraine (?:\\w+ ){0,2})\\b(?:mes|ses|leurs|aux|pour les|des)(?: \\d+)?(?: premieres?| premiers?)? (?:clientes?|clients?|eleves?|abonnees?|acheteuses?|inscrite?s?|participantes?|patientes?)\\b|${HER_OWN_OFFER}|\\b(?:kajabi|systeme io|stripe|shopify|woocommerce|podia|brevo|paypal|sumup|etsy) (?!.*\\b(?:chez vous|votre|vos)\\b)|\\bm aider a\\b`),
};
