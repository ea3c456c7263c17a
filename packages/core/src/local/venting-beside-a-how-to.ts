import { HOW_TO } from './escalation-patterns.ts';

/**
 * Venting beside a how-to about the visitor's own work ("c'est la troisième personne cette semaine
 * qui ne vient pas à son appel découverte, j'en ai marre, comment je peux limiter ça", "les
 * sous-titres automatiques de mes Reels écrivent n'importe quoi, je fais comment ?"): the visitor is
 * fed up with a tool or with their own clients and asks what to do, a question for an expert, not a
 * complaint about the agency (blind round 12). Only when every complaint phrase of the message is
 * one of these words of frustration (not "arnaque", "personne ne me répond", "pas sérieux"), it asks
 * how, and it names nothing of the visitor's dealings with the agency: "vous", the accompaniment,
 * their access, a payment.
 */
const VENTING = /^(?:ras le bol|j en ai marre|en colere|furieu\w*|je suis a bout|rien ne (?:marche|fonctionne)|n importe quoi|(?:troisieme|3e|3eme|quatrieme) fois|fed up|angry|furious|ridiculous)$/;
const DEALINGS_WITH_THE_AGENCY =
  /\b(?:vous|votre|vos|chez vous|l agence|l equipe|your|you|accompagnement|coaching|espace membre|(?:mon|mes|l) acces|identifiants?|mot de passe|connexion|factur\w*|paiement|prelev\w*|rembours\w*|abonnement|inscription)\b/;

/** Whether the complaint phrases `pattern` finds in `text` (plainIntentText's form) are only venting beside a how-to of the visitor's own. */
/**
 * Asking whether there is a way ("y a moyen de faire des modèles que je réutilise ?", "il y a une astuce pour…", blind round
 * 19: "j'en ai marre de passer mes dimanches sur Canva à refaire mes stories une par une. Y a moyen de…" was handed over as
 * a complaint): a how-to said without "comment".
 */
const ASKS_FOR_A_WAY = /\b(?:(?:il )?y a (?:t il )?(?:un |pas un )?moyen|(?:un|le) moyen (?:de|d|pour)|une (?:facon|maniere|astuce|solution) (?:de|d|pour)|(?:il )?y a (?:t il )?(?:une |pas une )?(?:astuce|solution|facon|maniere))\b/;

export function ventsBesideOwnHowTo(pattern: RegExp, text: string): boolean {
  if (!(HOW_TO.test(text) || ASKS_FOR_A_WAY.test(text)) || DEALINGS_WITH_THE_AGENCY.test(text)) return false;
  const phrases = [...text.matchAll(new RegExp(pattern.source, 'g'))].map((match) => match[0].trim());
  return phrases.length > 0 && phrases.every((phrase) => VENTING.test(phrase));
}
