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
