import { describe, expect, it } from 'vitest';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { escalationHandoverReply } from './persona-reply-writers.ts';
import type { EscalateDecision } from '../capabilities/capabilities.ts';

const router = createLocalCapabilities().router;
const turnOf = (message: string) => ({ message, history: [], searchText: message, embedding: null, hooks: {}, personCanAnswerHere: true, log: createLogger({ level: 'silent' }) });
const handoverReplyTo = async (message: string) => {
  const decision = await router.route({ message, history: [] });
  expect(decision.kind).toBe('escalate');
  return escalationHandoverReply(decision as EscalateDecision, turnOf(message)).text;
};

/** Blind round 15: a visitor speaking of their own health got the reply of a question outside the experts' field. */
describe('the hand-over reply to a visitor who speaks of their own health', () => {
  it.each([
    "Je n'arrive plus à me lever le matin, je pleure tous les jours depuis mon lancement raté, je ne sais plus quoi faire",
    "Mon médecin m'a mise en arrêt pour un burn-out, je ne pourrai pas suivre les séances du mois prochain",
    "Depuis que je travaille sur mon lancement j'ai des palpitations, c'est grave ?",
  ])('opens with care for them, not with the experts\' field: %s', async (message) => {
    const reply = await handoverReplyTo(message);
    expect(reply).toMatch(/^Prends bien soin de toi/);
    expect(reply).not.toContain('sort de ce qu');
    expect(reply).toContain('une personne va te répondre ici même');
  });

  it('keeps the field\'s opening for another out-of-scope question', async () => {
    expect(await handoverReplyTo('Est-ce que je dois payer la TVA sur mes séances ?')).toContain('sort de ce qu');
  });
});

describe('the hand-over reply to a visitor who tells of a loss', () => {
  it('opens with condolences', async () => {
    const reply = await handoverReplyTo('mon mari est décédé, je dois mettre en pause');
    expect(reply).toMatch(/^Je suis sincèrement désolée pour ta perte/);
  });

  it('keeps the category opening otherwise', async () => {
    expect(await handoverReplyTo('je voudrais mettre en pause mon abonnement')).toMatch(/^Je comprends : les questions de paiement/);
  });
});
