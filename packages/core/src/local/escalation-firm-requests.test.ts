import { describe, expect, it } from 'vitest';
import { FIRM_REQUEST_RULES } from './escalation-firm-requests.ts';
import { detectEscalationIntent, plainIntentText } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

/** Whether one of the round-8 rules alone fires on the message (its pattern, not vetoed). */
const ruleFires = (message: string) => {
  const text = plainIntentText(message);
  return FIRM_REQUEST_RULES.some((rule) => rule.pattern.test(text) && !rule.unless?.test(text));
};
const router = new KeywordRouter();
const decisionOf = (message: string) => router.decide({ message, history: [] });

// Blind round 8: requests to the agency the rules missed, as classes (other wordings than the round's).
describe('requests to the agency (blind round 8)', () => {
  it.each([
    // A bare request: the whole message.
    ['Facture ?', 'billing'],
    ['mon remboursement ??', 'billing'],
    ['refund', 'billing'],
    ['duplicata de facture svp', 'billing'],
    ['Une facture svp merci', 'billing'],
    ['💸 remboursement', 'billing'],
    ['je veux résilier', 'billing'],
    ['je voudrais une facture', 'billing'],
    ['remboursement svp c’est urgent', 'billing'],
    ['Facture de mars svp', 'billing'],
    ['la facture du mois dernier ?', 'billing'],
    // A grievance beside a how-to.
    ['Comment configurer mon tunnel Systeme.io ? Par ailleurs ça fait deux semaines que j’attends mon remboursement', 'billing'],
    ['Je voulais savoir comment automatiser mes emails, mais je veux me plaindre : la dernière séance a sauté', 'complaint'],
    ['I want to complain about the coaching', 'complaint'],
    // Waiting days for what only the agency gives.
    ['ça fait trois semaines que j’attends mon accès à la formation', 'billing'],
    ['Depuis 2 semaines j’attends mes identifiants', 'billing'],
    ['j’attends mon remboursement depuis un mois', 'billing'],
    // A sign-up to the agency's list without consent.
    ['Supprimez mon adresse de votre liste', 'personal_data'],
    ['je reçois vos mails alors que je ne me suis jamais inscrite', 'personal_data'],
    ['Vous m’avez ajoutée à votre liste sans mon consentement', 'personal_data'],
    ['you added me to your mailing list without my consent', 'personal_data'],
    // "m'" typed without its apostrophe after a subject.
    ['ils mont facturé deux fois', 'billing'],
    ['on ma débité le mois complet alors que j ai résilié', 'billing'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // A billing word with something of substance: a how-to.
    'facture automatique ?',
    'remboursement Stripe ?',
    'Remboursement : comment l’expliquer dans mes CGV ?',
    'remboursement partiel ou total pour une cliente ?',
    'Je voudrais une facture pour mes clientes',
    'je veux une facture automatique',
    // Complaining as a topic, or the visitor's clients who complain.
    'Comment me plaindre auprès de Meta ?',
    'Comment gérer une cliente qui veut se plaindre ?',
    'Mes clientes veulent se plaindre de mon tunnel, comment je fais ?',
    'je veux me plaindre moins dans mes stories et être plus positive',
    // A grievance about another company's platform.
    'Comment créer un tunnel ? Je veux me plaindre de Systeme.io qui bug',
    'Comment gérer les réclamations de mes clientes ?',
    // Waiting on results, on their own tools, on their clients.
    'ça fait 3 semaines que j’attends des résultats de mes Reels',
    'ça fait 3 mois que j’attends d’avoir 1000 abonnés',
    'ça fait 2 semaines que j’attends que ma page de vente convertisse',
    'ça fait 3 semaines que j’attends le virement Stripe de mes ventes, comment automatiser mes relances ?',
    'Ma cliente attend sa facture depuis 3 semaines, comment l’envoyer automatiquement ?',
    // Consent of their own audience.
    'Une abonnée a partagé mon Reel sans mon accord, je fais quoi ?',
    'Comment retirer un contact de ma liste sans son accord ?',
    'Comment ajouter des contacts à ma liste sans leur consentement ?',
    'une abonnée me dit qu’elle reçoit vos mails alors qu’elle ne s’est jamais inscrite',
    // "ma" after a subject that is not a participle's.
    'on ma dit que les reels marchent mieux le matin, c’est vrai ?',
    'elle ma envoyé un message privé, je réponds quoi ?',
  ])('answers: %s', (message) => {
    expect(ruleFires(message)).toBe(false);
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

describe('a question whether the chat is a bot is not a request for a person', () => {
  it.each(['tu es un robot ?', 't’es un robot ou quoi', 'are you a bot?', 'c’est un robot qui répond ?', 'tu es une IA ?'])('answers: %s', (message) => {
    expect(decisionOf(message).kind).not.toBe('escalate');
  });

  it.each([
    'je ne veux pas parler à un robot',
    'J’aimerais échanger avec une personne, pas un robot',
    'j’en ai marre de parler à un robot',
    'I want to talk to a real person, not a bot',
  ])('still hands over: %s', (message) => {
    expect(decisionOf(message).kind).toBe('escalate');
  });
});

// Review of blind rounds 7 and 8 (S2-S4, S6): each firm rule narrowed to the agency.
describe('round-8 rules after the review', () => {
  it.each([
    ['Je veux me plaindre de la formation, rien ne correspond à la page de vente', 'complaint'],
    ['Je voudrais déposer une réclamation concernant le coaching de groupe', 'complaint'],
    ['Comment créer un tunnel ? Je veux me plaindre : la dernière séance a sauté', 'complaint'],
    ['Ça fait 3 semaines que j’attends mon accès à la formation, comment configurer Kajabi en attendant ?', 'billing'],
    ['Vous m’avez inscrite à la newsletter sans mon accord', 'personal_data'],
    ['Je reçois vos newsletters alors que je ne me suis jamais inscrite', 'personal_data'],
    ['Facture, merci !', 'billing'],
    ['Remboursez, merci', 'billing'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // S2: a grievance about another company, an algorithm, one's own supplier.
    "Je veux me plaindre de l'algorithme d'Instagram, mes reels ne décollent plus !",
    "Je voudrais me plaindre de l'algorithme LinkedIn, je n'ai plus de vues",
    'Je veux me plaindre de mon hébergeur o2switch qui plante, lequel prendre pour mon site ?',
    // S3: waiting on another platform or one's own supplier.
    "Ça fait 3 semaines que j'attends les accès Kajabi que mon webmaster doit me créer, comment configurer mon tunnel en attendant ?",
    "J'attends mes identifiants Learnybox depuis 5 jours, comment préparer mes vidéos en attendant ?",
    "Ça fait 2 semaines que j'attends ma facture de mon graphiste, c'est normal ?",
    // S4: added somewhere else without consent.
    "On m'a ajoutée à un groupe WhatsApp sans mon accord, est-ce que je peux faire pareil pour ma communauté ?",
    "On m'a mise dans une story sans mon autorisation, je fais quoi ?",
    "Je reçois vos newsletters et j'adore, jamais inscrite autant de fois à une liste si utile !",
    // S6: a participle is not a request.
    'Remboursée, merci !',
  ])('answers: %s', (message) => {
    expect(ruleFires(message)).toBe(false);
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

describe('requests to the agency found after the review', () => {
  it.each([
    ['Je n’ai plus envie de payer, arrêtez les prélèvements', 'billing'],
    ['Annulez mon abonnement svp', 'billing'],
    ['Pouvez-vous me désinscrire de toutes vos listes ?', 'personal_data'],
  ])('hands over: %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each(['Facture de mars : comment l’automatiser ?', 'Comment désinscrire de toutes mes listes les contacts inactifs ?', 'Comment arrêter les prélèvements de mes clientes sur Stripe ?'])(
    'answers: %s',
    (message) => {
      expect(detectEscalationIntent(message)).toBeNull();
    },
  );
});
