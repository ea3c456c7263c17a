import { describe, expect, it } from 'vitest';
import { inferAgentOwner } from './auto-tagger.ts';

describe('inferAgentOwner', () => {
  it('tags by counted seed keywords, title and tags weighing more than the body', () => {
    expect(inferAgentOwner({ title: 'Zapier pour débuter', tags: [], body: 'Relie ton formulaire à ton email.' }).agentOwner).toBe('audrey');
    expect(inferAgentOwner({ title: 'Mes Reels', tags: ['instagram'], body: 'Un email pour annoncer ton Reel.' }).agentOwner).toBe(
      'carole',
    );
  });

  it('uses a count rather than the first match', () => {
    // "email" comes first, but Instagram and stories dominate.
    const result = inferAgentOwner({
      title: 'Communiquer',
      tags: [],
      body: 'Un email par mois. Instagram chaque jour, une story le matin, une story le soir, du contenu Instagram.',
    });
    expect(result.agentOwner).toBe('carole');
    expect(result.scores.audrey).toBe(1);
  });

  it('is shared without a clear winner or with too little signal', () => {
    expect(inferAgentOwner({ title: 'Nos horaires', tags: [], body: 'Du lundi au vendredi.' }).agentOwner).toBe('shared');
    expect(inferAgentOwner({ title: 'Bilan', tags: [], body: 'Un email et un reel, un tunnel et une story.' }).agentOwner).toBe('shared');
  });

  it('folds case and accents (Création, DESIGN)', () => {
    expect(inferAgentOwner({ title: 'CREATION et Design', tags: [], body: '' }).agentOwner).toBe('carole');
  });

  it('counts a keyword as a word, plural included, never inside another word', () => {
    const pricing = {
      title: 'Fixer ses tarifs',
      tags: [],
      body: 'Ce que tu vends réellement, ce que la cliente gagne réellement, ce qui change réellement. Un email de relance aide.',
    };
    expect(inferAgentOwner(pricing).scores).toEqual({ audrey: 1, carole: 0 });
    expect(inferAgentOwner({ title: 'Tes Reels', tags: [], body: 'Deux reels par semaine, des contenus variés.' }).scores.carole).toBe(3 + 1 + 1);
    expect(inferAgentOwner({ title: 'Ton emailing', tags: [], body: '' }).scores.audrey).toBe(3);
  });
});
