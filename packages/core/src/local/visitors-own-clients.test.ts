import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { asksOfTheVisitorsOwnClients, pagesOnDealingsWithTheAgency } from './visitors-own-clients.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));
const billingPage = chunks.filter((chunk) => chunk.title === 'Remboursements et facturation');

describe('a question about the visitor’s own clients', () => {
  it('names them, and does not speak to the agency about them', () => {
    expect(asksOfTheVisitorsOwnClients('ma cliente veut un remboursement de sa séance, je fais comment ?')).toBe(true);
    expect(asksOfTheVisitorsOwnClients('comment je fais pour rembourser une cliente sur stripe ?')).toBe(true);
    expect(asksOfTheVisitorsOwnClients('how do I refund my students?')).toBe(true);
    expect(asksOfTheVisitorsOwnClients('vous pouvez rembourser ma cliente ?')).toBe(false);
    expect(asksOfTheVisitorsOwnClients('je veux un remboursement de ma formation')).toBe(false);
  });

  it('tells a page on the visitor’s dealings with the agency from a guide', () => {
    const passage = (documentId: string, text: string, heading = '') => ({ documentId, text, heading });
    const pages = pagesOnDealingsWithTheAgency([
      passage('billing', "L'équipe étudie chaque demande au cas par cas."),
      passage('billing', 'Les factures sont envoyées par email après chaque paiement.'),
      passage('billing', 'Une demande de remboursement.', "Ce que l'équipe traite directement"),
      passage('stripe', 'Dans Stripe, ouvre le paiement et clique sur Rembourser.'),
      passage('stripe', 'Le remboursement arrive en 5 à 10 jours sur la carte de ta cliente.'),
      passage('stripe', "Pour une question sur ton abonnement, écris à l'équipe."),
    ]);
    expect([...pages]).toEqual(['billing']);
  });

  it('is not answered with the agency’s own refund policy (a probe of `pnpm start`, 2026-12-05)', () => {
    for (const message of ['ma cliente veut un remboursement de sa séance, je fais comment ?', 'comment je fais pour rembourser une cliente sur stripe ?']) {
      const answer = buildExtractiveAnswer({ agent: 'audrey', message, sources: billingPage.slice(0, 1), companions: billingPage.slice(1) });
      expect(answer, message).toMatch(/^Je n'ai rien trouvé/);
    }
    const ownBilling = buildExtractiveAnswer({ agent: 'audrey', message: 'je veux un remboursement de ma formation, comment faire ?', sources: billingPage.slice(0, 1), companions: billingPage.slice(1) });
    expect(ownBilling).toContain('remboursement');
    expect(ownBilling).not.toMatch(/^Je n'ai rien trouvé/);
  });
});

/** Review of round 21: her own invoice or refund with the agency, her clients named in passing, lost the billing page. */
describe('a question about her dealings with the agency that names her clients in passing', () => {
  it.each([
    "la facture de ma formation peut être au nom de ma société ? c'est pour déduire, j'ai des clientes en entreprise",
    'je peux être remboursée si ça ne marche pas avec mes clientes ?',
    "mon accès à l'espace membre a sauté, mes clientes attendent",
  ])('%s: not one about her clients', (message) => {
    expect(asksOfTheVisitorsOwnClients(message)).toBe(false);
  });

  it.each(['comment envoyer sa facture à une cliente ?', 'une cliente me demande une facture au nom de sa société, je fais comment ?'])('%s: still one about her clients', (message) => {
    expect(asksOfTheVisitorsOwnClients(message)).toBe(true);
  });
});

/**
 * A guide to the visitor's own business whose advice is signed by the team ("L'équipe recommande…", "L'équipe a testé…"):
 * more than a third of its lines name the team, yet it speaks of her clients, and it answers her (review of 2026-12-05: it
 * was left out and these questions got "Je n'ai rien trouvé").
 */
describe('a guide on the visitor’s clients that names the team', () => {
  const guide = retrievedChunk({
    title: 'Gérer les annulations de tes clientes',
    section: 'Gérer les annulations de tes clientes',
    content: [
      "L'équipe d'Audrey a testé plusieurs outils de réservation pour toi.",
      "Dans Calendly, active le délai d'annulation minimum de 24 h.",
      "L'équipe recommande d'envoyer un rappel automatique la veille.",
      'Pour rembourser une cliente sur Stripe, ouvre le paiement puis clique sur Rembourser.',
      "L'équipe conseille d'écrire ta politique d'annulation dans tes CGV.",
      'Si une cliente traverse un deuil, propose-lui de reporter ses séances sans frais.',
    ].join('\n\n'),
    score: 0.9,
  });

  it('is no page on her dealings with the agency', () => {
    const passage = (text: string) => ({ documentId: 'guide', text, heading: 'Gérer les annulations de tes clientes' });
    expect([...pagesOnDealingsWithTheAgency([passage("L'équipe recommande un rappel la veille."), passage("L'équipe conseille des CGV claires."), passage('Rembourse une cliente depuis Stripe.')])]).toEqual([]);
  });

  it('answers a question about her clients', () => {
    for (const [message, line] of <Array<[string, string]>>[
      ['comment rembourser une cliente sur Stripe ?', 'Pour rembourser une cliente sur Stripe'],
      ['ma cliente est en deuil, je reporte ses séances ?', 'Si une cliente traverse un deuil'],
      ['mes clientes annulent au dernier moment, comment gérer ?', "délai d'annulation"],
    ]) {
      expect(buildExtractiveAnswer({ agent: 'audrey', message, sources: [guide] }), message).toContain(line);
    }
  });
});
