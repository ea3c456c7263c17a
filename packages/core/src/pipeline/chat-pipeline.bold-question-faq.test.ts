import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * An FAQ written with its questions in bold on a line of their own ("**Quels sont les délais de
 * livraison ?**" then the answer), not as headings: the offline answer quoted the questions
 * ("• Quels sont les délais de livraison ? • Combien coûte la livraison ?") and not the answer
 * "Comptez 3 à 5 jours ouvrés." (probe of a knowledge base of other shapes, 2026-12-05). The
 * Markdown reader reads such a line as the heading it stands for (knowledge/bold-question-headings.ts).
 */

const fixture = useKnowledgeCheckFixture(fileURLToPath(new URL('./fixtures-bold-faq', import.meta.url)));

describe('an FAQ whose questions are bold lines', () => {
  it.each([
    ['Quels sont les délais de livraison ?', '3 à 5 jours ouvrés'],
    ['Combien coûte la livraison ?', '5 € en point relais'],
    ['Puis-je retourner un article ?', 'sous 30 jours'],
  ])('"%s" is answered with the answer under that question', async (message, answer) => {
    const result = await fixture.pipeline().run(job(message), {});
    expect(result.sources.map((source) => source.title)[0]).toBe('FAQ de la boutique');
    expect(result.message).toContain(answer);
  });
});
