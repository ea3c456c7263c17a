import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

describe("a serious illness of the visitor's own (own-serious-illness.ts, blind round 21)", () => {
  it.each([
    "On vient de m'annoncer un cancer du sein, je vais devoir tout mettre en pause, comment ça se passe pour mon accompagnement ?",
    "j'ai une tumeur, l'opération est la semaine prochaine, je peux décaler mes séances ?",
    'le médecin m a diagnostiqué une sclérose en plaques hier',
    'je commence ma chimio lundi et je ne sais pas si je pourrai suivre le programme',
    'mon cancer est revenu, je dois tout arrêter quelques mois',
    'je suis atteinte d une leucémie, je ne pourrai pas venir jeudi',
    "on m'a trouvé une tumeur au sein, je suis opérée le 12",
    'je reviens de chez l oncologue : c est une leucémie, je dois tout décaler',
  ])('%s: handed over, as her own health', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });

  it.each([
    'je fais un reel sur le cancer du sein pour octobre rose, quelle musique ?',
    "j'ai eu un cancer il y a 5 ans et je veux en parler dans mes stories",
    "ma cliente m'a annoncé un cancer du sein, je lui envoie quel mail pour décaler ses séances ?",
    "j'accompagne des femmes après un cancer, comment je le dis dans ma bio ?",
    'ma mère a un cancer, je vais ralentir mes posts, je préviens comment ma communauté ?',
    "j'ai trouvé une super musique pour mon reel sur le cancer",
  ])('%s: not her own illness now', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

/** Review of round 21: told after "que" in the imperfect, or in SMS spelling. */
describe('a serious illness of her own, close variants (own-serious-illness.ts)', () => {
  it.each([
    "le médecin m'a annoncé que j'avais une tumeur, je ne sais pas si je vais pouvoir continuer",
    "j'ai appris que j'avais une tumeur au cerveau",
    'jsuis en chimio en ce moment donc je réponds pas trop vite désolée',
    "jsuis atteinte d'un cancer",
  ])('%s: hers, handed over', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });
});
