import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { runEvaluation } from './run-evaluation.ts';

/**
 * The evaluation routes as the worker decides: with a knowledge base, a clarification consults it
 * first (clarify-unless-knowledge-answers.ts), so a question the router does not know but a
 * document answers is scored with that document's agent.
 */

const extraDocumentsDir = fileURLToPath(new URL('../pipeline/fixtures', import.meta.url));
let workDir: string;
let routingFile: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'routing-evaluation-'));
  routingFile = path.join(workDir, 'routing.jsonl');
  const cases = [
    { q: 'Quel hébergeur pour mon podcast ?', agent: 'carole' },
    { q: 'Bonjour, ça va ?', agent: 'audrey' },
  ];
  await writeFile(routingFile, cases.map((testCase) => JSON.stringify(testCase)).join('\n'));
});
afterAll(async () => rm(workDir, { recursive: true, force: true }));

const evaluate = (knowledgeBaseDir: string | undefined) =>
  runEvaluation({
    knowledgeBaseDir,
    routingFile,
    config: loadConfig({}),
    logger: createLogger({ level: 'silent' }),
    capabilities: createLocalCapabilities(),
  });

describe('routing figures of the evaluation', () => {
  it('with --kb, go through the knowledge check the worker makes before a clarifying question', async () => {
    const report = await evaluate(extraDocumentsDir);
    expect(report.knowledgeBase).toMatchObject({ documents: 3, failed: [] });
    expect(report.routing).toMatchObject({ scores: { cases: 2, accuracy: 1 }, errors: [] });
  });

  it('without a knowledge base, are the router’s alone', async () => {
    const report = await evaluate(undefined);
    expect(report.knowledgeBase).toBeNull();
    expect(report.routing?.errors).toEqual([{ line: 1, q: 'Quel hébergeur pour mon podcast ?', expected: 'carole', predicted: 'audrey' }]);
  });
});
