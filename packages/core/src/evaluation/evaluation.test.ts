import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadConfig } from '../config/config.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { Bm25DocumentIndex } from './bm25-document-baseline.ts';
import { EvaluationFileError } from './evaluation-errors.ts';
import { parseJsonLines, readRetrievalCases, retrievalCaseSchema, routingCaseSchema } from './evaluation-files.ts';
import { formatEvaluationReport } from './format-evaluation-report.ts';
import { summarizeLatencies } from './latency-summary.ts';
import { rankOfExpected, retrievalScores } from './retrieval-metrics.ts';
import { routingScores } from './routing-metrics.ts';
import { runEvaluation, type EvaluationReport } from './run-evaluation.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

describe('evaluation files', () => {
  it('reads JSONL cases with their line numbers, skipping blank lines and ignoring extra fields', async () => {
    const cases = await readRetrievalCases(path.join(fixtures, 'retrieval.jsonl'));
    expect(cases.map((testCase) => testCase.line)).toEqual([1, 3, 4, 5]);
    expect(cases[1]).toEqual({ line: 3, q: 'Combien de diapositives pour un carrousel ?', doc: 'Réussir ses carrousels Instagram' });
  });

  it('names the file and the line of a bad case', () => {
    const parse = (text: string, schema: z.ZodType<unknown> = retrievalCaseSchema) => () => parseJsonLines(text, 'set.jsonl', schema);
    expect(parse('{"q": "a", "doc": "b"}\n{"q": "a", "doc": }')).toThrow(/^set\.jsonl:2: invalid JSON/);
    expect(parse('{"q": "a"}')).toThrow(/^set\.jsonl:1: unexpected content \(doc: /);
    expect(parse('{"q": "  ", "doc": "b"}')).toThrow(/^set\.jsonl:1: unexpected content \(q: must not be blank\)/);
    expect(parse('{"q": "a", "agent": "marie"}', routingCaseSchema)).toThrow(/^set\.jsonl:1: unexpected content \(agent: /);
    expect(parse('["q", "doc"]')).toThrow(/^set\.jsonl:1: unexpected content/);
    expect(parse('\n\n')).toThrow(EvaluationFileError);
    expect(parse('\n\n')).toThrow(/^set\.jsonl: no case in the file/);
  });

  it('reads agent names whatever their case and surrounding spaces', () => {
    expect(parseJsonLines('{"q": "a", "agent": " Escalate"}', 'set.jsonl', routingCaseSchema)).toEqual([{ line: 1, q: 'a', agent: 'escalate' }]);
    expect(parseJsonLines('{"q": "a", "doc": "b", "agent": "CAROLE"}', 'set.jsonl', retrievalCaseSchema)).toEqual([{ line: 1, q: 'a', doc: 'b', agent: 'carole' }]);
  });

  it('reports a missing file by name', async () => {
    await expect(readRetrievalCases('/nonexistent/set.jsonl')).rejects.toThrow(/^\/nonexistent\/set\.jsonl: cannot be read \(ENOENT\)/);
  });
});

describe('metrics', () => {
  it('computes hit@k and MRR from the rank of the first source with the expected title', () => {
    expect(rankOfExpected(['A', 'B', 'Cafe\u0301 '], 'Café')).toBe(3);
    expect(rankOfExpected(['A'], 'B')).toBeNull();
    const scores = retrievalScores([1, 2, null, 4]);
    expect(scores).toEqual({ queries: 4, hitAt1: 0.25, hitAt3: 0.5, hitAt5: 0.75, mrr: (1 + 0.5 + 0 + 0.25) / 4 });
    expect(retrievalScores([])).toEqual({ queries: 0, hitAt1: 0, hitAt3: 0, hitAt5: 0, mrr: 0 });
  });

  it('computes accuracy, macro-F1, per-class recall and the confusion matrix', () => {
    const scores = routingScores(['audrey', 'carole', 'escalate'] as const, [
      { expected: 'audrey', predicted: 'audrey' },
      { expected: 'audrey', predicted: 'escalate' },
      { expected: 'carole', predicted: 'carole' },
      { expected: 'escalate', predicted: 'escalate' },
    ]);
    expect(scores.accuracy).toBe(0.75);
    expect(scores.perClass.audrey).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(scores.perClass.escalate).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(scores.macroF1).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3, 12);
    expect(scores.confusion.audrey).toEqual({ audrey: 1, carole: 0, escalate: 1 });
  });

  it('summarises latencies with nearest-rank percentiles', () => {
    const samples = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(summarizeLatencies(samples)).toEqual({ samples: 20, p50: 10, p95: 19, max: 20 });
    expect(summarizeLatencies([])).toEqual({ samples: 0, p50: 0, p95: 0, max: 0 });
  });

  it('ranks whole documents with BM25 for the reference line', () => {
    const index = new Bm25DocumentIndex([
      { title: 'Carrousels', body: 'diapositives couverture police' },
      { title: 'Factures', body: 'paiement facture email espace membre' },
    ]);
    expect(index.rank('Où trouver ma facture ?', 5)).toEqual(['Factures']);
  });
});

describe('runEvaluation', () => {
  let report: EvaluationReport;
  beforeAll(async () => {
    report = await runEvaluation({
      knowledgeBaseDir: path.join(fixtures, 'kb'),
      retrievalFile: path.join(fixtures, 'retrieval.jsonl'),
      routingFile: path.join(fixtures, 'routing.jsonl'),
      config: loadConfig({}),
      logger: createLogger({ level: 'silent' }),
      capabilities: createLocalCapabilities(),
    });
  });

  it('ingests the folder into a fresh database and scores retrieval through the worker’s stages', () => {
    expect(report.knowledgeBase).toMatchObject({ documents: 3, failed: [] });
    expect(report.knowledgeBase!.chunks).toBeGreaterThanOrEqual(3);
    const retrieval = report.retrieval!;
    expect(retrieval.queries.map((query) => query.line)).toEqual([1, 3, 4, 5]);
    expect(retrieval.queries.slice(0, 3).map((query) => query.rank)).toEqual([1, 1, 1]);
    expect(retrieval.queries[1]!.agent).toBe('carole');
    expect(retrieval.scores).toEqual({ queries: 4, hitAt1: 0.75, hitAt3: 0.75, hitAt5: 0.75, mrr: 0.75 });
    expect(retrieval.unknownDocuments).toEqual([{ line: 5, doc: "Fiche qui n'existe pas" }]);
    expect(report.settings).toMatchObject({ initialResults: 20, rerankTopN: 3, minSimilarity: 0.1 });
    expect(report.latencyMs.retrieve.samples).toBe(4);
    expect(report.latencyMs.rerank.samples).toBe(4);
  });

  it('scores routing with the worker’s router', () => {
    const routing = report.routing!;
    expect(routing.scores.cases).toBe(4);
    expect(routing.scores.accuracy).toBe(0.75);
    expect(routing.scores.confusion.audrey.escalate).toBe(1);
    expect(routing.errors).toEqual([
      { line: 4, q: 'Je veux un remboursement, je suis mécontente', expected: 'audrey', predicted: 'escalate' },
    ]);
    expect(report.latencyMs.route.samples).toBe(8);
  });

  it('prints the tables', () => {
    const text = formatEvaluationReport(report);
    expect(text).toMatch(/hybrid \+ rerank \(agent of the doc\)\s+0\.750\s+0\.750\s+0\.750\s+0\.750/);
    expect(text).toMatch(/line 5: no ingested document is titled "Fiche qui n'existe pas"/);
    expect(text).toMatch(/escalate\s+0\s+0\s+1/);
    expect(text).toMatch(/retrieve\s+\d+\.\d+\s+\d+\.\d+\s+4/);
  });

  it('refuses to run without a file, and retrieval without a knowledge base', async () => {
    const common = { config: loadConfig({}), logger: createLogger({ level: 'silent' }), capabilities: createLocalCapabilities() };
    await expect(runEvaluation(common)).rejects.toThrow(/nothing to evaluate/);
    await expect(runEvaluation({ ...common, retrievalFile: path.join(fixtures, 'retrieval.jsonl') })).rejects.toThrow(/--retrieval needs --kb/);
  });
});
