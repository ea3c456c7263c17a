import { describe, expect, it } from 'vitest';
import { asksWhatItIs, thingAskedToDefine } from './definition-question.ts';

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
    expect(asksWhatItIs("votre adresse c'est quoi ?")).toBe(false);
    expect(asksWhatItIs('vos horaires c quoi')).toBe(false);
  });

  // Review of round 17: the thing first, or its meaning asked ("le b-roll c'est quoi ?" got "Je n'ai rien trouvé").
  it.each(["le b-roll c'est quoi ?", "Le b-roll, c'est quoi exactement ?", 'b-roll ça veut dire quoi', 'que veut dire b-roll', 'que signifie b-roll ?', 'b-roll definition', 'la définition du b-roll'])(
    'is one with the thing first or its meaning asked: %s',
    (message) => expect(asksWhatItIs(message)).toBe(true),
  );

  // Blind round 12: what a thing is for, asked with the thing first, then the visitor's context after the question mark.
  it.each(["Threads ça sert à quoi vraiment? J'ai déjà de la misère à suivre sur Instagram", "le b-roll c'est quoi ? j'entends ça partout", 'Threads ça sert à quoi ?'])(
    'asks what the thing is in its first clause: %s',
    (message) => expect(asksWhatItIs(message)).toBe(true),
  );

  it.each(['des idées de b-roll pour une naturopathe ?', "je fais des reels faceless mais le b-roll c'est quoi le mieux ?", 'comment filmer du b-roll avec mon téléphone'])(
    'is not one when the thing is only named: %s',
    (message) => expect(asksWhatItIs(message)).toBe(false),
  );
});

describe('thingAskedToDefine', () => {
  it.each([
    ["c quoi un webhook concretement ? on m'a dit que ca remplacait zapier", 'un webhook concretement'],
    ["c'est quoi le b-roll, j'entends ça partout", 'le b roll'],
    ["Le b-roll, c'est quoi exactement ?", 'le b roll'],
    ['que veut dire b-roll', 'b roll'],
    ["Qu'est-ce que le Cercle ?", 'le cercle'],
    ["c'est quoi un canal de diffusion sur insta et est ce que ça vaut le coup", 'un canal de diffusion'],
    ['c koi une liste dattente pour un programme, ca sert a quoi', 'une liste dattente'],
  ])('is the clause that asks, without its framing: %s', (message, thing) => expect(thingAskedToDefine(message)).toBe(thing));

  it.each(['comment filmer du b-roll ?', "c'est quoi votre adresse", 'des idées de b-roll pour une naturopathe ?'])('is null when no definition is asked: %s', (message) =>
    expect(thingAskedToDefine(message)).toBeNull(),
  );
});
