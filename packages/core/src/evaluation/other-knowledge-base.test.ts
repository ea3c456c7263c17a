import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateProbeKnowledgeBase } from '../testing/evaluate-probe-knowledge-base.ts';
import type { EvaluationReport } from './run-evaluation.ts';

/**
 * A knowledge base the product was not tuned on (other-knowledge-base/README.md): its documents
 * are found end to end for French and English questions, and its routing holds, hand-overs included.
 */
const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'other-knowledge-base');

async function evaluate(retrievalFile: string, routingFile?: string): Promise<EvaluationReport> {
  return evaluateProbeKnowledgeBase(folder, retrievalFile, routingFile);
}

describe('a knowledge base of other topics', () => {
  let french: EvaluationReport;
  let english: EvaluationReport;
  beforeAll(async () => {
    french = await evaluate('retrieval.jsonl', 'routing.jsonl');
    english = await evaluate('retrieval-english.jsonl');
  }, 120_000);

  it('ingests every document, with or without agent_owner', () => {
    expect(french.knowledgeBase).toMatchObject({ documents: 6, failed: [] });
  });

  it('finds the expected document first for French questions, end to end', () => {
    expect(french.retrieval!.queries.filter((query) => query.endToEndRank !== 1)).toEqual([]);
  });

  it('finds the expected document within the three sources for English questions, end to end', () => {
    const missed = english.retrieval!.queries.filter((query) => query.endToEndRank === null || query.endToEndRank > 3);
    expect(missed.map((query) => query.q)).toEqual([]);
  });

  it('routes the questions and hands over the session-link problems', () => {
    expect(french.routing!.errors).toEqual([]);
  });
});
