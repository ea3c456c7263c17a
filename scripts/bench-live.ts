/**
 * `pnpm bench:live`: the live path end to end against the vendor stand-ins, with the latencies of
 * issue 4 (router 400 ms, embedding 150 ms, rerank 200 ms, agent first token 800 ms then 1.5 s of
 * text). Runs the real API and worker processes (services/*) on an embedded database, sends
 * messages one at a time like the widget, and reports:
 *
 * - end-to-end p50 (submit → completed) against the sum of the stage latencies: independent
 *   stages overlap (the query embedding does not wait for the router), so it must be below it;
 * - how long the first partial text takes to reach a long-polling client
 *   (`?wait=30&partial_after=0`) after the stand-in wrote it (target < 100 ms).
 *
 * Options: --messages N (default 10). Writes bench-results/bench-live.json.
 */
import { findFreePort } from '@lac/core/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createLogger,
  loadConfig,
  createPgPool,
  startEmbeddedDatabase,
  runMigrations,
  createPgStores,
  createCapabilities,
} from '@lac/core';
import { ingestPaths } from '@lac/core/knowledge';
import { liveProviderEnvFor, startCohereRerankStandin, startOpenAICompatibleStandin } from '../packages/standins/src/index.ts';
import { percentile, round } from './bench/statistics.ts';
import { BENCH_QUESTIONS as QUESTIONS } from './bench/questions.ts';

const STAGE_LATENCIES_MS = { router: 400, embedding: 150, rerank: 200, firstToken: 800, streamText: 1500 };
const SUM_OF_STAGES_MS = Object.values(STAGE_LATENCIES_MS).reduce((sum, value) => sum + value, 0);
/** The critical path when the router and the query embedding run side by side. */
const CRITICAL_PATH_MS =
  Math.max(STAGE_LATENCIES_MS.router, STAGE_LATENCIES_MS.embedding) + STAGE_LATENCIES_MS.rerank + STAGE_LATENCIES_MS.firstToken + STAGE_LATENCIES_MS.streamText;

const { values: options } = parseArgs({ options: { messages: { type: 'string', default: '10' } } });
const messageCount = Number(options.messages);
const logger = createLogger({ level: 'warn', name: 'bench-live' });
const repositoryRoot = process.cwd();



