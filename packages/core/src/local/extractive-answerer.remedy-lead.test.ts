import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-12/kb/', import.meta.url));

/**
 * Blind round 12: "Make a désactivé mon scénario tout seul, je fais quoi ?" opened with the line that restates what happened
 * ("Make désactive un scénario après plusieurs erreurs de suite."), not with the one after it that tells what to do.
 */
describe('the lead of a message asking what to do', () => {
  it('is the instruction of the section that matches it', () => {
    expect(firstQuotedLineOf(chunks, 'Make a désactivé mon scénario tout seul, je fais quoi ?', 'audrey')).toContain("Ouvre l'historique du scénario");
  });
});
