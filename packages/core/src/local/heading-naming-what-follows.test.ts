import { beforeAll, describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunksAsIngested } from '../testing/knowledge-base-chunks-as-ingested.ts';
import { quotedPassage, type AnswerPassage } from './answer-passages.ts';
import { sensIsInItsHeading } from './heading-naming-what-follows.ts';

const passage = (heading: string, text: string, extra: Partial<AnswerPassage> = {}): AnswerPassage => ({ heading, text, sourceRank: 0, position: 0, wordCount: text.split(' ').length, ...extra });

describe('a line whose sense is in a heading naming what follows', () => {
  it('is a thing listed under "Ce que…", "Ce qu\'…", "Ce qui…"', () => {
    expect(sensIsInItsHeading(passage("Ce qu'elle ne consulte jamais", 'Les notes de séance, les questionnaires de santé et les échanges privés de coaching.'))).toBe(true);
    expect(sensIsInItsHeading(passage("Ce qu'on ne peut pas programmer", "L'ajout d'une musique de la bibliothèque Instagram."))).toBe(true);
    expect(sensIsInItsHeading(passage('Ce qui marche sur Threads', 'Des fils de plusieurs messages pour dérouler une idée.'))).toBe(true);
  });

  it('is not an instruction or a clause, nor a line under another heading', () => {
    expect(sensIsInItsHeading(passage("Ce qu'il faut écrire sur tes factures", 'Tant que tu es en franchise, chaque facture porte la mention.'))).toBe(false);
    expect(sensIsInItsHeading(passage("Ce qu'elle ne fait pas", 'Elle ne supprime aucun message : elle archive.'))).toBe(false);
    expect(sensIsInItsHeading(passage("Ce qu'il faut mesurer", "Le taux d'ouverture est devenu peu fiable depuis les protections de confidentialité."))).toBe(false);
    expect(sensIsInItsHeading(passage('Les conditions avant tout accès', 'Un ordinateur protégé par un mot de passe.'))).toBe(false);
    expect(sensIsInItsHeading(passage('Ce que tu dois savoir ?', 'Les notes restent privées.'))).toBe(false);
  });

  it('is quoted after its heading, and a step is not', () => {
    expect(quotedPassage(passage("Ce qu'elle ne consulte jamais", 'Les notes de séance et les questionnaires de santé.'))).toBe("Ce qu'elle ne consulte jamais — Les notes de séance et les questionnaires de santé.");
    expect(quotedPassage(passage("Ce qu'elle ne consulte jamais", 'Les notes de séance.', { step: 2 }))).toBe('Les notes de séance.');
  });
});

describe('on the fifth knowledge base (a policy of what an assistant may see)', () => {
  let chunks: RetrievedChunk[];
  beforeAll(async () => {
    chunks = await readKnowledgeBaseChunksAsIngested(new URL('../evaluation/fifth-knowledge-base/kb/', import.meta.url));
  });

  it('says that she never reads the session notes', () => {
    expect(firstQuotedLineOf(chunks, 'Mon assistante peut elle lire mes notes de seance ?', 'audrey')).toBe("• Ce qu'elle ne consulte jamais — Les notes de séance, les questionnaires de santé et les échanges privés de coaching.");
  });
});
