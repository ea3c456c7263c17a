import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestKnowledgeMatch, checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';
import { questionWordsOf } from './question-words-of.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

/**
 * Whether the agency offers something, asked in the widget of `pnpm start` (a probe, 2026-12-05): "vous proposez des
 * ateliers ?" and "est-ce que vous faites des séances individuelles ?" got the clarifying question, although the page on
 * the agency's offer lists "Les ateliers collectifs en visio" and "L'accompagnement individuel".
 */
describe('a question whether the agency offers something', () => {
  const offer = retrievedChunk({
    title: "L'offre de l'agence et comment contacter l'équipe",
    section: 'Ce que propose l’agence',
    content: "- **L'accompagnement individuel**, sur plusieurs semaines, avec Audrey ou Carole.\n- Les ateliers collectifs en visio, avec replay.\n- Les fiches et formations en ligne.",
    score: 0.4,
  });

  it('is answered by the page on the offer that names it', () => {
    for (const question of ['vous proposez des ateliers ?', 'est-ce que vous faites des séances individuelles ?', 'Proposez-vous des ateliers en visio ?']) {
      expect(bestKnowledgeMatch(question, [[offer]]), question).not.toBeNull();
    }
  });

  it('is not answered by the offer page when it names nothing asked, nor by another page naming the word', () => {
    expect(bestKnowledgeMatch('vous proposez des massages ?', [[offer]])).toBeNull();
    const guide = retrievedChunk({ title: 'Organiser un webinaire', section: null, content: 'Les ateliers en direct créent du lien.', score: 0.4 });
    expect(bestKnowledgeMatch('vous proposez des ateliers ?', [[guide]])).toBeNull();
  });

  it('is not answered by the sentence saying whom the agency serves (a review of round 20): the offer page lists its offers', () => {
    const intro = retrievedChunk({
      title: "L'offre de l'agence et comment contacter l'équipe",
      section: null,
      content:
        "L'agence accompagne les femmes entrepreneures du bien-être (naturopathes, coachs, praticiennes en massage, professeures de yoga...).\n\n## Deux expertes à tes côtés\n\n- **Audrey**, experte en automatisation : emails, Kajabi, webinaires.",
      score: 0.4,
    });
    for (const question of ['vous proposez des massages ?', 'vous faites du yoga ?', 'vous donnez des cours de yoga ?']) expect(bestKnowledgeMatch(question, [[intro]]), question).toBeNull();
    expect(bestKnowledgeMatch('vous organisez des webinaires ?', [[intro]])).not.toBeNull();
  });

  it('is read from a question to the agency, not from how-to questions naming the same words', () => {
    expect(questionWordsOf('vous proposez des ateliers ?').askedOfTheOffer).not.toEqual([]);
    expect(questionWordsOf('comment proposer des ateliers à mes clientes ?').askedOfTheOffer).toEqual([]);
  });
});

describe('a question whether the agency offers something, on the sample knowledge base (as pnpm start serves it)', () => {
  const fixture = useKnowledgeCheckFixture(mkdtempSync(path.join(os.tmpdir(), 'no-extra-documents-')));

  it("is answered from the offer page, found by its words and the offer's (five guides name workshops before it)", async () => {
    const { local, settings } = fixture;
    for (const message of ['vous proposez des ateliers ?', 'est-ce que vous faites des séances individuelles ?']) {
      const decision = await local.router.route({ message, history: [] });
      expect(decision.kind, message).toBe('clarify');
      const { check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: fixture.retriever, settings }, { decision, message });
      expect(check.outcome === 'answered_from_knowledge' ? check.match.chunk.title : check.outcome, message).toMatch(/^L'offre de l'agence/);
    }
  }, 60_000);
});

/**
 * What the agency's things cost, asked in the widget of `pnpm start` (a probe, 2026-12-05): "c'est combien le coaching ?",
 * "combien coûtent vos ateliers ?", "how much is the coaching?" got the clarifying question, although the offer page names
 * them and says where their prices are.
 */
describe('a question on what a thing of the agency costs', () => {
  const fixture = useKnowledgeCheckFixture(mkdtempSync(path.join(os.tmpdir(), 'no-extra-documents-')));

  it('is read as asked of the offer, not a how-to on prices', () => {
    for (const message of ["c'est combien le coaching ?", 'combien coûtent vos ateliers ?', 'how much is the coaching?', 'quel est le prix des ateliers ?']) {
      expect(questionWordsOf(message).askedOfTheOffer, message).not.toEqual([]);
    }
    for (const message of ['combien facturer mes séances ?', 'comment fixer le prix de mon ebook ?', 'combien de temps dure un atelier ?']) {
      expect(questionWordsOf(message).askedOfTheOffer, message).toEqual([]);
    }
  });

  it('is answered from the offer page of the sample knowledge base', async () => {
    const { local, settings } = fixture;
    for (const message of ["c'est combien le coaching ?", 'combien coûtent vos ateliers ?', 'how much is the coaching?']) {
      const decision = await local.router.route({ message, history: [] });
      expect(decision.kind, message).toBe('clarify');
      const { check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: fixture.retriever, settings }, { decision, message });
      expect(check.outcome === 'answered_from_knowledge' ? check.match.chunk.title : check.outcome, message).toMatch(/^L'offre de l'agence/);
    }
  }, 60_000);
});
