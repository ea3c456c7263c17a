import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { asksWhereToStart, leadWithTheFirstThingToDo } from './where-to-start-question.ts';

describe('a question asking where to start', () => {
  it.each(['je veux tuer mon ancienne séquence de relance et repartir de zéro, par quoi je commence', 'Par où je commence ?', 'batching : je commence par quoi, les reels ou les carrousels ?', 'where do I start?', 'quelle est la première étape ?'])(
    '%s',
    (message) => expect(asksWhereToStart(message)).toBe(true),
  );

  it.each(['Commence par créer l’attribut ?', "j'ai commencé Insta il y a 2 ans", 'comment commencer un live ?'])('not: %s', (message) => expect(asksWhereToStart(message)).toBe(false));
});

describe('the first thing to do', () => {
  const passage = (text: string, position: number, score: number, overlap = 1) => ({ text, documentId: 'sequence', sourceRank: 0, position, overlap, score, answersTheVisitorsQuestion: false });

  it('leads over a later line that matches better', () => {
    const last = passage('J+10 : La porte ouverte ; Tu ne relances plus.', 5, 4);
    const first = passage('Déclenche la séquence avec un tag « appel-fait ».', 6, 2);
    const intro = passage('Beaucoup de personnes ne disent pas oui pendant l’appel.', 0, 1);
    leadWithTheFirstThingToDo([last, first, intro]);
    expect(first.score).toBeGreaterThan(last.score);
    expect(intro.score).toBe(1);
  });
});

describe('the lead of a question asking where to start', () => {
  it('is the first thing to do of the best document (blind round 18)', () => {
    const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-18/kb/', import.meta.url));
    expect(firstQuotedLineOf(chunks, 'je veux tuer mon ancienne séquence de relance et repartir de zéro, par quoi je commence', 'audrey')).toContain('Déclenche la séquence');
  });

  it('is the first thing to do of the best document (third knowledge base)', () => {
    const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/third-knowledge-base/kb/', import.meta.url));
    expect(firstQuotedLineOf(chunks, 'Je lance mon programme en ligne le mois prochain, par quoi je commence ?', 'audrey')).toContain('Prévois au moins deux semaines de préparation');
  });
});

describe('a choice of where to start', () => {
  it('keeps the line that names the alternatives (blind round 16: "les reels ou les carrousels ?")', () => {
    const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-16/kb/', import.meta.url));
    expect(firstQuotedLineOf(chunks, 'batching : je commence par quoi, les reels ou les carrousels ?', 'carole')).toContain('Reels');
  });
});
