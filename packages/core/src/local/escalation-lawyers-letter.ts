import { re, type IntentRule } from './escalation-patterns.ts';

/**
 * A letter, an e-mail or a call from a lawyer received by the visitor (blind round 20: "J'ai reçu un courrier d'un avocat
 * parce que j'ai utilisé une photo trouvée sur Google dans un post, qu'est-ce que je dois faire ?" was answered by Carole):
 * a legal matter for a person. The legal rule of escalation-intent.ts reads "d'un avocat" beside a post as the visitor's
 * profession ("des posts quand on est avocate", "le site d'un avocat"): the thing received names the lawyer as its sender.
 * On plainIntentText's form.
 */
const RECEIVED_FROM_A_LAWYER = `(?:courriers?|lettres?|(?:e )?mails?|messages?|recommandes?|appels?|coups? de fil|convocations?|lettre recommandee) (?:\\S+ )?(?:d un|d une|de son|de leur|de l|de mon|de ma|from (?:a|her|his|their)) (?:avocate?|cabinet d avocats?|lawyer|attorney)`;

/**
 * Not a lawyer who writes as a prospect or a client ("je reçois des messages d'une avocate intéressée par mon coaching",
 * "les mails d'une avocate que j'accompagne"), nor the letter as the subject of a content ("un Reel sur le jour où j'ai reçu
 * le courrier d'un avocat"): a review of round 20's rules.
 */
const A_LAWYER_AS_A_CLIENT = `(?:avocate?|lawyer|attorney) (?:interessee?|qui (?:veut|voudrait|souhaite|aimerait|cherche|demande)|que j (?:accompagne|coache|suis)|cliente?|prospecte?)`;
const THE_LETTER_AS_A_CONTENT = `(?:reels?|posts?|carrousels?|stories|story|videos?|articles?|newsletters?|podcasts?|contenus?|temoignages?) (?:sur|pour raconter|qui raconte|ou je raconte|a propos)`;

export const LAWYERS_LETTER_RULE: IntentRule = {
  category: 'legal',
  pattern: re(`\\b${RECEIVED_FROM_A_LAWYER}`),
  unless: re(`\\b(?:${A_LAWYER_AS_A_CLIENT}|${THE_LETTER_AS_A_CONTENT})\\b`),
};
