import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';
import { namedPersonRequested } from './named-person-request.ts';

const route = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe('a person of the team asked for by first name', () => {
  it.each([
    'Je voudrais parler à Nadia directement s’il vous plaît',
    'Je veux parler à Nadia',
    'Je peux avoir un rendez-vous avec Nadia ?',
    'Est-ce que je peux prendre un rdv avec Jean-Marc cette semaine ?',
    'Bonjour, je voudrais un rendez-vous avec Nadia Martin.',
    'Je voudrais contacter Nadia, svp',
    'Puis-je parler à Nadia ?',
    'I would like to talk to Nadia please',
    'Est-ce que je peux avoir Inès au téléphone ?',
    "Bon en fait je préfère en parler avec Salomé directement, c'est possible ?",
    'je prefere parler a Salome',
  ])('hands "%s" to a person', (message) => {
    expect(namedPersonRequested(message)).not.toBeNull();
    expect(detectEscalationIntent(message)?.category).toBe('human');
    expect(route(message)).toMatchObject({ kind: 'escalate', category: 'human' });
  });

  it.each([
    // The two AI experts are reached in the chat itself.
    'Je veux parler à Carole de mes Reels',
    'Je voudrais discuter avec Audrey',
    // Talking to someone about something, someone of the visitor's own, a tool, a holiday.
    'J’aimerais parler à Marie de mes offres dans mon prochain post',
    'Je dois parler à Julie de ses retards de paiement, quel ton adopter ?',
    'Bonjour, comment parler à Julie de ses retards ?',
    'Je voudrais parler à Julie, ma cliente, de son programme',
    'Je veux parler à ChatGPT pour écrire mes posts, c’est une bonne idée ?',
    'Je veux parler à Noël de mes offres en story',
    'I want to talk to Santa in my reel',
    'Je voudrais un rendez-vous avec Calendly qui se synchronise avec mon agenda',
    // Telling about a meeting, or a how-to about one.
    'Je viens d’avoir un appel avec Nadia, elle m’a dit de poster plus souvent',
    'J’ai eu un rendez-vous avec Nadia la semaine dernière',
    'Quel outil pour planifier un appel avec Julie ?',
    'Qui est Nadia ?',
    // "avoir" a name without a way to reach her: not a request to talk.
    'Je voudrais avoir Nadia comme coach pour mes Reels',
    'Est-ce que je peux avoir Canva au téléphone ?',
    'je peux avoir acces en ligne ?',
    'est-ce que je peux avoir replay en ligne ?',
    'je peux avoir coaching en visio ?',
    'je peux avoir coaching au telephone ?',
  ])('does not read "%s" as a request for a named person', (message) => {
    expect(namedPersonRequested(message)).toBeNull();
  });

  it.each([
    'je veux parler a nadia',
    'je voudrais parler à nadia svp',
    'est-ce que je peux avoir un rdv avec nadia cette semaine ?',
    'puis-je appeler jean-marc demain',
  ])('hands "%s", typed all in lower case, to a person', (message) => {
    expect(namedPersonRequested(message)).not.toBeNull();
    expect(route(message)).toMatchObject({ kind: 'escalate', category: 'human' });
  });

  it.each([
    // In lower case a word ending such a request may be a time, a pronoun, a role or the visitor's audience.
    'je voudrais appeler demain',
    'je voudrais parler avec toi',
    'je veux contacter directement',
    'je voudrais parler a mes abonnes',
    'je voudrais parler a ma cible',
    'je veux parler a tout le monde en story',
    'je voudrais parler a audrey',
    'je peux parler a carole de mes reels ?',
    'je voudrais contacter kajabi',
    'je voudrais contacter le support',
    'j’aimerais parler a marie de mes offres dans mon prochain post',
    'je veux un rdv avec moi-meme pour planifier',
    // Idioms: "à nouveau", "à distance", "à cœur ouvert", "à plusieurs", "à propos", "à la caméra".
    'je voudrais parler a nouveau',
    'je voudrais parler a distance',
    'je voudrais parler a coeur ouvert',
    'je voudrais parler a plusieurs',
    'je voudrais parler a propos',
    'je voudrais parler a camera',
    'je voudrais contacter nadia pour mon reel',
    // One capital in the message: the capital rule applies, and "nadia" has none.
    'Je veux parler a nadia',
  ])('does not read "%s", typed in lower case, as a request for a named person', (message) => {
    expect(namedPersonRequested(message)).toBeNull();
  });
});
