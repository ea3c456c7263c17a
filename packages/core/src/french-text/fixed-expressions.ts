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
 * Only there: the stored chunks' embeddings, the keyword search and the router read the text as it is.
 */
const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}])';

const ONLINE = new RegExp(`${BOUNDARY_BEFORE}(en|hors)[\\s-]+(ligne)${BOUNDARY_AFTER}`, 'giu');
const ADDRESS_OF_MAIL_OR_WEB = new RegExp(
  `${BOUNDARY_BEFORE}adresses?(?=[\\s-]+(?:e[\\s-]?mails?|mails?|[ée]lectroniques?|courriels?|web|url|ip|internet|du site|de (?:ton|ta|votre|mon|ma|son|leur) site)${BOUNDARY_AFTER})`,
  'giu',
);

/** `text` with its fixed expressions joined or dropped (see the module comment); for matching only, never shown. */
export function withFixedExpressionsJoined(text: string): string {
  return text.replace(ONLINE, '$1$2').replace(ADDRESS_OF_MAIL_OR_WEB, ' ');
}
