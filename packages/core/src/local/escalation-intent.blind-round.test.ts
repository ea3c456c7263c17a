import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

// Wordings written after the rules in blind rounds (a third were missed before the rules they led to).
const ESCALATED: Array<[message: string, category: string]> = [
  ["Je voudrais récupérer l'argent de ma formation, elle ne me convient pas.", 'billing'],
  ['Je veux un avoir pour la session annulée.', 'billing'],
  ['Je demande un dédommagement pour les séances annulées.', 'billing'],
  ['Le lien pour accéder au programme ne marche pas.', 'account'],
  ['Le lien du replay de la masterclass ne fonctionne plus.', 'account'],
  ['Je ne veux plus recevoir vos emails.', 'personal_data'],
  ['Arrêtez de m’envoyer vos newsletters.', 'personal_data'],
  ['Votre service est nul.', 'complaint'],
  ['Franchement, votre accompagnement est décevant.', 'complaint'],
  ["Pouvez-vous m'aider à remplir ma déclaration de revenus ?", 'out_of_scope'],
  // Round 3 (2026-12-02): 24 of 30 at first sight; these six were the misses.
  ['Le prélèvement de ce mois a échoué, ma banque a refusé, je fais comment pour régulariser ?', 'billing'],
  ["Est-ce que j'ai le droit de rompre le contrat avant la fin de l'engagement ?", 'billing'],
  ['Je ne reçois plus vos newsletters alors que je suis inscrite, vous pouvez vérifier ?', 'account'],
  ['Vous avez un numéro où je peux vous joindre ?', 'human'],
  ["La coach ne s'est pas présentée à notre visio de ce matin", 'complaint'],
  ['Vous pouvez me faire un devis pour un accompagnement sur mesure pour mon équipe ?', 'human'],
  // Same classes, other words.
  ['Mon échéance de janvier a été rejetée par la banque.', 'billing'],
  // Blind round 12: Canadian French "charger" (to bill).
  ['Allo, je me suis fait charger deux fois pour le programme ce mois-ci, pouvez-vous regarder?', 'billing'],
  ['vous m’avez chargé deux fois ce mois-ci', 'billing'],
  ['Je veux sortir de mon engagement de 12 mois.', 'billing'],
  ["Je n'ai jamais reçu votre mail de confirmation d'inscription.", 'account'],
  ['Comment puis-je vous contacter par téléphone ?', 'human'],
  ["Ma coach n'est pas venue au rendez-vous et personne ne m'a prévenue.", 'complaint'],
  ["J'aimerais obtenir un devis pour l'accompagnement premium.", 'human'],
  // Round 3, from the review: other words for the agency's emails not arriving, and a coach offline.
  ["Vos mails n'arrivent plus dans ma boîte.", 'account'],
  ['Vos emails arrivent dans mes spams.', 'account'],
  ["Je n'ai toujours rien reçu de votre part.", 'account'],
  ["Je ne reçois pas les emails de l'agence.", 'account'],
  ["Le coach ne s'est pas connecté à notre visio.", 'complaint'],
  ['Comment changer mon numéro de téléphone, je veux être rappelée demain', 'human'],
  // A probe on another knowledge base (sessions booked with the agency): a session link that does
  // not work or never came, a replay never received.
  ["Je n'ai pas reçu le lien pour ma séance de demain", 'account'],
  ['Mon lien de visio pour la séance ne marche pas, on commence dans 5 minutes !', 'account'],
  ['Le lien zoom de ma séance ne fonctionne pas', 'account'],
  ["je n'ai pas reçu le replay de la séance de groupe", 'account'],
  ["Je n'ai jamais reçu l'invitation pour la masterclass", 'account'],
  ["Le lien de la séance ne s'ouvre pas", 'account'],
  ["Je n'ai pas reçu les liens des séances de groupe", 'account'],
];

