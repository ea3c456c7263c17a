import { describe, expect, it } from 'vitest';
import { CLARIFYING_QUESTION_AGENCY_CONTACT, CLARIFYING_QUESTION_HAND_OVER_OFFER, clarifyingQuestion } from './persona-replies.ts';

/**
 * The clarifying question offers a person for a payment or the account; where no person can answer in this chat (no
 * operators' inbox served) it said so all the same ("une personne de l'équipe prendra le relais", found by review), and the
 * visitor who answered "c'est un paiement" was told nobody could answer. Now it points to the agency directly.
 */
describe('clarifyingQuestion', () => {
  it.each(['audrey', 'carole'] as const)('%s: offers a person where one can answer (the default)', (agent) => {
    expect(clarifyingQuestion(agent).endsWith(CLARIFYING_QUESTION_HAND_OVER_OFFER)).toBe(true);
    expect(clarifyingQuestion(agent, { personCanAnswerHere: true })).toBe(clarifyingQuestion(agent));
  });

  it.each(['audrey', 'carole'] as const)('%s: where nobody can answer in this chat, still asks which field, and points to the agency for a payment or the account', (agent) => {
    const question = clarifyingQuestion(agent, { personCanAnswerHere: false });
    expect(question.endsWith(CLARIFYING_QUESTION_AGENCY_CONTACT)).toBe(true);
    expect(question).toContain("contacte directement l'agence (ses coordonnées sont sur son site)");
    expect(question).not.toMatch(/prendra le relais|dis-le-moi|une personne de l'équipe/);
    // The question itself is the same.
    expect(question.replace(CLARIFYING_QUESTION_AGENCY_CONTACT, '')).toBe(clarifyingQuestion(agent).replace(CLARIFYING_QUESTION_HAND_OVER_OFFER, ''));
  });
});
