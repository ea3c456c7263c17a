import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe("the visitor's coach at the agency no longer answers (escalation-unanswered-by-ones-coach.ts)", () => {
  it.each([
    "Ma coach ne répond plus à mes messages depuis 10 jours, est-ce qu'elle est encore là ?",
    'ma coach me repond plus depuis lundi',
    "ma référente ne m'a toujours pas répondu pour notre prochaine séance",
    "my coach doesn't answer my emails anymore",
  ])('is a complaint for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('complaint');
  });

  it.each([
    'ma cliente ne répond plus à mes relances, je lui écris quoi ?',
    'je suis coach et mes prospects ne répondent pas à mes emails, comment les relancer ?',
    'comment répondre à une cliente dont la coach précédente ne répondait jamais ?',
  ])('stays a question for the experts: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });

  it.each([
    'Ma conseillère bancaire ne répond pas, est-ce que je peux régler le programme par virement ?',
    'ma conseillère France Travail ne répond pas à propos du financement, vous acceptez le CPF ?',
    'Mon coach de sport ne me répond jamais en DM alors que je commente tous ses posts, une astuce pour me faire remarquer ?',
  ])('an adviser or coach of somewhere else is no complaint about the agency (a review of round 20): %s', (message) => {
    expect(detectEscalationIntent(message)?.category).not.toBe('complaint');
  });
});
