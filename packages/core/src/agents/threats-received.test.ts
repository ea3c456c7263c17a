import { describe, expect, it } from 'vitest';
import { escalationReply } from './escalation-reply.ts';
import { KeywordRouter } from '../local/keyword-router.ts';
import { urgentHelpOf } from './urgent-help.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe('threats received that make the visitor afraid (threats-received.ts)', () => {
  it.each([
    "un homme m'envoie des messages menaçants en DM depuis 2 semaines, il sait où est mon cabinet, j'ai peur",
    "une ancienne cliente me menace sur Instagram, j'ai vraiment peur qu'elle vienne au cabinet",
    "j'ai peur, quelqu'un me harcèle en commentaires et il sait où j'habite",
    'un abonné me laisse des messages de menaces, il m a dit qu il serait devant mon cabinet demain, je suis terrifiée',
    // A threat said without the word, and a fear by what the visitor no longer dares (second wordings of the class).
    "un type m'écrit tous les jours qu'il va me retrouver, j'ose plus aller au cabinet toute seule",
  ])('hands over to a person, the reply opening with where to get help: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('threatened');
    expect(decide(message).kind).toBe('escalate');
  });

  it.each([
    "une cliente m'envoie des messages menaçants, comment je la bloque sur Instagram ?",
    "j'ai peur de recevoir des menaces si je parle de ce sujet dans un Reel",
    "j'ai peur de rater mon live, comment je m'y prépare ?",
    "Instagram me menace de retirer mes Reels à cause d'une musique, j'ai peur de tout perdre",
    // A fear for her business or of disappointing, after a threat or a pressing request (a review of round 20's rules).
    "un client m'a menacée de laisser un avis négatif, j'ai peur pour ma réputation, je lui réponds quoi ?",
    'Une cliente me harcèle de messages pour obtenir une remise, j’ai peur de la perdre si je refuse',
    "ma cliente veut ses visuels demain, elle va me tuer s'ils sont pas prêts, j'ai tellement peur de la décevoir",
    "j'ai peur qu'on me harcèle en commentaires après mon premier live, je désactive les commentaires ?",
  ])('stays a question for the experts: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });

  it('opens the reply with where to get help now, then the hand-over', () => {
    const reply = escalationReply('human', 'threatened');
    expect(reply.startsWith('Si tu te sens en danger')).toBe(true);
    expect(reply).toContain('17');
    expect(reply).toContain("une personne va te répondre ici même");
  });
});
