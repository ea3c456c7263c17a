import { describe, expect, it } from 'vitest';
import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';
import { repeatsTheVisitorsQuestion } from './faq-heading-question.ts';
import { questionKindOf } from './question-kind.ts';

const repeats = (heading: string, message: string) =>
  repeatsTheVisitorsQuestion(heading, new Set(contentStems(heading)), new Set(questionTopicStems(message)), questionKindOf(message));

/**
 * Blind round 18: "une élève a raté 3 fois le quiz, elle est dégoûtée, je fais quoi ?" shares one topic word with "Une
 * élève a échoué trois fois, que faire ?" (élève); "Comment je fais un quiz à la fin de mon module Kajabi ?" one with
 * "Comment créer le quiz ?" (quiz). The framing is their second word in common: the kind of question asked.
 */
describe('an FAQ heading the message repeats by its kind of question', () => {
  it.each([
    ['Une élève a échoué trois fois, que faire ?', 'une élève a raté 3 fois le quiz, elle est dégoûtée, je fais quoi ?'],
    ['Comment créer le quiz ?', "Je suis épuisée... bref. Comment je fais un quiz à la fin de mon module Kajabi ?"],
  ])('%s repeats %s', (heading, message) => expect(repeats(heading, message)).toBe(true));

  it.each([
    // Another kind of question: the framing is not shared.
    ['À quoi sert un quiz dans une formation ?', 'Comment je fais un quiz à la fin de mon module Kajabi ?'],
    ['Où voir les réponses des élèves ?', 'une élève a raté 3 fois le quiz, je fais quoi ?'],
    // The same kind, no topic word in common.
    ['Comment relier Stripe à Make ?', 'Comment je fais un quiz ?'],
    // Most of the heading's words are not the message's.
    ['Comment être prévenue par e-mail quand un scénario Make échoue la nuit ?', 'comment je fais un scénario ?'],
  ])('%s does not repeat %s', (heading, message) => expect(repeats(heading, message)).toBe(false));
});
