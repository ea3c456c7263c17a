import { describe, expect, it } from 'vitest';
import type { RouteTarget } from '../contract/chat-schemas.ts';
import { KeywordRouter } from './keyword-router.ts';

/** The keyword router on misspelt keywords and on messages whose story and question name different experts. */
const router = new KeywordRouter();

describe('KeywordRouter with misspelt keywords', () => {
  it.each<[string, RouteTarget]>([
    ['mon tunel de vante marche pas', 'audrey'],
    ['je veux faire un webinnaire', 'audrey'],
    ['quel hastag mettre', 'carole'],
    ['ma légande est trop longue ?', 'carole'],
    ['quelle taille pour un carousselle instagramm', 'carole'],
  ])('%s -> %s', (message, expected) => {
    const decision = router.decide({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'answer', agent: expected });
    expect(decision.reasoning).toContain('(~)');
  });

  it('looks for typos only when no keyword matched: real words one letter apart do not count', () => {
    // "continu" is one letter from "contenu" (Carole), "papier" from "zapier" (another first letter).
    expect(router.decide({ message: 'Il permet de vendre en continu', history: [] }).reasoning).not.toContain('(~)');
    expect(router.decide({ message: 'Note sur papier : quand ... alors ...', history: [] }).kind).toBe('clarify');
    // "Écris" is Carole's keyword "écrire" (one verb family), not Audrey's "Zapier" misspelt.
    expect(router.decide({ message: 'Écris sur papier : quand ... alors ...', history: [] })).toMatchObject({ kind: 'answer', agent: 'carole' });
  });
});

describe('a story told first and a question asked last', () => {
  it.each([
    ["J'ai bien reçu ma facture, merci ! Du coup petite question : comment je programme mes Reels à l'avance ?", 'carole'],
    ["J'ai lancé ma formation sur Kajabi le mois dernier (le tunnel tourne bien !), maintenant j'aimerais faire des Reels pour en parler. Des idées de formats ?", 'carole'],
    ['Mes Reels marchent bien depuis un mois. Comment je relie ma newsletter à mon tunnel de vente avec Zapier ?', 'audrey'],
  ])('the question decides: %s → %s', (message, agent) => {
    expect(router.decide({ message, history: [] })).toMatchObject({ kind: 'answer', agent });
  });

  // Blind round 12: an ask whose only word is below a topic signal ("cliquer") is read with its story.
  it.each([
    ["J'ai écrit ma première page de carrousel LinkedIn, « Mes conseils pour mieux communiquer ». Franchement ça donne pas envie de cliquer hein, je mets quoi plutôt ?", 'carole'],
    ['Ma séquence de bienvenue part bien dans Brevo. Mais personne ne clique, je change quoi ?', 'audrey'],
  ])('an ask with only a weak word of the other expert is read with its story: %s → %s', (message, agent) => {
    expect(router.decide({ message, history: [] })).toMatchObject({ kind: 'answer', agent });
  });

  it('two questions are scored as a whole', () => {
    expect(router.decide({ message: 'Est-ce que je peux faire un tunnel ? Et des Reels aussi ?', history: [] })).toMatchObject({ agent: 'audrey' });
  });

  it('one sentence is scored as a whole', () => {
    expect(router.decide({ message: 'Comment automatiser ma newsletter et mes emails pour annoncer mes Reels ?', history: [] })).toMatchObject({ agent: 'audrey' });
  });
});
