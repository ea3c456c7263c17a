import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

/** Blind round 9's classes (escalation-indirect-requests.ts): other wordings than the round's own, and their near-misses. */
describe('requests to the agency said indirectly', () => {
  it.each([
    ['facture de ma formation svp', 'billing'],
    ["Est-ce que je pourrais avoir la facture de mon accompagnement au nom de ma société ?", 'billing'],
    ["Je n'ai jamais reçu le reçu de mon dernier paiement, pouvez-vous me le renvoyer ?", 'billing'],
    ['Petite question Zapier pour plus tard, mais surtout : il me faut la facture de novembre', 'billing'],
    ['Pouvez-vous me renvoyer ma facture ? Je ne la retrouve plus', 'billing'],
    ['Je change de banque le mois prochain, comment faire pour que les prochaines mensualités du programme passent sur le nouveau compte ?', 'billing'],
    ["J'adore le module Canva, mais est-ce que je peux arrêter les mensualités restantes ?", 'billing'],
    ['Ma carte a expiré, que se passe-t-il pour la suite du paiement ?', 'billing'],
    ['Je voudrais mettre ma formation en pause pendant mon congé maternité', 'billing'],
    ['Est-ce que je peux arrêter de payer les 3 dernières échéances ?', 'billing'],
    ['Mon IBAN a changé, il faut mettre à jour mes prélèvements', 'billing'],
    ['Est-il possible de décaler ma prochaine échéance au 15 ?', 'billing'],
    ['Je suis malade, est-ce que mon programme peut être mis en pause quelques semaines ?', 'billing'],
    ["Le lien reçu dans votre mail de bienvenue ne mène nulle part", 'account'],
    ['Les vidéos de la formation ne se chargent pas chez moi', 'account'],
    ['Les vidéos du module 4 de votre formation ne se lancent pas chez moi, écran noir', 'account'],
    ["J'ai changé de banque, je voudrais donner ma nouvelle carte pour le reste de mes paiements", 'billing'],
    ['Il me reste combien de mensualités à payer pour mon programme ?', 'billing'],
    ['I paid in 3 instalments, how many payments are left on my plan?', 'billing'],
    ["le lien d'acces que j'ai recu par mail m'envoie sur une page 404", 'account'],
    ['je conais plu mon mot de pass pour lespace membre et le lien de reinitialisation marche pa', 'account'],
    ["Je n'arrive pas à trouver les vidéos de la formation, pourriez-vous m'aider ?", 'account'],
  ])('%s → %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    'Comment créer la facture de ma formation sur Systeme.io ?',
    'Je dois faire la facture de ma formation pour une cliente, quelles mentions mettre ?',
    'Comment envoyer automatiquement la facture à mes clientes après le paiement ?',
    "Où trouver la facture de l'abonnement Canva Pro ?",
    'Une cliente veut arrêter les mensualités restantes de mon programme, je fais comment ?',
    'Comment proposer à mes clientes de changer de carte pour leurs prélèvements sur Stripe ?',
    'Comment mettre ma formation en pause sur Podia pour mes élèves ?',
    'Le lien de ma page de vente Systeme.io renvoie une erreur 404, comment corriger ?',
    "Mes élèves n'arrivent pas à trouver les vidéos de la formation sur Kajabi",
    'Comment rédiger mes mentions légales et ma politique de confidentialité ?',
    // From the review of the round's first rules (184 messages of coaches about their own business).
    "Il me faut la facture de Canva pour ma déclaration, je la trouve où ?",
    "J'ai besoin de la facture de mon hébergeur o2switch pour mes frais",
    'Quelles mentions obligatoires sur la facture de ma formation quand on est micro-entrepreneuse ?',
    'Je veux envoyer la facture avant la séance, ça fait plus pro ?',
    'Je pense arrêter les mensualités pour mon offre VIP, bonne idée ?',
    'Ma carte a expiré sur Meta, mes pubs sont coupées, je relance comment ?',
    "Changement de banque pour ma boîte : mes acheteuses en paiement en 3 fois, je fais quoi ?",
    "J'aimerais mettre mon programme en pause en août pour le retravailler, un post pour l'annoncer ?",
    "Le lien d'accès que j'envoie à mes acheteuses renvoie une 404",
    'Le lien de connexion Zoom de mon atelier de samedi ne marche pas',
    "Une acheteuse n'arrive pas à voir les vidéos de ma formation",
    'Je suis plombier et je veux lancer ma formation en ligne pour les apprentis',
    "Mon médecin m'a prescrit du repos, je veux programmer mes emails pour trois semaines",
    "Je prépare un carrousel sur les antidépresseurs et les idées reçues",
    "Je veux faire un carrousel 'ma facture d'électricité vs mon CA' pour rigoler, bonne idée ?",
    'Combien de mensualités proposer pour mon offre à 2000 € ?',
    "Mes clientes me demandent combien de versements il leur reste, comment l'afficher sur Kajabi ?",
    'Combien de prélèvements restants pour mes acheteuses en 3 fois ?',
  ])('not handed over: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

describe('a question about what the chat is', () => {
  it.each(['Vous êtes une IA ou une vraie personne ?', 'Tu es un humain ou un robot ?', 'are you a bot or a real person?'])('is answered: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each(['Je veux parler à une vraie personne', "Allô, il y a une vraie personne ici ?", "Je préfère une vraie personne à une IA"])('a request for a person is still handed over: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });
});

describe('out of scope, as before the round', () => {
  it.each([
    'je suis malade, quel médicament prendre ?',
    'Je suis micro-entrepreneur, je dois facturer la TVA ?',
    'Quelle est la TVA sur une formation en ligne ?',
    "Je suis coach, mon médecin m'a prescrit des anxiolytiques, je peux les arrêter ?",
  ])('%s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });
});

describe('distress and medical emergencies', () => {
  it('hands them to a person', () => {
    expect(detectEscalationIntent('Je pense à en finir, je ne vois plus de solution')?.category).toBe('human');
    expect(detectEscalationIntent("J'ai des douleurs dans la poitrine depuis ce matin")?.category).toBe('out_of_scope');
    expect(detectEscalationIntent("Mon médecin m'a prescrit des anxiolytiques, est-ce compatible avec la formation ?")?.category).toBe('out_of_scope');
  });
});
