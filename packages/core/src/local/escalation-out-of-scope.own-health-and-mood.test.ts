import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe("a miscarriage of one's own (SYMPTOMS in escalation-out-of-scope.ts)", () => {
  it.each([
    'Désolée je vais devoir annuler notre séance de demain, je fais une fausse couche depuis cette nuit',
    "j'ai fait une fausse couche hier, je ne pourrai pas être au live de groupe",
    "je suis en train de faire une fausse couche je crois, je pourrai pas faire l'atelier ce soir",
  ])('is a health matter kept with a person, said with care: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });

  it.each([
    "j'ai fait une fausse couche il y a 3 ans et je veux en parler dans un Reel, comment l'aborder ?",
    "j'accompagne des femmes après une fausse couche, quel lead magnet leur proposer ?",
    // A young pet (a review of round 20's rules).
    "je viens de perdre mon bébé chat et je n'ai rien posté depuis une semaine, comment je reprends ?",
  ])('told in a content or about her clients, stays a question: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});

describe('not doing well, said of oneself (NOT_DOING_WELL in LOW_MOOD)', () => {
  it.each([
    "je suis pas sûre d'aller bien en ce moment",
    'en fait je vais pas bien du tout depuis quelques semaines',
    'je ne vais vraiment pas bien',
    'honnêtement ça va pas fort, je suis pas bien du tout en ce moment',
    'je suis pas bien depuis la fin de mon lancement',
  ])('is low mood, for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });

  it.each([
    'je vais pas bien loin avec mon tunnel si personne ne clique, comment je fais ?',
    'je vais pas bien dormir avant mon premier live, des astuces pour le trac ?',
    'ma cliente ne va pas bien, quel contenu lui envoyer ?',
    'je suis pas bien organisée, quel outil pour planifier mes posts ?',
    'ça va pas fort avec mon tunnel, les ventes stagnent',
    // An adverb after "bien", a thing the lasting state is about (a review of round 20's rules).
    'je vais pas bien vite avec les modules de ma formation Kajabi, c’est normal ?',
    'ça va pas fort en ce moment côté inscriptions à ma newsletter, une idée ?',
  ])('a distance, a way of doing or someone else is not: %s', (message) => {
    expect(speaksOfOwnHealth(message)).toBe(false);
  });
});