function startService(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repositoryRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const openai = await startOpenAICompatibleStandin({
    defaults: {
      routerLatencyMs: STAGE_LATENCIES_MS.router,
      embeddingLatencyMs: STAGE_LATENCIES_MS.embedding,
      firstTokenLatencyMs: STAGE_LATENCIES_MS.firstToken,
      streamDurationMs: STAGE_LATENCIES_MS.streamText,
    },
  });
  const cohere = await startCohereRerankStandin({ defaults: { rerankLatencyMs: STAGE_LATENCIES_MS.rerank } });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-bench-live-'));
  const database = await startEmbeddedDatabase({ dataDir, port: 0, logger });
  const port = await findFreePort();
  const liveEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database.connectionString,
    QUEUE_PREFIX: `bench-live-${Date.now().toString(36)}`,
    ...liveProviderEnvFor(openai, cohere),
    // Every message goes through the LLM router, so the router's 400 ms is on the path to measure.
    ROUTER_MODE: 'always_llm',
    DAILY_BUDGET_USD: '100',
    // The stand-in's pseudo-embeddings are not calibrated like OpenAI's: let every candidate through
    // so retrieval always hands the reranker and the agent something (this measures latency, not relevance).
    RAG_SIMILARITY_THRESHOLD: '0',
    // One benchmark client sends every message: the per-client windows would measure themselves.
    RATE_LIMIT_CLIENT_MESSAGES: '0',
    RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0',
    MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0',
    MAX_CONNECTIONS_PER_ADDRESS: '0',
    RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
  };
  const children: ChildProcess[] = [];
  try {
    const config = loadConfig(liveEnv);
    const pool = createPgPool(database.connectionString, { max: 2 });
    await runMigrations(pool, logger);
    const capabilities = await createCapabilities({ config, logger });
    const ingested = await ingestPaths([path.join(repositoryRoot, 'knowledge-base')], {
      store: createPgStores(pool).knowledge,
      embedder: capabilities.embedder,
      logger,
    });
    await pool.end();
    process.stdout.write(`bench:live: ${ingested.filter((result) => result.status !== 'failed').length} documents embedded through the OpenAI stand-in\n`);

    children.push(startService('services/worker/src/start.ts', liveEnv), startService('services/api/src/start.ts', liveEnv));
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      const healthy = await fetch(`${baseUrl}/health`).then((response) => response.ok, () => false);
      if (healthy) break;
      if (attempt > 150) throw new Error('API did not become healthy');
      await sleep(200);
    }
    await sleep(500); // the worker connects in parallel

    const endToEnd: number[] = [];
    const firstPartialDelays: number[] = [];
    const stageTimings: Array<Record<string, number>> = [];
    for (let index = 0; index < messageCount; index++) {
      const startedAt = Date.now();
      const submitted = await fetch(`${baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 'bench', conversation_id: `bench-live-${index}`, message: QUESTIONS[index % QUESTIONS.length] }),
      });
      const { job_id: jobId } = (await submitted.json()) as { job_id: string };
      const first = (await (await fetch(`${baseUrl}/api/v2/chat/jobs/${jobId}?wait=30&partial_after=0`)).json()) as { status: string; partial_reply?: string };
      const firstReceivedAt = Date.now();
      let view = first as { status: string; result?: { timings_ms: Record<string, number>; agent: string } };
      while (view.status !== 'completed' && view.status !== 'failed') {
        view = (await (await fetch(`${baseUrl}/api/v2/chat/jobs/${jobId}?wait=30`)).json()) as typeof view;
      }
      endToEnd.push(Date.now() - startedAt);
      if (view.status !== 'completed') throw new Error(`job ${jobId} failed`);
      stageTimings.push(view.result!.timings_ms);
      if ((view.result as { sources?: unknown[] }).sources?.length === 0) throw new Error(`job ${jobId} answered without sources: retrieval found nothing`);
      const sent = openai.firstContentSentAt.filter((entry) => entry.sentAt >= startedAt).at(0);
      if (first.status !== 'completed' && sent) firstPartialDelays.push(firstReceivedAt - sent.sentAt);
    }

    const p50 = percentile(endToEnd, 50);
    const report = {
      at: new Date().toISOString(),
      stand_in_latencies_ms: STAGE_LATENCIES_MS,
      sum_of_stage_latencies_ms: SUM_OF_STAGES_MS,
      critical_path_with_overlap_ms: CRITICAL_PATH_MS,
      end_to_end_ms: { p50: round(p50), p95: round(percentile(endToEnd, 95)), samples: endToEnd.length },
      end_to_end_p50_over_sum_of_stages: round(p50 / SUM_OF_STAGES_MS),
      stage_timings_p50_ms: Object.fromEntries(
        ['route', 'retrieve', 'rerank', 'generate', 'total'].map((stage) => [stage, round(percentile(stageTimings.map((timings) => timings[stage] ?? 0), 50))]),
      ),
      first_partial_to_long_poll_client_ms: {
        p50: round(percentile(firstPartialDelays, 50)),
        max: round(Math.max(...firstPartialDelays)),
        samples: firstPartialDelays.length,
      },
      targets: {
        stages_overlap: p50 < SUM_OF_STAGES_MS,
        first_partial_within_100ms: firstPartialDelays.length > 0 && Math.max(...firstPartialDelays) < 100,
      },
    };
    const rows: Array<[string, string]> = [
      ['sum of stand-in stage latencies', `${SUM_OF_STAGES_MS} ms`],
      ['critical path if router ∥ embedding', `${CRITICAL_PATH_MS} ms`],
      ['end-to-end p50 / p95', `${report.end_to_end_ms.p50} / ${report.end_to_end_ms.p95} ms (${report.end_to_end_p50_over_sum_of_stages}× the sum) ${report.targets.stages_overlap ? 'ok' : 'MISSED'}`],
      ['stage timings p50 (route, retrieve, rerank, generate)', `${report.stage_timings_p50_ms.route}, ${report.stage_timings_p50_ms.retrieve}, ${report.stage_timings_p50_ms.rerank}, ${report.stage_timings_p50_ms.generate} ms`],
      ['first partial → long-poll client p50 / max', `${report.first_partial_to_long_poll_client_ms.p50} / ${report.first_partial_to_long_poll_client_ms.max} ms (< 100) ${report.targets.first_partial_within_100ms ? 'ok' : 'MISSED'}`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(path.join('bench-results', 'bench-live.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write('wrote bench-results/bench-live.json\n');
  } finally {
    await Promise.all(children.map(stopService));
    await database.stop();
    await Promise.all([openai.close(), cohere.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:live failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
