import { describe, expect, it } from 'vitest';
import { sentencesWithTheirAsk } from './ask-clause.ts';
import { KeywordRouter } from './keyword-router.ts';

describe('sentencesWithTheirAsk', () => {
  it('splits a one-sentence story from the clause that asks, after a comma', () => {
    expect(sentencesWithTheirAsk("Je voudrais que mon ebook ait l'air d'un vrai livre sur ma page de vente, on m'a parlé de mockup, comment on fait dans Canva ?")).toEqual([
      "Je voudrais que mon ebook ait l'air d'un vrai livre sur ma page de vente, on m'a parlé de mockup",
      'comment on fait dans Canva ?',
    ]);
    expect(sentencesWithTheirAsk("J'ai lancé ma newsletter, est-ce que je peux la relier à Instagram ?")).toEqual(["J'ai lancé ma newsletter", 'est-ce que je peux la relier à Instagram ?']);
    expect(sentencesWithTheirAsk("Mes Reels marchent bien, où je mets le lien ?")).toEqual(['Mes Reels marchent bien', 'où je mets le lien ?']);
  });

  it('keeps a question whose comma opens no asking clause, and a message that does not end with a question', () => {
    expect(sentencesWithTheirAsk('Comment je fais un tunnel, une séquence et une page de vente ?')).toEqual(['Comment je fais un tunnel, une séquence et une page de vente ?']);
    expect(sentencesWithTheirAsk("J'ai fait mon tunnel, comment dire, c'est long.")).toEqual(["J'ai fait mon tunnel, comment dire, c'est long."]);
  });

  it('lets the clause that asks decide the expert, as a sentence after a full stop would', () => {
    const router = new KeywordRouter();
    const decision = router.decide({ message: "Je voudrais que mon ebook ait l'air d'un vrai livre sur ma page de vente, on m'a parlé de mockup, comment on fait dans Canva ?", history: [] });
    expect(decision.kind === 'answer' && decision.agent).toBe('carole');
  });
});
