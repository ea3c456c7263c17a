import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const round19 = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-19/kb/', import.meta.url)).chunks;
const fourth = readKnowledgeBaseChunks(new URL('../evaluation/fourth-knowledge-base/kb/', import.meta.url)).chunks;

/**
 * Blind round 19: an English "reply" is the documents' "réponse" (french-text/english-field-words.ts); without it, "how do I
 * set up an out of office reply in gmail" opened with a line of a page on story templates.
 */
describe('the lead of an English question on replies', () => {
  it('an out-of-office reply in Gmail', () => {
    expect(firstQuotedLineOf(round19, 'how do I set up an out of office reply in gmail', 'audrey')).toContain('Ouvre Gmail sur ordinateur');
  });
  it('replying to Google reviews (the fourth knowledge base)', () => {
    expect(firstQuotedLineOf(fourth, 'How quickly should I reply to Google reviews?', 'audrey')).toContain('Réponds à chaque avis sous 48 heures');
  });
});
