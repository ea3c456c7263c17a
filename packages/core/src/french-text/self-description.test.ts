import { describe, expect, it } from 'vitest';
import { contentStems } from './french-text.ts';
import { selfDescriptionStems } from './self-description.ts';

const stems = (words: string) => new Set(contentStems(words));

describe('selfDescriptionStems: what the visitor says of themself before asking', () => {
  it.each([
    ['je suis naturopathe, comment trouver des idées de posts ?', 'naturopathe'],
    ['Bonjour, je suis sophrologue : quel outil pour mes emails ?', 'sophrologue'],
    ['je vends des bougies parfumées, pinterest ça vaut le coup ?', 'vends bougies parfumées'],
    ["moi c'est Julie, je vends des bijoux, comment faire des carrousels ?", 'Julie vends bijoux'],
    ['je suis prof de yoga, combien de reels par semaine ?', 'prof yoga'],
  ])('%s', (message, context) => {
    expect(selfDescriptionStems(message)).toEqual(stems(context));
  });

  it.each([
    // A state, a place or a problem names the topic; so does a description the question repeats, or one alone.
    'je suis bloquée sur Zapier, il ne se déclenche pas',
    'je suis sur Systeme.io, comment créer un formulaire ?',
    'je suis nouvelle, comment ça marche ?',
    "j'ai un souci avec Kajabi, le paiement ne passe pas",
    'Salut ! je lance ma newsletter, quel outil tu me conseilles ?',
    'je suis naturopathe.',
    'je suis naturopathe, quels posts pour une naturopathe ?',
    // Without punctuation, where the question starts cannot be told.
    'je suis coach et je veux automatiser mes emails',
  ])('%s: nothing set aside', (message) => {
    expect(selfDescriptionStems(message)).toEqual(new Set());
  });
});
