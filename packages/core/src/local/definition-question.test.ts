import { describe, expect, it } from 'vitest';
import { asksWhatItIs } from './definition-question.ts';

describe('asksWhatItIs', () => {
  it('is a definition question when it asks what a thing is', () => {
    expect(asksWhatItIs("C'est quoi l'audit express ?")).toBe(true);
    expect(asksWhatItIs('what is the 3-month program?')).toBe(true);
    expect(asksWhatItIs("Qu'est-ce que le Cercle ?")).toBe(true);
  });

  it('is not one when it asks the value someone has ("votre adresse", "your phone number")', () => {
    expect(asksWhatItIs("c'est quoi votre adresse")).toBe(false);
    expect(asksWhatItIs('C quoi vos horaires ?')).toBe(false);
    expect(asksWhatItIs('what is your phone number?')).toBe(false);
  });
});
