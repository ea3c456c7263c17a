import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zeroUsage, type RouteDecision } from '../capabilities/capabilities.ts';
import { clarifyingQuestion } from '../agents/persona-replies.ts';
import { checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * A question written with one form of a word finds a passage that only holds another form of its
 * family (french-text's stemmer and verb-families.ts): "hébergeur" in the question, "héberger" and
 * "hébergement" in the guide; "s'inscrire" in the question, "Inscription" as the section's heading.
 * The sample knowledge base plus two documents written for this test, ingested as `pnpm ingest` does.
 */

const wordFamilyDocumentsDir = fileURLToPath(new URL('./fixtures-word-families', import.meta.url));
const fixture = useKnowledgeCheckFixture(wordFamilyDocumentsDir);
const { settings, local, pipeline } = fixture;
const vague: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };

describe('a question and a passage that use two forms of one word family', () => {
  it('"hébergeur" finds the guide "Héberger son podcast", which never says "hébergeur" (pipeline, end to end)', async () => {
    const message = 'Quel hébergeur pour mon podcast ?';
    expect((await local.router.route({ message, history: [] })).kind).toBe('clarify');
    const result = await pipeline().run(job(message), {});
    expect(result).toMatchObject({ agent: 'carole', escalated: false });
    expect(result.message).not.toBe(clarifyingQuestion('audrey'));
    expect(result.sources.map((source) => source.title)[0]).toBe('Héberger son podcast');
    expect(result.message).toContain("plateforme d'hébergement");
  });

  it('"s’inscrire" is answered by the section headed "Inscription"', async () => {
    const { decision, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: fixture.retriever, settings }, { decision: vague, message: 'Comment s’inscrire ?' });
    expect(decision.kind).toBe('answer');
    expect(check).toMatchObject({ outcome: 'answered_from_knowledge', match: { chunk: { title: 'Les ateliers collectifs du jeudi' }, matchedHeadingWords: 1 } });
  });
});