// The same words about the visitor's own business, tools or content.
const ANSWERED = [
  'Comment rembourser une cliente sur Stripe ?',
  'On m’a chargée de préparer le lancement, par quoi je commence ?',
  'ma page de vente se charge deux fois plus vite depuis que j’ai compressé les images',
  'Mon lien en bio ne marche pas sur Instagram, comment le réparer ?',
  'Comment faire pour que mes abonnées ne reçoivent plus mes emails de relance ?',
  'Quelle légende pour un post sur un service client nul ?',
  'Comment gérer une cliente mécontente en DM ?',
  'Comment récupérer les emails de mes inscrites au webinaire ?',
  'Comment faire un avoir dans mon logiciel de facturation ?',
  "J'ai oublié mon mot de passe pour la plateforme de formation.",
  // Round 3: how-tos with the same words.
  'Le prélèvement de ma cliente a échoué, comment la relancer automatiquement ?',
  'Comment gérer les paiements refusés dans Stripe ?',
  'Comment envoyer un devis automatiquement à mes prospects ?',
  'Quel outil pour faire des devis et des factures ?',
  'Mes abonnées ne reçoivent pas mes newsletters, pourquoi ?',
  'Comment augmenter le taux d’engagement de mes Reels ?',
  'Comment rédiger un contrat d’accompagnement pour mes clientes ?',
  'Que faire si une cliente ne se présente pas à sa séance ?',
  'Comment mettre mon numéro de téléphone sur ma page de contact ?',
  "Comment sortir de l'engagement faible sur Instagram ?",
  'Tu peux me donner un modèle de devis pour mes séances ?',
  'Les prélèvements SEPA refusés, comment les relancer avec Zapier ?',
  'Je ne reçois pas les notifications Instagram de mes messages, normal ?',
  // From the review of round 3: the same words about the visitor's own business, tools or plans.
  "Si je fais une pause d'un mois, est-ce que ça va casser mon engagement sur Instagram ?",
  'Comment quitter mon abonnement Canva Pro ?',
  "Quoi dire quand le paiement n'est pas passé sur Kajabi ?",
  'Quel mail envoyer quand le prélèvement a échoué ?',
  'Le paiement de la cliente a échoué, je fais quoi ?',
  'La banque a refusé ma demande de prêt pro, tu as des conseils pour financer mon site ?',
  "Personne n'est venu à mon atelier, comment attirer plus de participants ?",
  "Personne n'est venue à mon live hier soir.",
  'La coach sera absente la semaine prochaine, qui la remplace ?',
  'Je voudrais créer un devis sur Canva, tu as un modèle ?',
  'Je peux envoyer des devis depuis Stripe ?',
  'On peut faire des devis avec Kajabi ?',
  'Une abonnée m’écrit « je ne reçois plus tes newsletters », que faire ?',
  "Elles me disent qu'elles n'ont pas reçu ton lien, tu peux m'aider à configurer Brevo ?",
  'Où mettre mon numéro de téléphone sur ma page Facebook ?',
  'Dois-je afficher mon numéro de téléphone sur Instagram ?',
  'Comment est-ce que je peux ajouter mon numéro de téléphone sur mon site ?',
  // The probe's near misses: the visitor's own sessions, with their clients.
  "Ma cliente n'a pas reçu le lien de sa séance",
  'Le lien zoom de la séance de ma cliente ne marche pas',
  "Mes participantes n'ont pas reçu le replay du webinaire",
  "Mes élèves n'ont pas reçu le lien de l'atelier",
  'Mes clientes me disent qu’elles n’ont pas reçu le lien de la séance',
  'Comment faire pour que le lien de la visio ne change pas à chaque séance ?',
  'je fais des séances de sophro en visio, comment envoyer le lien zoom automatiquement après la réservation ?',
  'Pourquoi le lien de mon rdv Calendly ne marche pas ?',
  'Comment envoyer le replay de mon webinaire à celles qui ne l’ont pas reçu ?',
  // Their review: the visitor's patients, trainees, coachees, own events, tools and pages.
  'Le lien zoom de la séance de ma patiente ne marche pas',
  "Mes coachées n'ont pas reçu le lien de la séance",
  "Mes stagiaires n'ont pas reçu le replay de l'atelier",
  "Certaines personnes n'ont pas reçu le lien de mon atelier",
  'Comment faire si le lien de la visio ne marche pas pendant ma séance avec un patient ?',
  "Je n'ai pas reçu le replay de mon live instagram",
  "Je n'ai pas reçu l'enregistrement de ma séance sur Zoom, comment le retrouver ?",
  "Je n'ai pas reçu le lien de mon rendez-vous Calendly, comment paramétrer l'email de confirmation ?",
  "Je n'ai pas reçu l'invitation Google Agenda pour mon rendez-vous",
  "je n'ai pas reçu le replay de mon webinaire sur Systeme.io",
  'Le lien de mon webinaire ne fonctionne pas sur Systeme.io',
  'Le lien de mon atelier sur Livestorm ne marche pas, comment le réparer ?',
  'Le lien de ma page coaching ne marche plus',
  'Le lien de mon offre coaching ne fonctionne pas',
  'Le lien de mon live ne fonctionne pas sur mon site',
];

describe('escalation rules on blind-round wordings', () => {
  it.each(ESCALATED)('escalates %s as %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each(ANSWERED)('answers %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});
