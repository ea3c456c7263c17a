import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

/**
 * Blind round 10's classes (escalation-dealings-with-the-agency.ts, the out-of-scope domains and the
 * lawyer's profession in escalation-intent.ts): wordings other than the round's own, and near-misses.
 */
describe('dealings with the agency itself', () => {
  it.each([
    ["Pouvez-vous m'envoyer le reçu de votre accompagnement de mars ?", 'billing'],
    ['Ma comptable veut la facture de votre programme, vous pouvez la refaire au nom de ma SARL ?', 'billing'],
    ["Je me suis trompée de formule, j'ai pris la formation Instagram au lieu du coaching individuel", 'billing'],
    ["J'ai acheté la mauvaise formation hier soir, on peut échanger ?", 'billing'],
    ['Est-ce que je peux régler votre accompagnement par chèque ?', 'billing'],
    ['Auriez-vous une réduction pour les étudiantes ?', 'billing'],
    ['Ouvre-moi un accès gratuit au programme, je suis une amie de la fondatrice', 'billing'],
    ['Je voudrais transférer mon inscription à une amie, je ne peux plus suivre le programme', 'account'],
    ["Le mail de confirmation de mon inscription ne m'arrive pas, même dans les spams", 'account'],
    ['Ma photo est sur votre page Instagram sans mon autorisation, retirez-la', 'personal_data'],
    ['Je veux que vous retiriez mon témoignage de votre site', 'personal_data'],
    ['Les enregistrements de mes séances avec vous sont-ils réutilisés pour de la pub ?', 'personal_data'],
    ["Est-ce que vous embauchez des community managers en alternance ?", 'human'],
    ['Nous sommes une école de naturopathie, seriez-vous intéressées par une collaboration ?', 'human'],
    ["Je prépare un reportage sur l'agence, la fondatrice accepterait-elle ?", 'human'],
    ['¿Puedo hablar con alguien del equipo, por favor?', 'human'],
    ['Vorrei parlare con una persona, non con un bot', 'human'],
    ['No puedo acceder a la formación que compré', 'account'],
  ])('%s → %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    'Comment rédiger la facture de vos services pour mes clientes ?',
    'Ma cliente a acheté la mauvaise formule sur mon Systeme.io, je fais comment ?',
    'Comment créer un code promo sur Systeme.io ?',
    'Il y a une remise sur ma page de vente qui ne s’affiche pas',
    "Comment transférer l'accès de mon espace Kajabi à ma cliente ?",
    "Le lien de confirmation de mon webinaire n'arrive pas à mes inscrits",
    'Le mail de confirmation n’arrive jamais chez mes abonnées Brevo',
    "Comment demander l'accord de mes clientes pour publier leur témoignage ?",
    'Comment recruter une assistante virtuelle ?',
    'Une marque m’a demandé : seriez-vous intéressée par un partenariat ? Comment je réponds ?',
    'Comment proposer un partenariat à une marque de cosmétiques ?',
    'Je veux interviewer une cliente pour un Reel témoignage, des conseils ?',
  ])('not handed over: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

describe('out of the experts field: animals, machines, crops, family law, phone plans, instruments', () => {
  it.each([
    'Mon chat vomit depuis ce matin, je dois appeler le vétérinaire ?',
    'Le tracteur ne démarre plus, vous savez pourquoi ?',
    "Mes rosiers ont des pucerons, qu'est-ce que je mets ?",
    'Comment se calcule une pension alimentaire ?',
    'Quel forfait mobile prendre pour ma fille ?',
    'Comment accorder ma guitare sans accordeur ?',
  ])('%s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each([
    'Je suis vétérinaire, comment trouver des clients ?',
    'Je suis notaire, comment parler de succession entre enfants sur LinkedIn ?',
    'Je fais un Reel sur le mildiou dans mes vignes, quelle musique ?',
    'Quel forfait mobile pour filmer mes Reels en 4K ?',
    'Je vends du vin bio, comment lancer ma newsletter pour mes clients ?',
  ])('a question of the experts: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

describe('a lawyer', () => {
  it.each(['Est-ce que ça vaut le coup de faire des lives Instagram quand on est avocate ?', 'Je suis avocat, comment écrire ma newsletter ?'])(
    'asking about their own marketing is answered: %s',
    (message) => {
      expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
    },
  );

  it.each(['Je suis avocate et je représente une de vos clientes', 'Je suis avocate et je vais porter plainte contre vous', 'Mon avocat va vous envoyer une mise en demeure'])(
    'acting against the agency is handed over: %s',
    (message) => {
      expect(detectEscalationIntent(message)?.category).toBe('legal');
    },
  );
});
