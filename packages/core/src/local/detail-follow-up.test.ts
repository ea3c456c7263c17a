import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';

/** "tu peux détailler ?" after an answer gets what the answer did not say yet, not the same answer again. */

const stories: RetrievedChunk = {
  chunkId: 'stories-1',
  documentId: 'stories',
  title: 'Créer du lien avec ses abonnées en stories',
  section: null,
  content: [
    'Les stories créent du lien avec tes abonnées au quotidien.',
    'Pose une question avec le sticker sondage pour faire réagir tes abonnées.',
    'Ouvre une boîte à questions le vendredi : tes abonnées te disent ce qui les bloque.',
    'Commence chaque série par une accroche qui donne envie de voir la suite.',
    'Termine par un appel à répondre en message privé.',
    'Montre les coulisses de ta semaine, sans mise en scène.',
  ].join('\n\n'),
  agentOwner: 'carole',
  score: 0.9,
};

const quotedLines = (answer: string) => answer.split('\n').filter((line) => /^(?:\d+\.|•|💡) /u.test(line));

describe('a follow-up asking for more detail', () => {
  it('quotes what the answer before did not say', () => {
    const question = 'comment créer du lien avec mes abonnées en stories ?';
    const first = buildExtractiveAnswer({ agent: 'carole', message: question, sources: [stories] });
    const history = [
      { role: 'user' as const, content: question, agent: null },
      { role: 'assistant' as const, content: first, agent: 'carole' as const },
    ];
    const detail = buildExtractiveAnswer({ agent: 'carole', message: 'tu peux détailler ?', sources: [stories], history });
    expect(detail).not.toBe(first);
    const alreadySaid = new Set(quotedLines(first));
    expect(quotedLines(detail).filter((line) => !alreadySaid.has(line)).length).toBeGreaterThan(0);
    // Another question is answered as usual, repeats included (its opening is no greeting now).
    const again = buildExtractiveAnswer({ agent: 'carole', message: question, sources: [stories], history });
    expect(quotedLines(again)).toEqual(quotedLines(first));
  });
});
