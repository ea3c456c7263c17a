import { describe, expect, it } from 'vitest';
import { escalationReply } from '../agents/escalation-reply.ts';
import { urgentHelpOf } from '../agents/urgent-help.ts';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const decide = (message: string) => router.decide({ message, history: [] });

/** Blind round 19: the classes of hand-over and routing its messages found, each with the messages that keep their route. */
describe('escalation classes of blind round 19', () => {
  it.each([
    "je n'en peux plus de rien, je pense à disparaître, ça ne sert à rien tout ça",
    "j'ai envie de disparaître",
    'je voudrais disparaître.',
    "J'ai envie de disparaître. Bref, comment on fait un reel ?",
  ])('reads a wish to disappear, ending its clause, as distress: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('crisis');
    expect(decide(message)).toMatchObject({ kind: 'escalate', category: 'human' });
  });

  it.each([
    "j'ai envie de disparaître sous terre tellement j'ai honte de mon Reel",
    'je pense à disparaître des réseaux un mois',
    "j'aimerais disparaître quelques jours pour me reposer",
    'comment faire disparaître mes stories',
    'je veux faire disparaître',
    'je voudrais les faire disparaître.',
    'mes stories vont disparaître ?',
  ])('not a place, a time, a reason after it, nor making something disappear: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  it.each([
    'Je suis hospitalisée depuis hier, je ne pourrai pas venir à ma séance jeudi',
    "je suis à l'hôpital, je rate la séance de demain",
    'je suis aux urgences depuis ce matin',
  ])("hands over the visitor's own stay in hospital, as their health: %s", (message) => {
    expect(speaksOfOwnHealth(message)).toBe(true);
    expect(decide(message)).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
  });

  it.each(['ma mère est hospitalisée depuis hier', "j'accompagne des femmes hospitalisées, comment faire mes posts ?"])(
    "not someone else's stay: %s",
    (message) => {
      expect(speaksOfOwnHealth(message)).toBe(false);
    },
  );

  it.each([
    'Je veux changer de coach, la mienne ne me correspond pas du tout',
    'est-ce que je peux changer de coach ?',
    'je voudrais avoir une autre coach',
    "i'd like to change coach please",
  ])("hands over a change of the visitor's own coach: %s", (message) => {
    expect(decide(message)).toMatchObject({ kind: 'escalate', category: 'human' });
  });

  it.each(['mes clientes veulent changer de coach, comment je les garde ?', "comment annoncer à une cliente qu'elle devrait changer de coach"])(
    "not the visitor's clients changing theirs: %s",
    (message) => {
      expect(detectEscalationIntent(message)).toBeNull();
    },
  );

  it.each([
    ['comment supprimer les faux abonnés sans que mon compte soit bloqué', 'carole'],
    ['comment relancer mes inscrites pour éviter que mon compte Brevo soit suspendu', 'audrey'],
  ])('answers a how-to whose condition is an account not to be blocked: %s', (message, agent) => {
    expect(decide(message)).toMatchObject({ kind: 'answer', agent });
  });

  it.each(['mon compte est bloqué depuis hier', "mon accès est bloqué, que faire pour ne pas que mon compte soit supprimé"])(
    'an account blocked now is still the team’s: %s',
    (message) => {
      expect(decide(message).kind).toBe('escalate');
    },
  );

  it.each([
    "Honnêtement j'en ai marre de passer mes dimanches sur Canva à refaire mes stories une par une. Y a moyen de faire des modèles que je réutilise ?",
    'ras le bol de recopier mes factures à la main, il y a une astuce pour Stripe ?',
  ])('answers venting beside a way asked for, without "comment": %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each(["j'en ai marre d'attendre votre réponse, y a moyen d'avoir quelqu'un ?", "j'en ai marre de votre formation, y a moyen d'être remboursée ?"])(
    'venting at the agency stays a hand-over: %s',
    (message) => {
      expect(decide(message).kind).toBe('escalate');
    },
  );

  it("names the agency's invoice as billing, not the accountant's subject", () => {
    expect(detectEscalationIntent('Votre facture du mois dernier a un mauvais SIRET et mon comptable la refuse')?.category).toBe('billing');
    expect(detectEscalationIntent("mon comptable me demande si je dois facturer la TVA à mes clientes")?.category).toBe('out_of_scope');
  });

  it.each(["que mettre dans un message d'absence", 'msg d absence gmail il s arrete tout seul ou faut le couper ?', 'outlook ou gmail pour ma boîte mail pro ?'])(
    "routes a mailbox to Audrey: %s",
    (message) => {
      expect(decide(message)).toMatchObject({ kind: 'answer', agent: 'audrey' });
    },
  );

  it('after a hand-over, a question announced about a mailbox goes to Audrey, not the team', () => {
    const history = [
      { role: 'user' as const, content: "J'ai été prélevée deux fois ce mois-ci pour mon accompagnement", agent: null },
      { role: 'assistant' as const, content: escalationReply('billing'), agent: 'escalate' as const },
    ];
    expect(router.decide({ message: "ok merci. en attendant, comment je mets un message d'absence sur Gmail ?", history })).toMatchObject({ kind: 'answer', agent: 'audrey' });
    expect(router.decide({ message: 'ok merci', history }).kind).toBe('acknowledge_handover');
  });
});
