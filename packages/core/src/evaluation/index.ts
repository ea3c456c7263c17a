/** `@lac/core/evaluation`: retrieval and routing evaluation of a knowledge base (`pnpm eval`). */
export * from './evaluation-errors.ts';
export * from './format-evaluation-report.ts';
export * from './latency-summary.ts';
export * from './run-evaluation.ts';
