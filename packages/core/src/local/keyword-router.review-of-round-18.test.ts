import { describe, expect, it } from 'vitest';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const agentOf = (message: string) => {
  const decision = router.decide({ message, history: [] });
  return decision.kind === 'answer' ? decision.agent : decision.kind;
};

/** Review of round 18: between the experts (scam-question-topic.ts, routing-keywords.ts). */
describe('a scam question about an Instagram account', () => {
  it.each([
    "recu un msg insta 'votre compte a enfreint nos regles…' c une arnaque",
    'j\'ai reçu un mail "votre compte Instagram sera supprimé sous 24h, cliquez sur le lien" c\'est une arnaque ?',
    "on m'a envoyé un lien par mail pour vérifier mon compte Instagram, arnaque ?",
    'un compte fake m\'envoie des liens en DM sur insta, je fais quoi ?',
  ])("is Carole's, the mail and the link being only how it came: %s", (message) => {
    expect(agentOf(message)).toBe('carole');
  });

  it.each([
    "j'ai reçu un mail bizarre avec un lien, c'est du phishing ?",
    'j\'ai reçu un mail "votre compte Kajabi sera suspendu" c\'est une arnaque ?',
    'comment écrire un mail pour prévenir mes clientes d\'une arnaque ?',
    'mes abonnées reçoivent un faux mail avec un lien en mon nom, arnaque, comment les prévenir dans ma newsletter ?',
  ])("stays Audrey's: %s", (message) => {
    expect(agentOf(message)).toBe('audrey');
  });
});

describe('a prospect who says "pas maintenant" or stops answering', () => {
  it.each([
    "que faire quand quelqu'un répond pas maintenant",
    "elle m'a répondu pas maintenant, je fais quoi ?",
    "que faire quand quelqu'un me ghoste après un appel",
    "quelqu'un qui ne répond plus après l'appel, je fais quoi ?",
  ])("is Audrey's (follow-up emails): %s", (message) => {
    expect(agentOf(message)).toBe('audrey');
  });

  it.each(["que faire quand quelqu'un répond pas à mes stories", 'mes abonnées me ghostent après avoir liké mes posts, une idée de story ?'])(
    "stays Carole's: %s",
    (message) => {
      expect(agentOf(message)).toBe('carole');
    },
  );
});
