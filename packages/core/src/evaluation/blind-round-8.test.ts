import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { KeywordRouter } from '../local/keyword-router.ts';
import { createLogger } from '../logging/logger.ts';
import { runEvaluation, type EvaluationReport } from './run-evaluation.ts';

/**
 * Blind round 8 (blind-round-8/README.md): 107 visitor messages written by a new author before
 * reading the router or any earlier set, run as `pnpm eval` runs them (the agency's knowledge base
 * loaded, so a clarification consults it). First sight: accuracy 0.935, escalation precision 1.000,
 * recall 0.881 (7 misses), and 1 of 9 not-escalated messages handed over ("tu es un robot ?");
 * after the round's fixes, every case. A later change that loses one fails here.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const folder = path.join(here, 'blind-round-8');

describe('blind round 8: routing and escalation of messages written blind', () => {
  let report: EvaluationReport;
  beforeAll(async () => {
    report = await runEvaluation({
      knowledgeBaseDir: path.join(here, '../../../../knowledge-base'),
      routingFile: path.join(folder, 'routing.jsonl'),
      config: loadConfig({}),
      logger: createLogger({ level: 'silent' }),
      capabilities: createLocalCapabilities(),
    });
  }, 120_000);

  it('routes every case as expected', () => {
    const routing = report.routing!;
    expect(routing.scores.cases).toBe(107);
    expect(routing.errors).toEqual([]);
    expect(routing.scores.accuracy).toBe(1);
  });

  it('hands over every message that needs a person, and nothing else', () => {
    expect(report.routing!.escalation.precision).toBe(1);
    expect(report.routing!.escalation.recall).toBe(1);
  });

  it('does not hand over greetings, thanks, jokes, small talk, a question whether the chat is a bot or a session to move', () => {
    const router = new KeywordRouter();
    const messages = readFileSync(path.join(folder, 'not-escalated.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { q: string }).q);
    expect(messages.length).toBe(9);
    expect(messages.filter((message) => router.decide({ message, history: [] }).kind === 'escalate')).toEqual([]);
  });
});
