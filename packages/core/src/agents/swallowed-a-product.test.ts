import { describe, expect, it } from 'vitest';
import { urgentHelpOf } from './urgent-help.ts';

describe('a product just swallowed (swallowed-a-product.ts, blind round 21)', () => {
  it.each([
    "mon fils de 4 ans a avalé une de mes huiles essentielles, qu'est ce que je fais ???",
    "ma fille vient de boire du diffuseur d'huile",
    'ma petite vient d avaler deux comprimés de doliprane',
    "au secours mon bébé a léché une bougie parfumée",
  ])('%s: a medical emergency', (message) => {
    expect(urgentHelpOf(message)).toBe('medical_emergency');
  });

  it.each([
    'elle a avalé ma formation en deux jours, je lui propose quoi ensuite ?',
    "j'ai avalé trois épisodes de podcast hier",
    'je fais un post sur les enfants qui ont avalé des huiles essentielles',
    'mon fils a mangé des bonbons pendant que je tournais mon reel',
  ])('%s: not an emergency', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });
});

/** Review of round 21: an idiom, and what an adult drinks or eats on purpose, were medical emergencies. */
describe('not a product swallowed by accident (swallowed-a-product.ts)', () => {
  it.each([
    "j'ai avalé la pilule de l'algorithme, je poste tous les jours maintenant",
    "j'ai bu un verre d'alcool pour fêter mon lancement 🥂, je poste ça en story ?",
    "elle a bu de l'alcool pendant son live, je fais quoi avec ce replay ?",
    "j'ai mangé un produit de ma boutique pour la vidéo, j'ai mis quel hashtag ?",
  ])('%s: not an emergency', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  it.each(["mon fils a bu de l'alcool, il vomit", 'ma fille a avalé ma pilule', "j'ai bu du produit vaisselle par erreur", 'il a avalé une pile bouton'])('%s: still one', (message) => {
    expect(urgentHelpOf(message)).toBe('medical_emergency');
  });
});

/** Review of round 21: the same told in English. */
describe('a product just swallowed, in English (swallowed-a-product.ts)', () => {
  it.each(['my son just swallowed some essential oil what do I do', 'my toddler ate a laundry pod!!', 'I swallowed two of my essential oil capsules by mistake'])('%s: a medical emergency', (message) => {
    expect(urgentHelpOf(message)).toBe('medical_emergency');
  });

  it.each(['my clients swallowed my whole course in a weekend, what next?', 'I ate a product from my shop for the video, which hashtag?', 'I swallowed my pride and raised my prices'])('%s: not one', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });
});
