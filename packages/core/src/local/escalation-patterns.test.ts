import { describe, expect, it } from 'vitest';
import { detectEscalationIntent, plainIntentText } from './escalation-intent.ts';
import { AUDIENCE_IS_THE_SUBJECT, OWN_BUSINESS } from './escalation-patterns.ts';

const plain = (message: string) => plainIntentText(message);

describe('the visitor’s audience (followers, community, readers) is their own business', () => {
  it.each(['my followers', 'mes followers', 'my audience', 'their community', 'my community', 'mes lectrices', 'my readers'])('%s', (words) => {
    expect(OWN_BUSINESS.test(plain(`how do I write for ${words}`))).toBe(true);
  });

  it('a person of the agency is not the visitor’s business', () => {
    expect(OWN_BUSINESS.test(plain('I want to talk to a real person'))).toBe(false);
  });
});

describe('AUDIENCE_IS_THE_SUBJECT: what the visitor wants their audience to feel is a content question', () => {
  it.each([
    "I want my followers to feel they're talking to a real person, how do I write like that?",
    'I want my audience to feel they are talking to a real human, not a brand',
    'Je veux que mes abonnées sentent qu’elles parlent à une vraie personne',
  ])('answers: %s', (message) => {
    expect(AUDIENCE_IS_THE_SUBJECT.test(plain(message))).toBe(true);
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    'I want to talk to a real person',
    'I want to speak to a real person about my followers count',
    'Je veux parler à une vraie personne de mon abonnement',
    "J'aimerais échanger avec une personne, pas un robot",
  ])('still hands over: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });
});
