import { describe, expect, it } from 'vitest';
import type { EscalationCategory } from '../capabilities/route-decision.ts';
import { ALREADY_WITH_THE_TEAM_REPLY, escalationReply } from './escalation-reply.ts';

const categories: EscalationCategory[] = ['human', 'billing', 'complaint', 'account', 'personal_data', 'legal', 'out_of_scope'];

describe('escalationReply', () => {
  it.each([undefined, ...categories])('category %s: a person answers here, in the conversation, when available', (category) => {
    const reply = escalationReply(category);
    expect(reply).toContain("une personne va te répondre ici même, dans cette conversation");
    // Said once: no opening repeats that the team takes over (the widget adds no notice of its own).
    expect(reply.match(/transm|relais|prévenu|confier/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(reply.match(/une personne/g)).toHaveLength(1);
    // Outside the team's hours the waiting notice follows (handover/support-hours.ts): the reply announces it.
    expect(reply).toContain('un message ici te dira quand');
    // The hand-over happens in the inbox, live: no email, no promised delay.
    expect(reply).not.toMatch(/par e-?mail|24 ?h|heures ouvrées/i);
    expect(reply).not.toMatch(/(?<![-\p{L}])(?:vous|votre|vos)(?![-\p{L}])/iu);
  });

  it('opens with care for the visitor who speaks of their own health, and still says a person answers here', () => {
    const reply = escalationReply('out_of_scope', null, { ownHealth: true });
    expect(reply).toMatch(/^Prends bien soin de toi/);
    expect(reply.match(/une personne/g)).toHaveLength(1);
    expect(reply).toContain('un message ici te dira quand');
    expect(reply).not.toMatch(/(?<![-\p{L}])(?:vous|votre|vos)(?![-\p{L}])/iu);
    // An emergency's numbers still come first.
    expect(escalationReply('out_of_scope', 'medical_emergency', { ownHealth: true })).toMatch(/^Si c'est une urgence/);
  });

  it('opens with a sentence for the category, in French', () => {
    expect(escalationReply('billing')).toContain('remboursement');
    expect(escalationReply('personal_data')).toContain('RGPD');
    expect(escalationReply()).toMatch(/^Merci pour ton message\. J'ai transmis ta demande à l'équipe/);
    expect(escalationReply('human')).toMatch(/^Bien sûr ! J'ai transmis ta demande à l'équipe : une personne va te répondre/);
  });

  it('a follow-up while the team holds the conversation says the answer comes here', () => {
    expect(ALREADY_WITH_THE_TEAM_REPLY).toContain('te répond ici, dans cette conversation');
    expect(ALREADY_WITH_THE_TEAM_REPLY).not.toMatch(/e-?mail|24 ?h/i);
  });

  it.each([undefined, ...categories])('category %s, when no person can answer in this chat: says so, promises nobody, points to the agency', (category) => {
    const reply = escalationReply(category, null, { personCanAnswerHere: false });
    expect(reply).toContain("Personne de l'équipe ne peut te répondre dans ce chat pour le moment");
    expect(reply).toContain("contacte directement l'agence");
    expect(reply).not.toMatch(/va te répondre|te répond ici|prendre le relais|un message ici te dira|Bien sûr/);
    expect(reply).not.toMatch(/(?<![-\p{L}])(?:vous|votre|vos)(?![-\p{L}])/iu);
  });

  it('when no person can answer in this chat, an emergency still opens with its numbers and sends the visitor to them', () => {
    const reply = escalationReply('human', 'crisis', { personCanAnswerHere: false });
    expect(reply).toMatch(/^Ce que tu vis compte/);
    expect(reply).toContain('appelle les numéros que je viens de te donner');
    expect(reply).not.toMatch(/va te répondre|un message ici te dira/);
    expect(escalationReply('out_of_scope', null, { ownHealth: true, personCanAnswerHere: false })).toMatch(/^Prends bien soin de toi.*Personne de l'équipe ne peut/);
  });
});
