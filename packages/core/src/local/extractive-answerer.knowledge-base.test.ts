import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { splitSentences } from '../french-text/french-text.ts';
import { bestChunkPerDocument } from '../retrieval/source-selection.ts';
import { isWholeSentence } from './sentence-shape.ts';
import { ANSWER_MAX_WORDS, buildExtractiveAnswer } from './extractive-answerer.ts';
import { lexicalScores } from './lexical-reranker.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

/**
 * The offline answer over the sample knowledge base (knowledge-base/), for every question of the
 * judging and harder sets, as each agent: whole sentences of the documents only, in their
 * document's order, at most 250 words, tutoiement, the persona's emojis, the offline-draft note.
 * Sources: the documents' chunks as the chunker makes them, the best chunk of the 3 best
 * documents by the lexical reranker (as in local mode).
 */

const { documents, chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));
const questions = ['judging-sets/knowledge-base-retrieval.jsonl', 'harder-set/retrieval.jsonl'].flatMap((file) =>
  readFileSync(new URL(`../evaluation/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { q: string }).q),
);

function sourcesFor(question: string): RetrievedChunk[] {
  const scores = lexicalScores(question, chunks);
  const ranked = chunks.map((chunk, index) => ({ ...chunk, score: scores[index]! })).sort((left, right) => right.score - left.score);
  return bestChunkPerDocument(ranked, 3);
}

/** The heading put before a passage that opens on a label ("Atelier — Tarif : 59 €"): not quoted text. */
const LABEL_HEADING = /^[^—\n]{1,120} — (?=\p{Lu}[\p{L}'’-]{1,20}(?: [\p{L}'’-]{1,20})?\s?:\s)/u;

/** The heading put before a line whose sense it holds ("Ce qu'il faut mesurer — Le taux…", heading-naming-what-follows.ts). */
const NAMING_HEADING = /^Ce (?:que?\s|qu['’]|qui\s|dont\s)[^—\n]{1,60} — /u;

/** The quoted lines of an answer (without the persona's list marks, nor the heading before a label or naming the line). */
function quotedLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^(?:\d+\. |• |💡 )/u.test(line))
    .map((line) => line.replace(/^(?:\d+\. |• |💡 )/u, '').replace(LABEL_HEADING, '').replace(NAMING_HEADING, ''));
}

/** Where each piece of a quoted line (its sentences, its list items) sits in the document, or -1. */
function piecesFound(line: string, plainBody: string): number[] {
  return splitSentences(line)
    .flatMap((sentence) => sentence.split(' ; '))
    .map((piece) => piece.replace(/[\s.;:]+$/u, '').trim())
    .filter((piece) => piece !== '')
    .map((piece) => plainBody.indexOf(piece));
}

const answers = questions.flatMap((question) => {
  const sources = sourcesFor(question);
  return (['audrey', 'carole'] as const).map((agent) => ({ question, agent, sources, text: buildExtractiveAnswer({ agent, message: question, sources }) }));
});
const quoting = answers.filter((answer) => quotedLines(answer.text).length > 0);

describe('the offline answer over the sample knowledge base', () => {
  it('answers most questions from the documents (126 answers)', () => {
    expect(answers.length).toBe(2 * questions.length);
    expect(quoting.length).toBeGreaterThan(0.9 * answers.length);
  });

  it('stays within 250 words and keeps the offline-draft note', () => {
    for (const { text } of answers) {
      expect((text.match(/\S+/g) ?? []).length).toBeLessThanOrEqual(ANSWER_MAX_WORDS);
      expect(text).toContain('hors ligne');
    }
  });

  it('quotes whole sentences that are in the documents, never a piece of one', () => {
    for (const { question, text, sources } of quoting) {
      for (const line of quotedLines(text)) {
        expect(isWholeSentence(line), `${question}: ${line}`).toBe(true);
        expect(line, question).not.toMatch(/^(?:Mais|Et|Donc|Puis|Ensuite|Il|Elle|Ils|Elles|Cela|Ça|C’est|C'est)\b/u);
        const found = sources.some((source) => {
          const document = documents.find((candidate) => candidate.file === source.documentId)!;
          return piecesFound(line, document.plainBody).every((offset) => offset >= 0);
        });
        expect(found, `${question}: ${line}`).toBe(true);
      }
    }
  });

  it('keeps the quoted lines of a document in the document’s order, after the lead (the best match, quoted first)', () => {
    for (const { question, text } of quoting) {
      const lastOffsetByDocument = new Map<string, number>();
      for (const line of quotedLines(text).slice(1)) {
        const document = documents.find((candidate) => piecesFound(line, candidate.plainBody).every((offset) => offset >= 0))!;
        const offset = piecesFound(line, document.plainBody)[0]!;
        expect(offset, `${question}: ${line}`).toBeGreaterThan(lastOffsetByDocument.get(document.file) ?? -1);
        lastOffsetByDocument.set(document.file, offset);
      }
    }
  });

  it('speaks to the visitor as "tu" (no "vous" outside a quotation) and in each persona’s voice', () => {
    for (const { agent, text } of answers) {
      expect(text.replace(/«[^»]*»/g, '')).not.toMatch(/(?<![-\p{L}])(?:vous|votre|vos)(?![-\p{L}])/iu);
      if (agent === 'carole' && quotedLines(text).length > 0) {
        expect(text).toMatch(/^Coucou ! ✨/u);
        expect(text).toContain('📚 Sources : ');
        expect(text).toContain('💛');
      }
      if (agent === 'audrey' && quotedLines(text).length > 0) expect(text).toMatch(/^Bonjour !.*\n\n(?:\d+\.|•) /u); // bulleted, a procedure's steps numbered with their own numbers
    }
  });

  it('cites each document once, in one sources line', () => {
    for (const { text } of quoting) {
      const sourcesLines = text.split('\n').filter((line) => /^(?:📚 )?Sources : /u.test(line));
      expect(sourcesLines).toHaveLength(1);
      const titles = sourcesLines[0]!.match(/«[^»]+»/g) ?? [];
      expect(new Set(titles).size).toBe(titles.length);
    }
  });
});
