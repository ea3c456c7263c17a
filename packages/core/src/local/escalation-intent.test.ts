import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const route = (message: string) => router.decide({ message, history: [] });

describe('escalation by intent, not by words (the three examples of the issue)', () => {
  it('answers a how-to that mentions an invoice and a payment (Audrey)', () => {
    const decision = route('Comment générer automatiquement une facture quand un paiement Stripe passe ?');
    expect(decision).toMatchObject({ kind: 'answer', agent: 'audrey' });
  });

  it('hands a refund asked in English to a person (billing)', () => {
    expect(route('I want my money back for the course')).toMatchObject({ kind: 'escalate', agent: 'escalate', category: 'billing' });
  });

  it('hands a data-access request to a person (personal data)', () => {
    expect(route('Pouvez-vous m’envoyer une copie des données que vous avez sur moi ?')).toMatchObject({
      kind: 'escalate',
      category: 'personal_data',
    });
  });
});

describe('detectEscalationIntent', () => {
  it.each([
    ['Je veux parler à quelqu’un de l’équipe', 'human'],
    ['can i talk to a real person please', 'human'],
    ['jveux etre rembourser svp', 'billing'],
    ['On m’a prélevé deux fois ce mois-ci', 'billing'],
    ['I was charged twice for the program', 'billing'],
    ['Je voudrais annuler mon abonnement', 'billing'],
    ['Je n’arrive plus à me connecter à mon espace membre, compte bloqué', 'account'],
    ['I cant log in to my account since yesterday', 'account'],
    ['Supprimez toutes mes données personnelles', 'personal_data'],
    ['please delete my account and my data', 'personal_data'],
    ['Votre service est lamentable, personne ne me répond', 'complaint'],
    ['Je vais contacter mon avocat', 'legal'],
    ['im going to sue you', 'legal'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    'Comment générer automatiquement une facture quand un paiement Stripe passe ?',
    'Quelle est votre politique de remboursement ?',
    'Comment gérer les remboursements de mes clientes dans Systeme.io ?',
    'Comment répondre à une cliente mécontente en commentaire ?',
    'Comment rendre mon formulaire d’inscription conforme au RGPD ?',
    'Comment rappeler automatiquement leur rendez-vous à mes clientes ?',
    'Quel prix pour mon ebook ?',
    'Comment créer un espace membre pour mes clientes sur Kajabi ?',
    'how do i send an invoice automatically when someone pays?',
    'Comment parler à ma communauté en story ?',
    'J’ai filmé mon Reel avec mon téléphone, comment le monter ?',
  ])('answers the how-to: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});
