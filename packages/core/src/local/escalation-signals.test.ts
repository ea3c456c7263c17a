import { describe, expect, it } from 'vitest';
import { detectEscalationIntent, plainIntentText } from './escalation-intent.ts';
import { problemWithTheAgency } from './escalation-signals.ts';

const signal = (message: string) => problemWithTheAgency(plainIntentText(message))?.category ?? null;

describe('problemWithTheAgency: a problem or request about what the visitor has with the agency', () => {
  it.each([
    ['Bonjour, mon abonnement mensuel a été renouvelé alors que je l’avais arrêté en mars', 'billing'],
    ['je voudrais une attestation de paiement pour pôle emploi', 'billing'],
    ['Est-ce que vous pouvez me faire un avoir ?', 'billing'],
    ['please stop charging my card', 'billing'],
    ['the login link you sent me has expired', 'account'],
    ['mon accès à la formation a disparu du jour au lendemain', 'account'],
    ['J’ai acheté la formation Instagram le 3 avril et le lien d’accès ne fonctionne pas, pouvez-vous m’aider ?', 'account'],
    ['Veuillez supprimer mon historique de conversation', 'personal_data'],
    ['Auriez-vous un numéro où vous joindre ?', 'human'],
    ['hi, I bought the canva templates pack but the download link is broken', 'account'],
    ['Mon code promo n’a pas été pris en compte au paiement, je veux la différence', 'billing'],
    ['j’ai pas de facture pour mon achat du 12', 'billing'],
    ['bjr je comprends pas pk on m’a retiré 120 euros hier', 'billing'],
    ['honnêtement je regrette mon achat', 'billing'],
    ['j’ai changé de banque, comment je mets à jour ma carte pour les prochains prélèvements ?', 'billing'],
    ['Je n’arrive pas à télécharger le guide que j’ai acheté', 'account'],
    ['Hello, I never received the confirmation email after paying', 'account'],
    ['je voudrais un rendez-vous avec quelqu’un pour parler de mon accompagnement', 'human'],
    ['Bonjour, je n’ai pas reçu le lien zoom pour l’atelier de ce soir 😟', 'account'],
    ['je me suis trompée d’adresse mail en m’inscrivant, vous pouvez corriger ?', 'account'],
    ['mon paiement en 3 fois s’est arrêté au 2e versement, c’est normal ?', 'billing'],
    ['la vidéo du module 2 ne se lance pas', 'account'],
    ['Je ne retrouve plus mon reçu de paiement, vous pouvez me le renvoyer ?', 'billing'],
    ['I think there’s been a mistake with my order', 'billing'],
    ['Bonjour, j’ai un souci avec mon inscription à l’atelier de juin', 'account'],
    ['le code que vous m’avez envoyé ne fonctionne pas', 'account'],
    ['est-ce que je peux avoir une facture avec mon numéro de SIRET ?', 'billing'],
    ['j’ai reçu un mail de relance de paiement alors que j’ai déjà tout payé', 'billing'],
    ['je n’ai pas pu assister à la séance de groupe, est-ce qu’on peut la décaler pour moi ?', 'human'],
  ])('%s -> %s', (message, category) => {
    expect(signal(message)).toBe(category);
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // A how-to, even polite ("pouvez-vous"), about the visitor's own site, tools, emails or content.
    'Pouvez-vous m’expliquer comment changer le mot de passe de mon site WordPress ?',
    'je veux modifier mon mail de confirmation de paiement, il est trop long',
    'pourquoi mon historique de publications a disparu de mon feed ?',
    'J’ai payé une pub facebook et rien ne se passe, pourquoi ?',
    'mon abonnement canva pro a expiré, je peux faire sans ?',
    'mes clientes n’arrivent pas à se connecter à mon espace membre podia, je vérifie quoi ?',
    'Combien coûte votre accompagnement ?',
    'Je veux changer la date de mon webinaire, je préviens les inscrites comment ?',
    'le lien dans ma bio ne marche pas',
    'mon code promo ne marche pas sur ma page de vente',
    'quelqu’un de l’équipe a écrit un article sur les hashtags ?',
    'Où récupérer mes factures d’achat ?',
    'Comment faire payer un acompte à mes clientes avant la séance ?',
    'mes clientes me demandent une facture, je la fais avec quoi ?',
    'j’ai 50 abonnés depuis 6 mois, je fais quoi de mal ?',
    'j’ai payé l’accompagnement hier, je fais quoi en premier ?',
    'mes inscrites ne reçoivent pas le lien de mon webinaire, je vérifie quoi ?',
    'je n’arrive pas à connecter mon domaine à brevo',
    'Comment je crée une séquence de relance de paiement pour mes clientes ?',
    'mon zap envoie deux fois le même mail, pourquoi ?',
    'mes factures systeme io n’ont pas le bon numéro de SIRET, je change ça où ?',
    'where can I find my invoices?',
  ])('answers: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

describe('problemWithTheAgency, blind round 7: modules gone, a new card for the instalments, a discount not applied, "I need"', () => {
  it.each([
    ['Je ne retrouve plus mes modules dans mon espace, tout a disparu', 'account'],
    ['mon espace a disparu depuis la mise à jour', 'account'],
    ["bjr j'ai changé de carte bancaire, comment je mets à jour pour mes mensualités ?", 'billing'],
    ["J'ai une nouvelle carte bancaire, comment je change pour mes prochaines échéances ?", 'billing'],
    ["Mon code promo n'a pas été appliqué, j'ai payé plein tarif", 'billing'],
    ['Ma réduction de -30% n’a pas été appliquée sur ma commande', 'billing'],
    ['I need a VAT invoice with my company number on it', 'billing'],
    ['I need help with my invoice from you, the VAT number is missing', 'billing'],
  ])('%s -> %s', (message, category) => {
    expect(signal(message)).toBe(category);
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    'Comment organiser mes modules sur Kajabi ?',
    'Mes élèves ne retrouvent plus leurs modules sur Podia',
    'Comment changer la carte bancaire de mon abonnement Canva ?',
    'Mon code promo n’est pas appliqué sur ma page de vente Systeme.io, pourquoi ?',
    'I need a tool to send invoices to my clients automatically',
    'I need more followers, what should I post?',
    'I need a better welcome email sequence',
    'Comment proposer un paiement en mensualités à mes clientes ?',
  ])('answers: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

// Review of blind rounds 7 and 8 (S1): "I need" only with what the agency gives; modules and the
// member space only as the visitor's access, not as what they build or a tool's.
describe('problemWithTheAgency: "I need", "mes modules", "mon espace" after the review', () => {
  it.each([
    'I need ideas for my reels, my account is not growing',
    'I need a new bio for my account, any tips?',
    'I need more engagement on my account, what should I post?',
    "Je n'arrive pas à structurer mes modules de formation, combien en faire ?",
    "Je n'arrive pas à faire un beau carrousel, j'ai besoin de mes modules Canva",
    "Je n'arrive pas à organiser mon espace de travail Notion pour planifier mes posts",
    "Je n'arrive pas à remplir mon espace membre avec du contenu, des idées ?",
  ])('answers: %s', (message) => {
    expect(signal(message)).toBeNull();
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    ['I need my invoice for last month', 'billing'],
    ['I need my login again, the one from the course', 'account'],
    ["Je n'arrive pas à ouvrir mes modules depuis hier", 'account'],
    ['mon espace membre a disparu, je ne vois plus rien', 'account'],
    ['mon espace a disparu depuis la mise à jour', 'account'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });
});
