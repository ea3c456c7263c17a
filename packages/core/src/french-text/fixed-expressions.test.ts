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
});
