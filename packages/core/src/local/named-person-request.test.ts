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
    'Pouvez-vous me mettre en contact ? Je veux discuter avec Sophie.',
    'I would like to talk to Nadia please',
  ])('hands "%s" to a person', (message) => {
    expect(namedPersonRequested(message)).not.toBeNull();
    expect(detectEscalationIntent(message)?.category).toBe('human');
    expect(route(message)).toMatchObject({ kind: 'escalate', category: 'human' });
  });

  it.each([
    // The two AI experts are reached in the chat itself.
    'Je veux parler à Carole de mes Reels',
    'Je voudrais discuter avec Audrey de mon tunnel de vente',
    // Tools, platforms and the visitor's own people.
    'Je veux parler à ChatGPT pour écrire mes posts, c’est une bonne idée ?',
    'Comment parler à Julie de ses retards de paiement ?',
    'Je dois parler à Julie, ma cliente, de son programme : quel mail lui envoyer ?',
    'Je dois prendre rendez-vous avec Marc mon client, quel outil utiliser ?',
    'Comment automatiser les rappels de rendez-vous avec Calendly ?',
    // Telling about a meeting is not asking for one; a name alone is not a request.
    'J’ai eu un rendez-vous avec Nadia la semaine dernière, elle m’a conseillé de poster plus souvent',
    'Qui est Nadia ?',
    // All in lower case, a name cannot be told from a word.
    'je veux parler a la maison de mes valeurs dans mes posts',
  ])('does not read "%s" as a request for a named person', (message) => {
    expect(namedPersonRequested(message)).toBeNull();
  });
});
