import { beforeAll, describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunksAsIngested } from '../testing/knowledge-base-chunks-as-ingested.ts';

/**
 * The steps before a step quoted from the middle of a procedure come first for a question asking how to (procedure-steps.ts),
 * not for a question about one thing a step says: that step opens the answer.
 */
describe('the earlier steps of a procedure, before the step that answers', () => {
  const chunksOf: Record<string, RetrievedChunk[]> = {};
  beforeAll(async () => {
    for (const folder of ['blind-round-11', 'blind-round-15', 'blind-round-16']) {
      chunksOf[folder] = await readKnowledgeBaseChunksAsIngested(new URL(`../evaluation/${folder}/kb/`, import.meta.url));
    }
  });

  it('do not come first for a question about what one step says', () => {
    expect(firstQuotedLineOf(chunksOf['blind-round-11']!, 'quelle largeur pour ma newsletter et quelle police ?', 'carole')).toContain('la largeur (600 px)');
    expect(firstQuotedLineOf(chunksOf['blind-round-15']!, 'compte à rebours page merci combien de minutes', 'audrey')).toContain('Ajoute un compte à rebours de 15 à 30 minutes');
    expect(firstQuotedLineOf(chunksOf['blind-round-16']!, 'différence entre ignore resume et break dans make', 'audrey')).toContain('Choisis la directive');
  });

  it('still come first for a question asking how to', () => {
    expect(firstQuotedLineOf(chunksOf['blind-round-11']!, 'Comment créer un lien de paiement Stripe pour ma séance ?', 'audrey')).toMatch(/^1\. /u);
  });
});
