import { describe, expect, it } from 'vitest';
import { contentStems } from '../french-text/french-text.ts';
import { storyStemsBeforeTheQuestion } from './story-before-the-question.ts';

const STORY =
  "Bonjour ! Je suis naturopathe et chaque année en décembre des gens me demandent si je fais des bons cadeaux. Je dis oui et je bricole un PDF sur Word que j'envoie à la main le soir... Cette année j'aimerais que ça se fasse tout seul quand la personne paie, c'est possible ?";

describe('the story a message tells before it asks', () => {
  it('is the words of the sentences before the asking one, less those it repeats', () => {
    const story = storyStemsBeforeTheQuestion(STORY);
    for (const stem of contentStems('décembre bricole main')) expect(story).toContain(stem);
    // "année" is in the story and in the question: a topic word.
    for (const stem of contentStems('année paie seul')) expect(story).not.toContain(stem);
  });

  it('is also the context after the last question mark, when it asks nothing', () => {
    const context = storyStemsBeforeTheQuestion("Threads ça sert à quoi vraiment? J'ai déjà de la misère à suivre sur Instagram");
    expect(context).toContain(contentStems('Instagram')[0]);
    expect(context).not.toContain(contentStems('Threads')[0]);
    expect(storyStemsBeforeTheQuestion('tu me conseilles quoi comme appli de montage ? capcut ou inshot').size).toBe(0);
  });

  it.each([
    'Comment je fais un quiz à la fin de mon module Kajabi ?',
    // One sentence before the question: not a story.
    'Je fais mon logo moi-même sur Canva. Quelles tailles je dois exporter ?',
    // The last sentence does not ask.
    "J'ai un quiz. Il marche bien. Je voudrais une offre après.",
  ])('is nothing when the message tells none: %s', (message) => expect(storyStemsBeforeTheQuestion(message).size).toBe(0));
});
