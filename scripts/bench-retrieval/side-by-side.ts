import type { RetrievalBenchmarkReport } from './run-retrieval-benchmark.ts';

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One column per engine: the figures that differ between PGlite and a real PostgreSQL server. */
export function formatSideBySide(reports: RetrievalBenchmarkReport[]): string {
  if (reports.length < 2) return '';
  const rows: Array<[string, (report: RetrievalBenchmarkReport) => string]> = [
    ['bulk load (no index)', (report) => ms(report.load.loadMs)],
    ['HNSW index build', (report) => ms(report.load.indexBuildMs)],
    ['hybrid search p50', (report) => ms(report.search.hybridLatencyMs.p50)],
    ['hybrid search p95', (report) => ms(report.search.hybridLatencyMs.p95)],
    ['filtered HNSW top-10 p50', (report) => ms(report.search.hnswLatencyMs.p50)],
    ['filtered exact scan p50', (report) => ms(report.search.exactScanLatencyMs.p50)],
    ['recall@10 (HNSW vs exact)', (report) => report.search.recallAt10.toFixed(3)],
    ['hybrid uses the HNSW index', (report) => (report.search.plan.usesVectorIndex ? 'yes' : 'NO')],
    ['targets', (report) => (report.targetsMet ? 'met' : 'MISSED')],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const columnWidth = Math.max(18, ...reports.map((report) => report.engine.length + 2));
  const line = (label: string, cells: string[]) => `  ${label.padEnd(labelWidth)}${cells.map((cell) => cell.padStart(columnWidth)).join('')}`;
  const first = reports[0]!;
  return [
    `Side by side: ${first.load.chunks} chunks, ${first.distribution} vectors, same seed and queries on each engine`,
    line('', reports.map((report) => report.engine)),
    ...rows.map(([label, cell]) => line(label, reports.map(cell))),
    '',
  ].join('\n');
}
