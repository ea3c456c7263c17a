import { describe, expect, it } from 'vitest';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe("an e-mail's attachment, a booking calendar, a door that is no reach (routing-keywords.ts, blind round 21)", () => {
  it.each([
    'mon logo apparait en piece jointe dans tous mes mails 😤',
    'Bonjour, je partage un cabinet avec deux collègues. Hier deux personnes se sont retrouvées devant ma porte parce que l une avait réservé en ligne. Comment faire pour que mes réservations tiennent compte de l agenda du cabinet ?',
    'Doctolib et mon agenda google ne se parlent pas, je fais comment ?',
    "mon PDF en pj est trop lourd, il part pas",
  ])("%s: Audrey's", (message) => {
    expect(decide(message).agent).toBe('audrey');
  });

  it.each(['comment augmenter la portée de mes reels', 'ma portee est nulle depuis 1 mois', 'mon logo est flou sur mon profil insta'])("%s: Carole's", (message) => {
    expect(decide(message).agent).toBe('carole');
  });
});
