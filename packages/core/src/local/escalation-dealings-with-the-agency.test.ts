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
    // Blind round 11: the agency's message named by what it sends ("que vous m'envoyez"), not "votre".
    ["jsuis bloquée, le code de connexion que vous m'envoyez n'arrive jamais", 'account'],
    ["Le lien que vous m'avez envoyé ne marche pas, la page reste blanche", 'account'],
    ['Ma photo est sur votre page Instagram sans mon autorisation, retirez-la', 'personal_data'],
    ['Je veux que vous retiriez mon témoignage de votre site', 'personal_data'],
    ['Les enregistrements de mes séances avec vous sont-ils réutilisés pour de la pub ?', 'personal_data'],
    ["Est-ce que vous embauchez des community managers en alternance ?", 'human'],
    ['Nous sommes une école de naturopathie, seriez-vous intéressées par une collaboration ?', 'human'],
    ["Je prépare un reportage sur l'agence, la fondatrice accepterait-elle ?", 'human'],
    ['¿Puedo hablar con alguien del equipo, por favor?', 'human'],
    ['Vorrei parlare con una persona, non con un bot', 'human'],
    ['No puedo acceder a la formación que compré', 'account'],
    // From the review of the first version: other ways of naming the agency.
    ['Je préfère vous payer par virement bancaire plutôt que par carte, vous m’envoyez votre RIB ?', 'billing'],
    ['Je suis une ancienne élève, je pourrais avoir la nouvelle version de la formation sans repayer ?', 'billing'],
    ["Ce n'est pas le bon programme que j'ai acheté, je voulais l'accompagnement individuel", 'billing'],
    ['Ma sœur peut-elle utiliser mon accès au programme à ma place ?', 'account'],
    ["Votre mail pour choisir mon mot de passe n'est jamais arrivé", 'account'],
    ['Je ne veux plus que vous utilisiez mon témoignage dans vos publicités', 'personal_data'],
    ['Les replays de mes rendez-vous individuels avec Audrey sont stockés où, et qui les regarde ?', 'personal_data'],
    ['Bonjour, je suis community manager et j’aimerais travailler pour votre agence', 'human'],
    ['Nous sommes une marque de tapis de yoga et nous aimerions vous proposer un partenariat', 'human'],
    ['Olá, quero falar com uma pessoa, não com um robô', 'human'],
    ['Ich möchte bitte mit einem Menschen sprechen', 'human'],
    ['Ich habe keinen Zugang zu meinem Kurs', 'account'],
    // From a second probe, written after the narrowing.
    ['Si je prends le club + le coaching Carole ensemble, vous me faites un prix ?', 'billing'],
    ['vous acceptez les paiements par chèque vacances ? pour le programme de septembre', 'billing'],
    ['Est-ce que je peux payer le coaching avec mon CPF ou via mon OPCO ?', 'billing'],
    ['Ma collègue voudrait reprendre ma place dans la promo de janvier car je suis malade, c’est faisable ?', 'account'],
    ['Je voudrais postuler chez vous comme assistante, à qui j’envoie ma candidature ?', 'human'],
    ['Je suis community manager et j’adorerais faire partie de votre team, vous avez des besoins ?', 'human'],
    ["Est-ce qu'Audrey pourrait me téléphoner demain matin ? C'est plus simple pour moi que d'écrire", 'human'],
    ['Je vais saisir la DGCCRF, vos conditions de vente sont abusives', 'legal'],
    // From the review of the round's diff: the lawyer's veto must not swallow a threat.
    ['Mon mari est avocat et il dit que vos CGV sont abusives, répondez à mon mail', 'legal'],
    ["Sur les conseils d'un avocat, je vous informe que vos conditions de vente sont abusives. Merci de répondre par mail.", 'legal'],
    ['je vais écrire à la DGCCRF', 'legal'],
    ['Je saisis le médiateur de la consommation', 'legal'],
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
    // From the review of the first version (151 messages of coaches about their own business).
    "Dans mon mail de relance j'écris « voici la facture de votre accompagnement », c'est assez chaleureux ?",
    'Vous avez une réduction à conseiller pour un lancement, 10 ou 20 % ?',
    'Existe-t-il un code promo Flodesk pour la première année ?',
    "J'offre un accès gratuit à mon challenge de 5 jours, je le présente comment dans ma bio ?",
    'Je me suis trompée de formule sur Mailjet, l’offre Essentiel suffit-elle pour 3000 contacts ?',
    'Le code de connexion de Later ne m’arrive pas, c’est un bug connu ?',
    "Le code que j'envoie à mes clientes n'arrive jamais, c'est Brevo ?",
    "Le mail que vous m'envoyez chaque semaine, il est fait avec quel outil ? J'aimerais le même pour ma newsletter",
    'Je transfère l’accès de ma chaîne à ma VA, quel rôle lui donner ?',
    'Un compte Pinterest utilise mes photos sans mon autorisation, je peux les faire retirer ?',
    'Les vidéos de mes coachings de groupe peuvent-elles être réutilisées en pub sur Facebook ?',
    'Mon bouton « Rejoindre l’équipe » sur ma page recrutement ne convertit pas, je change le texte ?',
    'Je veux interviewer la fondatrice d’une marque de thé pour mon podcast, quelles questions ?',
    '¿Mi chatbot de WhatsApp debería ofrecer hablar con una persona del equipo?',
    'Non riesco ad accedere al mio account Later, sai perché?',
    "J'ai pris la mauvaise offre chez Ionos pour mon nom de domaine, c'est grave ?",
    "Ce n'est pas le bon programme d'affiliation que j'ai rejoint sur Amazon, je voulais celui des créateurs",
    'Comment rédiger des CGV sans clauses abusives pour mon programme ?',
    'Comment accepter les paiements par chèque sur mon site Wix ?',
    "Message d'une marque : seriez-vous intéressée par un partenariat avec nous ? je réponds quoi",
    "Je fais le site d'une avocate, quelle palette de couleurs ?",
    'Ma formation est-elle éligible au CPF si je deviens Qualiopi ?',
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
    'Mon chat a mangé un lys, il bave beaucoup, c’est grave ?',
    'Mon ex refuse de me rendre les enfants ce week-end, j’ai le droit d’appeler la police ?',
    'Vous savez quel forfait 5G est le moins cher en ce moment ?',
    'Comment on accorde un piano soi-même ?',
    // From the review: business words next to a tax or weather question do not make it a content question.
    "Je dois payer l'URSSAF, je vends des bijoux, combien ?",
    'Comment je remplis ma déclaration de revenus ? Je suis sur la page impots.gouv',
    'Quel temps fera-t-il demain ? la météo sur google dit pluie',
  ])('%s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each([
    'Je suis vétérinaire, comment trouver des clients ?',
    'Je suis notaire, comment parler de succession entre enfants sur LinkedIn ?',
    'Je fais un Reel sur le mildiou dans mes vignes, quelle musique ?',
    'Quel forfait mobile pour filmer mes Reels en 4K ?',
    'Je vends du vin bio, comment lancer ma newsletter pour mes clients ?',
    'Je suis viticultrice, le mildiou a ruiné ma récolte, comment l’annoncer à mes abonnés par mail ?',
    'Je suis notaire, je veux une landing page sur le testament, quel plan ?',
    'Prof de guitare : je montre comment accorder une guitare en 60 secondes, format carré ou vertical ?',
  ])('a question of the experts: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

describe('a lawyer', () => {
  it.each([
    'Est-ce que ça vaut le coup de faire des lives Instagram quand on est avocate ?',
    'Je suis avocat, comment écrire ma newsletter ?',
    'Avocate en droit de la famille, j’ai besoin d’une page de prise de rendez-vous, Calendly ou Acuity ?',
    'Ma cliente est avocate en droit du travail, quel ton pour ses posts ?',
  ])(
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
