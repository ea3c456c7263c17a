import { plainIntentText } from './plain-intent-text.ts';

/**
 * The visitor tells of a loss of her own: someone close to her died ("mon mari est décédé", "ma mère est morte la semaine
 * dernière", "je suis en deuil", "l'enterrement de mon père", "my mother passed away"). The hand-over then opens with
 * condolences (agents/escalation-reply.ts). Not a client's or anyone's loss she asks how to speak of ("ma cliente est en
 * deuil, je lui écris quoi ?", "un post sur le deuil périnatal"), which the experts answer; nor one who has left on a trip
 * ("ma mère est partie en vacances", "mon mari est parti en déplacement trois mois": condolences to them, a review of
 * 2026-12-05). "Mon papa nous a quittés" is a loss.
 */
const HER_LOSS =
  /\b(?:(?:mon|ma|mes|notre|nos) (?:mari|femme|compagnon|compagne|conjoint|conjointe|pere|mere|papa|maman|parents?|fils|fille|enfant|bebe|frere|soeur|grand (?:pere|mere)|grands parents|oncle|tante|ami|amie|meilleure amie|meilleur ami|chien|chat) (?:\S+ ){0,2}(?:(?:est|sont|vient de|viennent de) (?:\S+ )?(?:decede|decedee|decedes|mort|morte|morts|partie?s?(?! (?:en|a|au|aux|pour|chez|dans|sur|vers|vivre|travailler|faire|avec|loin|quelques|deux|trois|\d+)\b)|disparue?)|(?:nous a|nous ont|m a|m ont) quittee?s?)|\bje suis en deuil|\b(?:l enterrement|les obseques|le deces|la mort) (?:de|d) (?:mon|ma|mes)|\bj ai perdu (?:mon|ma|mes) (?:mari|femme|compagnon|compagne|conjoint|conjointe|pere|mere|papa|maman|parents|fils|fille|enfant|bebe|frere|soeur)|\bmy (?:husband|wife|partner|father|mother|dad|mum|mom|son|daughter|child|baby|brother|sister) (?:has )?(?:passed away|died))\b/;

export const tellsOfHerLoss = (message: string): boolean => HER_LOSS.test(plainIntentText(message));
