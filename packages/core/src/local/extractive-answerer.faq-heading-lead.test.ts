import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-15/kb/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts). */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/**
 * Blind round 15: a message that repeats an FAQ's question heading opens with the answer under it,
 * not with a line elsewhere that shares as many words ("mon zap s'est arrêté tout seul" opened with
 * a line on filters that stop a zap).
 */
describe('the lead of an offline answer under the FAQ question the visitor repeats', () => {
  it.each([
    ['zapier mon zap sest arrete tout seul hier soir et plus rien ne passe dans mon google sheet', 'audrey', 'Zapier met un zap en pause'],
    ["où voir les statistiques d'un reel", 'carole', 'Voir les statistiques'],
  ] as const)('is the answer under the question heading: %s', (message, agent, expected) => {
    expect(firstQuotedLine(message, agent)).toContain(expected);
  });
});
