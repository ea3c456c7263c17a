/**
 * Fixed expressions in which a word does not carry its own sense, for matching a question against
 * the passages of an offline answer (local/passage-ranking.ts), applied to both alike:
 *
 * - "en ligne", "hors ligne" (online, offline) are read as one word: not the "ligne" of "ma ligne
 *   éditoriale" or "une ligne de texte" ("comment trouver ma ligne éditoriale ?" quoted "vendre en
 *   ligne"), and still matched by another "en ligne";
 * - the "adresse" of an e-mail or web address ("l'adresse e-mail de l'acheteuse") is left out, its
 *   "e-mail" kept: "adresse" alone is where one is ("où se trouvent vos bureaux ?" is searched with
 *   "adresse", local/contact-facts.ts, and was padded with a mapping of e-mail fields).
 *
 * - "basé à", "basée en", "situé(e)s" (where one is) are read as one word: not the "bases" of "les bases de
 *   l'automatisation", nor the "situation" of "ce qui s'applique à ta situation", whose stems are the same ("vous êtes
 *   où ?", searched with "basé à", quoted the Zapier guide titled "… les bases de l'automatisation"; "où êtes-vous
 *   situés ?" a line on "ta situation": a probe of `pnpm start`, 2026-12-05);
 * - "à la une" (Instagram's highlights) is one word, its three words being stop words: "comment faire une story à la
 *   une ?" matched only "story", and the stories guide's steps came before "Range tes meilleures stories dans des stories
 *   à la une…" (a probe of `pnpm start`, 2026-12-05).
 *   The "adresse" a mail is sent from ("une adresse Gmail", "une adresse de ton propre nom de domaine", "l'adresse
 *   d'expéditeur") stays: it was left out too, and "comment changer l'adresse d'expéditeur de ma newsletter ?" lost its only
 *   word in common with "envoie depuis une adresse de ton propre nom de domaine" (review of round 21); a question on how to
 *   reach the agency is kept from such lines by what they state (local/contact-facts.ts).
 *
 * Only there: the stored chunks' embeddings, the keyword search and the router read the text as it is.
 */
const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}])';

const ONLINE = new RegExp(`${BOUNDARY_BEFORE}(en|hors)[\\s-]+(ligne)${BOUNDARY_AFTER}`, 'giu');
const ADDRESS_OF_MAIL_OR_WEB = new RegExp(
  `${BOUNDARY_BEFORE}adresses?(?=[\\s-]+(?:e[\\s-]?mails?|mails?|[ée]lectroniques?|courriels?|web|url|ip|internet|du site|de (?:ton|ta|votre|mon|ma|son|leur) site)${BOUNDARY_AFTER})`,
  'giu',
);

/** "basé à", "basées en", "situé", "situés près de": where one is, one word ("basé sur", based on, is not). */
const WHERE_ONE_IS = '(?:à|a|en|au|aux|dans|près de|pres de)';
const BASED_IN = new RegExp(`${BOUNDARY_BEFORE}(?:bas[ée]e?s?\\s+${WHERE_ONE_IS}|situ[ée]e?s?(?:\\s+${WHERE_ONE_IS})?)${BOUNDARY_AFTER}`, 'giu');

const HIGHLIGHTS = new RegExp(`${BOUNDARY_BEFORE}(?:à|a)\\s+la\\s+une${BOUNDARY_AFTER}`, 'giu');

/** `text` with its fixed expressions joined or dropped (see the module comment); for matching only, never shown. */
export function withFixedExpressionsJoined(text: string): string {
  return text.replace(ONLINE, '$1$2').replace(ADDRESS_OF_MAIL_OR_WEB, ' ').replace(BASED_IN, 'basedin').replace(HIGHLIGHTS, ' alaune ');
}
