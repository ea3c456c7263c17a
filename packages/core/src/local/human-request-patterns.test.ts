import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

// Wordings written after the rules, in blind rounds (most were missed before human-request-patterns.ts).
const ASKS_FOR_A_PERSON = [
  "Bonjour, je voudrais que quelqu'un de chez vous me téléphone.",
  "Serait-il possible d'échanger avec une vraie coach ?",
  "Je cherche à joindre l'agence directement.",
  'Vous pouvez me faire rappeler ?',
  // "rappelée" was mended into "rappeler" (one letter away), and the request lost (a probe of `pnpm start`, 2026-12-05).
  'je veux être rappelée',
  'je voudrais être rappelé svp',
  "Je souhaiterais un entretien avec un membre de l'équipe.",
  'Qui puis-je contacter chez vous pour parler de mon projet ?',
  "J'ai une question que je préfère poser à quelqu'un directement.",
  "C'est possible d'avoir le mail de l'équipe ?",
  'Allô, il y a une vraie personne ici ?',
  "Je n'ai pas envie de parler à une machine.",
  "Pourriez-vous transmettre ma demande à l'équipe ?",
  "Besoin d'un humain, c'est urgent.",
  'Is anyone from the team online?',
  'Pouvez-vous organiser un appel avec Carole ?',
  "Je voudrais être mise en relation avec quelqu'un.",
  'Je veux m’entretenir avec la responsable.',
  "Je préfère un contact direct avec l'équipe.",
  "Est-ce que l'équipe peut me répondre directement ?",
  "Je souhaite qu'une personne de l'agence m'appelle cette semaine.",
  'Je voudrais une vraie réponse d’une personne.',
  'Je ne veux plus parler au robot.',
  'Je veux prendre un rendez-vous avec une des coachs.',
  'Connect me with a real person.',
  'Transfer me to a human agent please',
  "J'ai besoin d'aide humaine, pas d'un bot.",
  'Y a quelqu’un ?',
  'Laisse tomber le robot, je veux quelqu’un.',
  // The visitor's own coach at the agency.
  'je voudrais parler a mon coach',
  'Je peux avoir un rendez-vous avec ma coach ?',
  'Je voudrais contacter ma conseillère.',
];

// How-to questions about the visitor's own business that use the same verbs and nouns.
const ANSWERED = [
  "Je veux parler à Carole de mes Reels.",
  'Comment automatiser la prise de rendez-vous avec mes clientes sur Calendly ?',
  'Quel script pour un appel découverte avec une prospecte ?',
  'Comment présenter mon équipe dans une story Instagram ?',
  'Mon coach m’a dit de publier 3 Reels par semaine, c’est bien ?',
  'J’aimerais appeler mon coach de sport pour un Reel ensemble, quel format ?',
  'Comment faire pour que mes abonnées me contactent plus facilement ?',
  'Quelle idée de post pour parler du côté humain de mon coaching ?',
  'Comment rappeler automatiquement à mes clientes leur rendez-vous ?',
  'Comment transférer mes contacts de Mailchimp vers Brevo ?',
  'Comment poser une question ouverte à ma communauté en story ?',
  'Comment joindre un fichier PDF dans un email Brevo ?',
  'Comment mettre en relation Zapier et Google Sheets ?',
  'Comment faire un carrousel sur la relation humaine en entreprise ?',
  'Comment organiser un live avec une invitée ?',
  'Quel outil pour discuter avec mes clientes en groupe ?',
  "Comment parler à quelqu'un qui ne me connaît pas en DM sans être lourde ?",
  "Pouvez-vous m'aider à écrire ma newsletter de la semaine ?",
];

describe('requests for a person (human-request-patterns)', () => {
  it.each(ASKS_FOR_A_PERSON)('escalates %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });

  it.each(ANSWERED)('answers %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

/** Multi-turn probes (2026-12-05): someone asked to look at the visitor's case, the message's last words. */
describe('someone asked to look', () => {
  it.each([
    "j'ai tout fait, ça marche toujours pas, quelqu'un peut regarder ?",
    'quelqu\'un pourrait vérifier svp ?',
    'est-ce que quelqu\'un peut jeter un oeil ?',
    "quelqu'un de l'équipe peut regarder mon dossier ?",
    'ça bloque encore, quelqu\'un peut voir ce qui cloche ?',
    "j'y arrive pas, quelqu'un pourrait regarder avec moi ?",
  ])('is a request for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });

  it.each([
    'est-ce que quelqu\'un peut regarder mes stories sans que je le sache ?',
    "quelqu'un peut voir mes likes sur Instagram ?",
    'comment savoir si quelqu\'un peut voir mon profil ?',
    "quelqu'un peut regarder mon live en replay ?",
  ])('is not: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

/** Review of the routing changes (2026-12-05): someone asked to help with an expert's task is the task's question. */
describe('someone asked to help', () => {
  it.each([
    "quelqu'un peut m'aider à trouver des idées de Reels ?",
    "quelqu'un peut m'aider à écrire ma séquence de bienvenue ?",
    "quelqu'un pourrait m'aider à choisir mes couleurs de marque ?",
    "quelqu'un peut m'aider avec mes reels ?",
  ])('with a task of the experts is not a request for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).not.toBe('human');
  });

  it.each([
    "quelqu'un peut m'aider ?",
    "quelqu'un peut m'aider svp c'est urgent",
    "quelqu'un peut m'aider avec ma facture ?",
    "quelqu'un peut m'aider à récupérer mon accès ?",
    "quelqu'un peut m'aider pour mon problème de connexion ?",
    "quelqu'un de l'équipe peut m'aider à faire mes reels ?",
  ])('alone, with the case, or of the team, is: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });
});
