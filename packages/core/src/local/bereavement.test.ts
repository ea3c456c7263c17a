import { describe, expect, it } from 'vitest';
import { escalationReply } from '../agents/escalation-reply.ts';
import { tellsOfHerLoss } from './bereavement.ts';

describe('a loss the visitor tells of', () => {
  it.each(['mon mari est décédé, je dois mettre en pause', 'ma mère est morte la semaine dernière', 'je suis en deuil', "j'ai perdu mon père en mars", 'my mother passed away, can I pause my coaching?'])(
    'is hers: %s',
    (message) => expect(tellsOfHerLoss(message)).toBe(true),
  );

  it.each(['ma cliente est en deuil, je lui écris quoi ?', 'un post sur le deuil périnatal', 'mon zap est mort', 'ma newsletter est morte', "j'ai perdu mon mot de passe"])(
    'is not: %s',
    (message) => expect(tellsOfHerLoss(message)).toBe(false),
  );

  // A review of 2026-12-05: who has left on a trip got condolences; "nous a quittés" said alone was missed.
  it.each([
    'ma mère est partie en vacances, je dois mettre en pause mon abonnement',
    'mon mari est parti en déplacement trois mois, je peux suspendre mon accompagnement ?',
    "ma fille est partie vivre à l'étranger, je dois faire une pause dans le programme",
  ])('is no loss, a trip: %s', (message) => expect(tellsOfHerLoss(message)).toBe(false));

  it.each(['mon papa nous a quittés, je veux suspendre mon abonnement', 'ma mère est partie la semaine dernière, je dois suspendre mon accompagnement'])(
    'is a loss: %s',
    (message) => expect(tellsOfHerLoss(message)).toBe(true),
  );

  it('opens the hand-over with condolences, not with "les questions de paiement…" (a probe of `pnpm start`, 2026-12-05)', () => {
    const reply = escalationReply('billing', null, { bereavement: true });
    expect(reply).toMatch(/^Je suis sincèrement désolée pour ta perte/);
    expect(reply).not.toContain('les questions de paiement');
    expect(escalationReply('billing', null, { bereavement: true, personCanAnswerHere: false })).toContain("contacte directement l'agence");
  });
});
