import { spacedFoldedWords } from '../french-text/french-text.ts';
import { asksOfTheVisitorsOwnClients } from './visitors-own-clients.ts';

/**
 * A line about the agency itself, its experts or its chat ("L'agence accompagne les femmes entrepreneures du bien-être
 * (naturopathes, sophrologues…)", "Carole, experte en création de contenu : Instagram, Reels, stories, légendes, hashtags…",
 * "Le chat te répond à toute heure…"): it names every topic and every kind of visitor, so it matched content questions
 * ("quels hashtags pour une naturopathe ?" led with both, a probe of `pnpm start`, 2026-12-05) that it does not answer.
 */
const OPENS_ON_THE_AGENCY = /^(?:l agence|notre agence|audrey|carole|le chat|ce chat|l equipe|notre equipe|nos expertes|les expertes|nous accompagnons|nous proposons)\b/;

/** A question put to the agency or about it: "vous proposez…", "votre équipe", "Carole s'occupe de quoi ?", "le chat…". */
const ASKS_OF_THE_AGENCY = /\b(?:vous|votre|vos|l agence|agence|audrey|carole|chat|equipe|expertes?|you|your|agency|team)\b/;

/**
 * A question on the agency's service put without naming it (review of 2026-12-05: each got "Je n'ai rien trouvé" or another
 * page's line once the agency's own lines were kept from it): when it is open or closed ("c'est fermé en août ?", "c'est
 * ouvert entre Noël et le jour de l'an ?"), how soon an answer comes ("délai de réponse ?", "combien de temps pour avoir une
 * réponse ?", "tu réponds le week-end ?"), whether it fits the visitor ("c'est adapté aux sophrologues ?", "je suis
 * naturopathe, c'est pour moi ?"), its formats named as the agency's ("il y a des accompagnements individuels ?", "on peut
 * mettre l'accompagnement en pause ?"). Not the visitor's own formats, closing or clients ("mon accompagnement", "ma
 * fermeture estivale", "quel délai de réponse annoncer à mes clientes ?") nor answering her followers ("comment répondre aux
 * commentaires ?").
 */
const ASKS_OF_THE_AGENCYS_SERVICE = new RegExp(
  [
    '\\b(?:c est|est ce|est il|est elle|sera|serez|ce sera|on est|c etait) (?:ouverts?|ouvertes?|fermes?|fermees?)\\b',
    '(?<!\\b(?:ma|mon|ta|ton|notre|sa|leur) )\\b(?:fermeture|jours? d ouverture|horaires? d ouverture)\\b',
    '\\b(?:delai|delais|temps) de (?:reponse|traitement)\\b',
    '\\b(?:avoir|recevoir|obtenir|attendre) (?:une|la|ma|sa) reponse\\b',
    '\\breponse (?:en|sous|dans) combien\\b',
    '\\b(?:tu reponds|reponds tu|repondez|on me repond|on m repond|est traitee?s? quand|traitee?s? quand)\\b',
    '\\bc est (?:fait )?pour (?:moi|qui|quel\\w*)\\b|\\bpour qui\\b|\\badaptee?s? (?:a|aux|pour|a mon|a ma)\\b',
    '\\b(?:is it|is this|it s) (?:for|suitable|made for)\\b|\\bsuitable for\\b|\\bhear back\\b|\\bresponse time\\b',
    '\\b(?:l|les|un|une|vos|votre|ton|ta|tes|il y a des|existe des|existe t il des) (?:accompagnements?|formules?|programmes? d accompagnement|coaching individuel|ateliers collectifs)\\b',
  ].join('|'),
);

/**
 * Advice signed by the team or an expert ("L'équipe recommande d'envoyer un rappel automatique la veille.", "Audrey conseille
 * de…", "Notre équipe te suggère…"): a guide's line on the visitor's topic, not one about the agency (review of 2026-12-05:
 * kept from "un rappel la veille c'est utile ?", it left "Je n'ai rien trouvé").
 */
const SIGNS_ADVICE = /^(?:\S+ ){1,4}?(?:te |t |vous )?(?:recommand\w*|conseill\w*|deconseill\w*|sugger\w*|suggere\w*|preconis\w*|insist\w*|rappell?e (?:que|de))\b/;

export const opensOnTheAgency = (passage: string): boolean => {
  const text = spacedFoldedWords(passage.replace(/^[^\p{L}]+/u, '')).trim();
  return OPENS_ON_THE_AGENCY.test(text) && !SIGNS_ADVICE.test(text);
};

export const asksOfTheAgency = (message: string): boolean => {
  const text = spacedFoldedWords(message);
  return ASKS_OF_THE_AGENCY.test(text) || (ASKS_OF_THE_AGENCYS_SERVICE.test(text) && !asksOfTheVisitorsOwnClients(message));
};
