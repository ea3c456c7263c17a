import type { EvaluationReport } from './run-evaluation.ts';
import type { RetrievalScores } from './retrieval-metrics.ts';
import { routeTargets } from './evaluation-files.ts';

/** The evaluation report as text tables (the CLI's default output; --json prints the report itself). */

const fixed = (value: number) => value.toFixed(3);
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function scoresRow(label: string, scores: RetrievalScores): string {
  return `  ${pad(label, 34)}${[scores.hitAt1, scores.hitAt3, scores.hitAt5, scores.mrr].map((value) => padLeft(fixed(value), 8)).join('')}`;
}

export function formatEvaluationReport(report: EvaluationReport): string {
  const lines: string[] = [];
  lines.push(`Evaluation: embedder ${report.mode.embedder}, reranker ${report.mode.reranker}, router ${report.mode.router}`);
  if (report.knowledgeBase) {
    const kb = report.knowledgeBase;
    lines.push(`Knowledge base ${kb.dir}: ${kb.documents} documents, ${kb.chunks} chunks, ingested in ${kb.ingestMs} ms`);
    for (const failure of kb.failed) lines.push(`  not ingested: ${failure.error}`);
  }
  if (report.retrieval) {
    const retrieval = report.retrieval;
    const { settings } = report;
    lines.push('');
    lines.push(
      `Retrieval: ${retrieval.file} (${retrieval.scores.queries} queries; ${settings.initialResults} candidates, ` +
        `top ${settings.rerankTopN} to the agent, vector similarity >= ${settings.minSimilarity ?? 'n/a'})`,
    );
    lines.push(`  ${pad('', 34)}${['hit@1', 'hit@3', 'hit@5', 'MRR'].map((name) => padLeft(name, 8)).join('')}`);
    lines.push(scoresRow('hybrid + rerank (agent of the doc)', retrieval.scores));
    lines.push(scoresRow('hybrid candidates, before rerank', retrieval.candidateScores));
    lines.push(scoresRow('end to end (router\'s agent)', retrieval.endToEndScores));
    lines.push(scoresRow('reference: BM25 whole documents', retrieval.baselineScores));
    lines.push(`  expected document among the ${settings.initialResults} candidates: ${fixed(retrieval.candidateScores.recallAtInitialResults)}`);
    for (const unknown of retrieval.unknownDocuments) lines.push(`  line ${unknown.line}: no ingested document is titled "${unknown.doc}"`);
    const misses = retrieval.queries.filter((query) => query.rank === null || query.rank > 1);
    if (misses.length > 0) lines.push('  not first:');
    for (const miss of misses) {
      lines.push(
        `    line ${miss.line} [${miss.agent}] rank ${miss.rank ?? '-'} (candidates ${miss.candidateRank ?? '-'}): "${miss.q}" -> expected "${miss.doc}", got ${miss.sources
          .slice(0, 3)
          .map((title) => `"${title}"`)
          .join(', ')}`,
      );
    }
  }
  if (report.routing) {
    const { scores, errors, file } = report.routing;
    lines.push('');
    lines.push(`Routing: ${file} (${scores.cases} cases)`);
    lines.push(`  accuracy ${fixed(scores.accuracy)}   macro-F1 ${fixed(scores.macroF1)}`);
    const { escalation } = report.routing;
    lines.push(`  escalation: precision ${fixed(escalation.precision)}   recall ${fixed(escalation.recall)}   rate ${fixed(escalation.rate)} of messages`);
    lines.push(`  ${pad('class', 10)}${['precision', 'recall', 'F1', 'support'].map((name) => padLeft(name, 10)).join('')}`);
    for (const label of routeTargets) {
      const entry = scores.perClass[label];
      lines.push(`  ${pad(label, 10)}${[fixed(entry.precision), fixed(entry.recall), fixed(entry.f1), String(entry.support)].map((value) => padLeft(value, 10)).join('')}`);
    }
    lines.push(`  confusion (rows expected, columns predicted)`);
    lines.push(`  ${pad('', 10)}${routeTargets.map((label) => padLeft(label, 10)).join('')}`);
    for (const expected of routeTargets) {
      lines.push(`  ${pad(expected, 10)}${routeTargets.map((predicted) => padLeft(String(scores.confusion[expected][predicted]), 10)).join('')}`);
    }
    for (const error of errors) lines.push(`  line ${error.line}: "${error.q}" expected ${error.expected}, routed to ${error.predicted}`);
  }
  lines.push('');
  lines.push(`Latency per stage (ms)${padLeft('p50', 8)}${padLeft('p95', 8)}${padLeft('n', 6)}`);
  for (const [stage, summary] of Object.entries(report.latencyMs)) {
    if (summary.samples === 0) continue;
    lines.push(`  ${pad(stage, 20)}${padLeft(summary.p50.toFixed(2), 8)}${padLeft(summary.p95.toFixed(2), 8)}${padLeft(String(summary.samples), 6)}`);
  }
  return `${lines.join('\n')}\n`;
}
