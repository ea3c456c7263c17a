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

/**
 * Blind round 12: "Threads ça sert à quoi vraiment? J'ai déjà de la misère à suivre sur Instagram" asks what Threads is, the
 * thing first and the context after it; it was read as no definition and led with a line on the Instagram account.
 */
describe('the lead of a definition asked with the thing first and context after it', () => {
  it('is the line that says what the thing is', () => {
    expect(firstQuotedLineOf(chunks, "Threads ça sert à quoi vraiment? J'ai déjà de la misère à suivre sur Instagram", 'carole')).toContain('Threads est le réseau de conversation de Meta');
  });
});
