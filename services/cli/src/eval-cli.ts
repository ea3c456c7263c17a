/**
 * `pnpm eval --kb DIR --retrieval FILE.jsonl --routing FILE.jsonl [--json]`
 *
 * Ingests DIR into a fresh temporary embedded database and scores the worker's retrieval and
 * routing on the JSONL files (either may be omitted). Providers follow the environment like the
 * worker (live when a key is set, local otherwise). Text tables on stdout, or the whole report
 * as JSON with --json; logs (LOG_LEVEL, default warn) on stderr.
 * Exit codes: 0 done, 2 bad usage or bad input file (the message names the file and line), 1 other failure.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { AppError, ConfigError, loadConfig, createLogger, createCapabilities, loadDotEnvFileIfPresent } from '@lac/core';
import { EvaluationFileError, EvaluationUsageError, formatEvaluationReport, runEvaluation } from '@lac/core/evaluation';

const usage = `usage: pnpm eval --kb DIR --retrieval FILE.jsonl --routing FILE.jsonl [--json]
  --kb DIR             knowledge base folder (Markdown, text, HTML, PDF), needed with --retrieval
  --retrieval FILE     JSONL lines {"q": question, "doc": expected document title}
  --routing FILE       JSONL lines {"q": message, "agent": "audrey" | "carole" | "escalate"}
  --json               print the full report as JSON
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kb: { type: 'string' },
        retrieval: { type: 'string' },
        routing: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  loadDotEnvFileIfPresent();
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'eval', destination: pino.destination(2) });
  const capabilities = await createCapabilities({ config, logger });
  const showProgress = process.stderr.isTTY && !values.json;
  const report = await runEvaluation({
    knowledgeBaseDir: values.kb,
    retrievalFile: values.retrieval,
    routingFile: values.routing,
    config,
    logger,
    capabilities,
    onProgress: showProgress
      ? (stage, done, total) => {
          process.stderr.write(`\r${stage} ${done}/${total}${done === total ? '\n' : ''}`);
        }
      : undefined,
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvaluationReport(report));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof EvaluationFileError || error instanceof EvaluationUsageError || error instanceof ConfigError) {
      process.stderr.write(`eval: ${error.message}\n`);
      if (error instanceof EvaluationUsageError) process.stderr.write(usage);
      process.exit(2);
    }
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`eval failed: ${message}\n`);
    process.exit(1);
  },
);
