import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs, assistantIdentityReply, IDENTITY_REPLY_AGENCY_CONTACT, IDENTITY_REPLY_PERSON_OFFER } from './assistant-identity.ts';

describe('asksWhatTheChatIs', () => {
  it.each([
    'tu es un robot ?',
    'Vous êtes une IA ou une vraie personne ?',
    'Est-ce que je parle à une IA ou à une vraie personne ?',
    'Est-ce que je parle à un humain ?',
    "C'est un robot qui me répond ?",
    "t'es un robot ou quoi",
    'Bonjour, vous êtes un robot ?',
    'Are you a bot?',
    'am I talking to a real person?',
    // Blind round 12: a "là" or "ici" after it.
    "C'est une IA qui me répond là ?",
    'Je parle à un robot ici ?',
  ])('asks what the chat is: %s', (message) => {
    expect(asksWhatTheChatIs(message)).toBe(true);
  });

  it.each([
    'Je veux parler à une vraie personne',
    "J'aimerais échanger avec une personne, pas un robot",
    'Tu es une IA qui peut écrire mes posts ?',
    'Comment faire un chatbot pour mon site ?',
    "C'est un programme ?",
    'Tu es une IA qui peut écrire mes posts ici ?',
    'I want my followers to feel they are talking to a real person',
  ])('does not: %s', (message) => {
    expect(asksWhatTheChatIs(message)).toBe(false);
  });
});

describe('who answers, asked without naming a bot or a person (a probe of `pnpm start`, 2026-12-05)', () => {
  it.each(['who are you?', "t'es qui ?", 'tu es qui toi ?', 'qui es-tu ?', 'vous êtes qui ?', 'qui êtes-vous ?', 'who am I talking to?', "c'est qui qui me répond ?", 'bonjour, qui me répond ?'])(
    'asks what the chat is: %s',
    (message) => expect(asksWhatTheChatIs(message)).toBe(true),
  );

  it.each(['vous êtes qui pour me dire ça ?', 'qui est Audrey ?', "c'est qui Carole ?", 'qui répond aux commentaires ?', 'who are your clients?'])('does not: %s', (message) =>
    expect(asksWhatTheChatIs(message)).toBe(false),
  );
});

describe('assistantIdentityReply', () => {
  it('says it is an AI assistant, in the agent voice, and how to reach a person', () => {
    for (const agent of ['audrey', 'carole'] as const) {
      const reply = assistantIdentityReply(agent);
      expect(reply).toContain('intelligence artificielle');
      expect(reply).toContain("une personne de l'équipe");
    }
    expect(assistantIdentityReply('carole')).toContain('✨');
  });
});

/** Where no person can answer in this chat (no operators' inbox served), the reply offered to pass the request on all the same (review). */
describe('assistantIdentityReply where no person can answer in this chat', () => {
  it.each(['audrey', 'carole'] as const)('%s: says what the chat is, and that a person is reached through the agency directly', (agent) => {
    const reply = assistantIdentityReply(agent, { personCanAnswerHere: false });
    expect(reply).toContain('intelligence artificielle');
    expect(reply.endsWith(IDENTITY_REPLY_AGENCY_CONTACT)).toBe(true);
    expect(reply).toContain("contacte directement l'agence (ses coordonnées sont sur son site)");
    expect(reply).not.toMatch(/je transmets|je veux parler à quelqu'un|écris-le ici/);
    expect(assistantIdentityReply(agent, { personCanAnswerHere: true })).toBe(assistantIdentityReply(agent));
    expect(assistantIdentityReply(agent).endsWith(IDENTITY_REPLY_PERSON_OFFER)).toBe(true);
  });
});
