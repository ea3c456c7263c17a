import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A question about the visitor's own clients ("ma cliente veut un remboursement de sa séance, je fais comment ?", "comment
 * rembourser une cliente sur Stripe ?"): the visitor's business, not their dealings with the agency. Not one that speaks to
 * the agency about them ("vous pouvez rembourser ma cliente ?", "votre formation pour mes clientes").
 */
/** Clients, subscribers, pupils, buyers (folded). */
const CLIENTS = String.raw`(?:cliente?s?|clients?|abonnee?s?|acheteu\w+|inscrite?s?|eleves?|participante?s?|patiente?s?|coachee?s?|customers?|students?|subscribers?|buyers?)`;
const THE_VISITORS_CLIENTS = new RegExp(` (?:ma|mes|une|un|mon|des|nos|notre|my|a|our) ${CLIENTS} `);
const SPEAKS_TO_THE_AGENCY = / (?:vous|votre|vos|l agence|chez vous|you|your) /;
/**
 * The visitor as the agency's customer, her clients named in passing (review of round 21: "la facture de ma formation peut
 * être au nom de ma société ? … j'ai des clientes en entreprise" lost the billing page): an invoice made out to her, a
 * refund to her, what she has with the agency (her access, her membership area, her coaching, her subscription).
 */
const THE_VISITOR_IS_THE_CUSTOMER =
  / (?:factures? (?:\w+ ){0,5}au nom de (?:ma|mon)|(?:etre|me faire|me) rembourse\w*|(?:mon|ma) (?:acces|espace membre|accompagnement|abonnement|prelevement)) /;

export const asksOfTheVisitorsOwnClients = (message: string): boolean => {
  const text = ` ${spacedFoldedWords(message)} `;
  return THE_VISITORS_CLIENTS.test(text) && !SPEAKS_TO_THE_AGENCY.test(text) && !THE_VISITOR_IS_THE_CUSTOMER.test(text);
};

/**
 * A line in which the agency speaks of its own dealings with the visitor ("Ce que l'équipe traite directement — Une demande de
 * remboursement.", "Le chat ne peut pas accorder ni refuser un remboursement."): no answer to a question about the visitor's
 * own clients, which it would read as the agency's policy for them (a probe of `pnpm start`, 2026-12-05).
 */
const THE_AGENCY_ACTS = / (?:l equipe|l agence|le chat|notre equipe|nos equipes) /;

const speaksOfTheAgencysOwnDealings = (passage: { text: string; heading: string }): boolean =>
  THE_AGENCY_ACTS.test(` ${spacedFoldedWords(passage.text)} `) || THE_AGENCY_ACTS.test(` ${spacedFoldedWords(passage.heading)} `);

/**
 * A line of a guide to the visitor's own business: it speaks of her clients ("Pour rembourser une cliente sur Stripe…", "Si
 * une cliente traverse un deuil…", a heading "Gérer les annulations de tes clientes") and not of the agency. A guide whose
 * advice is signed by the team ("L'équipe recommande d'envoyer un rappel la veille.") is no page on her dealings with the
 * agency however often it names the team: left out, it left "mes clientes annulent au dernier moment, comment gérer ?" and
 * "comment rembourser une cliente sur Stripe ?" with no answer (review of 2026-12-05).
 */
const THE_READERS_CLIENTS = new RegExp(` (?:ta|tes|ton|vos|votre|une|un|your|a) (?:propres? )?${CLIENTS} `);

const speaksOfTheReadersClients = (passage: { text: string; heading: string }): boolean =>
  [passage.text, passage.heading].some((text) => {
    const folded = ` ${spacedFoldedWords(text)} `;
    return THE_READERS_CLIENTS.test(folded) && !THE_AGENCY_ACTS.test(folded);
  });

/** A page on the visitor's dealings with the agency: more than a third of its lines speak of what the agency does. */
const SHARE_OF_A_DEALINGS_PAGE = 1 / 3;

/**
 * The documents (by id) that are pages on the visitor's dealings with the agency ("Remboursements et facturation": "Les
 * conditions de remboursement… dépendent de la formule achetée", "L'équipe étudie chaque demande…"), read from all their
 * passages: none of their lines answers a question about the visitor's own clients.
 */
export function pagesOnDealingsWithTheAgency(passages: ReadonlyArray<{ documentId: string; text: string; heading: string }>): Set<string> {
  const counts = new Map<string, { all: number; dealings: number; readersClients: number }>();
  for (const passage of passages) {
    const count = counts.get(passage.documentId) ?? { all: 0, dealings: 0, readersClients: 0 };
    count.all += 1;
    if (speaksOfTheAgencysOwnDealings(passage)) count.dealings += 1;
    else if (speaksOfTheReadersClients(passage)) count.readersClients += 1;
    counts.set(passage.documentId, count);
  }
  return new Set(
    [...counts].filter(([, count]) => count.readersClients === 0 && count.dealings > SHARE_OF_A_DEALINGS_PAGE * count.all).map(([documentId]) => documentId),
  );
}
