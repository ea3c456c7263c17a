import { beforeAll, describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunksAsIngested } from '../testing/knowledge-base-chunks-as-ingested.ts';
import { stepAskedAboutBy, stepsFromTheOneAskedAbout } from './step-asked-about.ts';

describe('a question about one step of a procedure', () => {
  it('asks for the step after another, or for the moment of one', () => {
    expect(stepAskedAboutBy('apres avoir créé le coffre dans bitwarden je fais quoi ?')).toBe('the-step-after');
    expect(stepAskedAboutBy("Une fois que j'ai créé le compte, c'est quoi la suite ?")).toBe('the-step-after');
    expect(stepAskedAboutBy('I created the vault, what next?')).toBe('the-step-after');
    expect(stepAskedAboutBy("quand j'arrête avec mon assistante je change les mots de passe a quel moment ?")).toBe('the-step-itself');
    expect(stepAskedAboutBy('Quand est-ce que je retire ses accès ?')).toBe('the-step-itself');
  });

  it('is not a story told after a step, nor a how-to', () => {
    expect(stepAskedAboutBy('help!! mes highlights ont disparu de mon profil apres avoir changé ma photo')).toBeNull();
    expect(stepAskedAboutBy('Quelles statistiques regarder une semaine après avoir publié ma vidéo ?')).toBeNull();
    expect(stepAskedAboutBy('Comment partager mes accès avec mon assistante ?')).toBeNull();
  });

  const step = (step: number, overlap: number, position = step) => ({ step, overlap, sourceRank: 0, position, heading: 'La liste', documentId: 'doc' });
  const prose = (overlap: number, position: number) => ({ overlap, sourceRank: 0, position, heading: 'La liste', documentId: 'doc' });

  it('quotes from the step after the one named, the list going on in the next chunk', () => {
    const steps = [step(1, 0), step(2, 0), step(3, 0.5), step(4, 1.6), step(5, 0.9, 1_000), step(6, 0, 1_001)];
    const ordered = [steps[3]!, steps[2]!, steps[4]!];
    expect(stepsFromTheOneAskedAbout('après avoir créé le coffre, je fais quoi ?', ordered, steps, { chunkStride: 1_000 })!.map((passage) => passage.step)).toEqual([5, 6]);
  });

  it('quotes nothing of its own when no step is close to the question', () => {
    const steps = [step(1, 0.2), step(2, 0.1)];
    const ordered = [prose(2, 10), steps[0]!];
    expect(stepsFromTheOneAskedAbout('quand est-ce que je peux augmenter mes prix ?', ordered, [...ordered, ...steps], { chunkStride: 1_000 })).toBeNull();
  });
});

describe('on the fifth knowledge base (two numbered procedures sharing their words)', () => {
  let chunks: RetrievedChunk[];
  beforeAll(async () => {
    chunks = await readKnowledgeBaseChunksAsIngested(new URL('../evaluation/fifth-knowledge-base/kb/', import.meta.url));
  });

  it('opens with the step after the one named', () => {
    expect(firstQuotedLineOf(chunks, 'apres avoir créé le coffre dans bitwarden je fais quoi ?', 'audrey')).toMatch(/^5\. Partage ce coffre/u);
  });

  it('opens with the step asked about, not with the steps before it', () => {
    expect(firstQuotedLineOf(chunks, "quand j'arrête avec mon assistante je change les mots de passe a quel moment ?", 'audrey')).toMatch(/^5\. Change ensuite les mots de passe/u);
  });
});
