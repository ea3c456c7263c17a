import path from 'node:path';
import { loadConfig } from '../config/config.ts';
import { runEvaluation, type EvaluationReport } from '../evaluation/run-evaluation.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';

/**
 * `pnpm eval` in local mode on a probe folder of the evaluation sets (`kb/` and its question
 * files), as the tests of the knowledge bases the product was not tuned on run it.
 */
export function evaluateProbeKnowledgeBase(folder: string, retrievalFile: string, routingFile?: string): Promise<EvaluationReport> {
  return runEvaluation({
    knowledgeBaseDir: path.join(folder, 'kb'),
    retrievalFile: path.join(folder, retrievalFile),
    ...(routingFile ? { routingFile: path.join(folder, routingFile) } : {}),
    config: loadConfig({}),
    logger: createLogger({ level: 'silent' }),
    capabilities: createLocalCapabilities(),
  });
}
