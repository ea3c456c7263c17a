import { describe, expect, it } from 'vitest';
import { contentStems } from './french-text.ts';
import { withFixedExpressionsJoined } from './fixed-expressions.ts';

const stems = (text: string) => contentStems(withFixedExpressionsJoined(text));
const [LINE] = contentStems('ligne');
const [ADDRESS] = contentStems('adresse');

describe('withFixedExpressionsJoined', () => {
  it('reads "en ligne" as one word: not the "ligne" of "ligne éditoriale", still that of another "en ligne"', () => {
    expect(stems('vendre en ligne sans y passer ses soirées')).not.toContain(LINE);
    expect(stems('Vendre EN LIGNE')).not.toContain(LINE);
    expect(stems('ma ligne éditoriale')).toContain(LINE);
    expect(stems('vendre en ligne').at(-1)).toBe(stems('une boutique en ligne').at(-1));
  });

  it('leaves out the "adresse" of an e-mail or web address, keeps that of a place', () => {
    expect(stems("l'adresse e-mail de l'acheteuse")).not.toContain(ADDRESS);
    expect(stems('ton adresse mail')).toEqual(stems('ton mail'));
    expect(stems("l'adresse du site")).not.toContain(ADDRESS);
    expect(stems("Adresse : 14 rue des Tanneurs, Lyon")).toContain(ADDRESS);
    expect(stems('quelle est votre adresse ?')).toContain(ADDRESS);
  });

  it('keeps the "adresse" a mail is sent from ("l\'adresse d\'expéditeur" is matched by it)', () => {
    expect(stems('envoie depuis une adresse de ton propre nom de domaine')).toContain(ADDRESS);
    expect(stems("comment changer l'adresse d'expéditeur de ma newsletter ?")).toContain(ADDRESS);
  });

  it('reads "basé à", "situé(e)s" as one word, not the "bases" of "les bases de…" nor "ta situation"', () => {
    expect(stems('situé')).toHaveLength(1);
    expect(stems('Le studio est basé à Lyon')).toContain(stems('situé')[0]);
    expect(stems('nous sommes situées près de Lyon')).toContain(stems('situé')[0]);
    expect(stems('Le studio est basé à Lyon')).not.toContain(contentStems('bases')[0]);
    expect(stems('les bases de l’automatisation')).toContain(contentStems('bases')[0]);
    expect(stems('où êtes-vous situés ?')).not.toContain(contentStems('situation')[0]);
    expect(stems('un tarif basé sur le nombre d’abonnées')).toContain(contentStems('bases')[0]);
  });

  it('reads "à la une" (highlights) as one word, with or without its accent', () => {
    expect(stems('à la une')).toHaveLength(1);
    expect(stems('comment faire une story à la une ?')).toContain(stems('à la une')[0]);
    expect(stems('range-les dans tes stories a la une')).toContain(stems('à la une')[0]);
    expect(stems('une story par jour')).not.toContain(stems('à la une')[0]);
  });
});

/** Review of round 21: "l'adresse d'expéditeur" lost its only word in common with the line on one's own domain's address. */
describe('the address a mail is sent from', () => {
  it('keeps its "adresse", shared by the sender, a provider and a domain', () => {
    expect(stems("comment changer l'adresse d'expéditeur de ma newsletter ?")).toContain(ADDRESS);
    expect(stems('envoie depuis une adresse de ton propre nom de domaine')).toContain(ADDRESS);
    expect(stems('jamais depuis une adresse Gmail')).toContain(ADDRESS);
  });
});
