import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe("a lawyer's letter received (escalation-lawyers-letter.ts)", () => {
  it.each([
    "J'ai reçu un courrier d'un avocat parce que j'ai utilisé une photo trouvée sur Google dans un post, qu'est-ce que je dois faire ?",
    "j'ai eu un mail d'une avocate au sujet de mon logo, elle dit qu'il ressemble à celui de sa cliente",
    "une lettre recommandée d'un cabinet d'avocats pour une musique dans mon Reel, je fais quoi ?",
  ])('is a legal matter, for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('legal');
  });

  it.each([
    'des idées de posts Instagram quand on est avocate ?',
    "je refais le site d'un avocat, quelle palette de couleurs pour ses posts ?",
    // A lawyer as a prospect or a client, the letter as a content's subject (a review of round 20's rules).
    "Je reçois plein de messages d'une avocate intéressée par mon accompagnement, quelle séquence email pour la convertir ?",
    "un Reel sur le jour où j'ai reçu la lettre d'un avocat, c'est une bonne idée pour parler de résilience ?",
  ])("the visitor's or her client's profession stays a question: %s", (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});
