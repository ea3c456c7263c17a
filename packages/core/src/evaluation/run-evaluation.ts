import { readFile } from 'node:fs/promises';
import type { Embedder, Reranker, Router } from '../capabilities/capabilities.ts';
import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import type { AppConfig } from '../config/config.ts';
import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { readerForFile } from '../knowledge/document-readers.ts';
import { expandIngestPaths, ingestPaths, type IngestFileResult } from '../knowledge/ingest-service.ts';
import type { Logger } from '../logging/logger.ts';
import { HybridRetriever, type HybridRetrieverOptions } from '../retrieval/hybrid-retriever.ts';
import { retrieveForAgent, type RetrievalStageDeps } from '../retrieval/retrieve-for-agent.ts';
import { minimumSimilarityFor, retrievalSettingsOf } from '../retrieval/retrieval-settings.ts';
import { clarifyUnlessKnowledgeAnswers, type KnowledgeCheckDeps } from '../pipeline/clarify-unless-knowledge-answers.ts';
import { createPgStores } from '../store/create-stores.ts';
import { Bm25DocumentIndex, type BaselineDocument } from './bm25-document-baseline.ts';
import { EvaluationUsageError } from './evaluation-errors.ts';
import {
  readRetrievalCases,
  readRoutingCases,
  type EvaluationRouteTarget,
  type RetrievalCase,
} from './evaluation-files.ts';
import { summarizeLatencies, type LatencySummary } from './latency-summary.ts';
import { rankOfExpected, retrievalScores, sameTitle, type RetrievalScores } from './retrieval-metrics.ts';
import type { RoutingScores } from './routing-metrics.ts';
import { evaluateRouting } from './routing-evaluation.ts';

/**
 * `pnpm eval`: ingests a knowledge-base folder into a fresh temporary embedded database
 * (migrated), then runs every query through the worker's own code: the router (a clarification
 * consults the knowledge base first, clarify-unless-knowledge-answers.ts, whenever --kb is given:
 * routing figures without --kb are the router's alone), then the retrieval stage (embed → hybrid retrieve → rerank, retrieve-for-agent.ts) with the worker's
 * settings (RAG_*), and scores it.
 *
 * Which agent's knowledge a retrieval query searches: the line's `agent` when given, else the
 * owner of the expected document, else (a shared document) the router's agent (audrey when the
 * router escalates). That isolates retrieval from routing mistakes; the end-to-end line scores
 * the worker's path exactly (the router's agent; an escalation retrieves nothing = a miss).
 * The reranker keeps max(5, RAG_RERANK_TOP_N) chunks so that hit@5 is defined; its first
 * RAG_RERANK_TOP_N are what the agent sees (rerankers sort: a shorter top is a prefix).
 */

export interface EvaluationOptions {
  knowledgeBaseDir?: string;
  retrievalFile?: string;
  routingFile?: string;
  config: AppConfig;
  logger: Logger;
  /** The worker's capabilities (createCapabilities); the router, embedder and reranker are used. */
  capabilities: { embedder: Embedder; reranker: Reranker; router: Router };
  retrieverOptions?: HybridRetrieverOptions;
  onProgress?(stage: 'ingest' | 'retrieval' | 'routing', done: number, total: number): void;
}

export interface RetrievalQueryResult {
  line: number;
  q: string;
  doc: string;
  agent: AgentName;
  routedAgent: RouteTarget;
  /** Rank of the expected document among the sources after reranking (null = missed). */
  rank: number | null;
  /** Rank among the retrieval candidates, before reranking. */
  candidateRank: number | null;
  endToEndRank: number | null;
  baselineRank: number | null;
  sources: string[];
}

export interface RetrievalReport {
  file: string;
  /** After reranking (what the agent sees, extended to 5 for hit@5). */
  scores: RetrievalScores;
  /** Before reranking: the hybrid retriever's own order. */
  candidateScores: RetrievalScores & { recallAtInitialResults: number };
  /** The worker's path: the router's agent, escalations retrieve nothing. */
  endToEndScores: RetrievalScores;
  /** Plain BM25 over whole documents (the reference). */
  baselineScores: RetrievalScores;
  /** Expected titles that no ingested document has (always misses). */
  unknownDocuments: Array<{ line: number; doc: string }>;
  queries: RetrievalQueryResult[];
}

export interface RoutingReport {
  file: string;
  scores: RoutingScores<EvaluationRouteTarget>;
  /** Hand-overs to a person: precision and recall of `escalate`, and the share of messages escalated. */
  escalation: { precision: number; recall: number; rate: number };
  errors: Array<{ line: number; q: string; expected: EvaluationRouteTarget; predicted: RouteTarget }>;
}

export interface EvaluationReport {
  mode: { embedder: string; reranker: string; router: string };
  settings: { initialResults: number; rerankTopN: number; minSimilarity: number | null; hybrid: HybridRetrieverOptions };
  knowledgeBase: { dir: string; documents: number; chunks: number; failed: Array<{ file: string; error: string }>; ingestMs: number } | null;
  retrieval: RetrievalReport | null;
  routing: RoutingReport | null;
  latencyMs: Record<'route' | 'embed' | 'retrieve' | 'rerank', LatencySummary>;
}

const RANKED_SOURCES = 5;

async function readBaselineDocuments(dir: string): Promise<BaselineDocument[]> {
  const documents: BaselineDocument[] = [];
  for (const { file, missing } of await expandIngestPaths([dir])) {
    const reader = missing === undefined ? readerForFile(file) : null;
    if (reader === null) continue;
    try {
      const read = await reader.read(await readFile(file), file);
      documents.push({ title: read.title, body: read.body });
    } catch {
      // Files the ingestion rejects are reported by it; the baseline skips them too.
    }
  }
  return documents;
}

export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationReport> {
  const { config, logger, capabilities } = options;
  if (!options.retrievalFile && !options.routingFile) {
    throw new EvaluationUsageError('nothing to evaluate: give --retrieval FILE.jsonl and/or --routing FILE.jsonl');
  }
  if (options.retrievalFile && !options.knowledgeBaseDir) {
    throw new EvaluationUsageError('--retrieval needs --kb DIR (the knowledge base the queries are about)');
  }
  // Read every input before starting anything: a bad line fails fast, naming the file and line.
  const retrievalCases = options.retrievalFile ? await readRetrievalCases(options.retrievalFile) : null;
  const routingCases = options.routingFile ? await readRoutingCases(options.routingFile) : null;

  const latencies = { route: [] as number[], embed: [] as number[], retrieve: [] as number[], rerank: [] as number[] };
  // While the knowledge base is loaded, a clarification consults it first, as in the worker's pipeline.
  let knowledgeCheck: KnowledgeCheckDeps | null = null;
  const route = async (message: string): Promise<RouteTarget> => {
    const started = performance.now();
    const routed = await capabilities.router.route({ message, history: [] });
    const decision = knowledgeCheck ? await clarifyUnlessKnowledgeAnswers(knowledgeCheck, { decision: routed, message }, logger) : routed;
    latencies.route.push(performance.now() - started);
    return decision.agent;
  };

  const settings = retrievalSettingsOf(config);
  const report: EvaluationReport = {
    mode: { embedder: capabilities.embedder.model, reranker: capabilities.reranker.model, router: routerName(capabilities.router) },
    settings: { initialResults: settings.initialResults, rerankTopN: settings.rerankTopN, minSimilarity: null, hybrid: options.retrieverOptions ?? {} },
    knowledgeBase: null,
    retrieval: null,
    routing: null,
    latencyMs: { route: summarizeLatencies([]), embed: summarizeLatencies([]), retrieve: summarizeLatencies([]), rerank: summarizeLatencies([]) },
  };

  if (options.knowledgeBaseDir && (retrievalCases || routingCases)) {
    const database = await startTemporaryDatabase({ logger });
    try {
      const { knowledge } = createPgStores(database.pool);
      const ingestStarted = performance.now();
      const ingested: IngestFileResult[] = await ingestPaths([options.knowledgeBaseDir], {
        store: knowledge,
        embedder: capabilities.embedder,
        logger,
        baseDir: options.knowledgeBaseDir,
        onProgress: (_result, done, total) => options.onProgress?.('ingest', done, total),
      });
      await knowledge.refreshStatistics();
      const ingestMs = performance.now() - ingestStarted;
      const documents = await database.pool.query<{ title: string; agent_owner: 'audrey' | 'carole' | 'shared'; chunks: number }>(
        `SELECT coalesce(document.title, document.filename) AS title, coalesce(document.agent_owner, 'shared') AS agent_owner,
                (SELECT count(*)::int FROM document_chunks chunk WHERE chunk.document_id = document.id AND chunk.generation = document.chunk_generation) AS chunks
         FROM documents document`,
      );
      report.knowledgeBase = {
        dir: options.knowledgeBaseDir,
        documents: documents.rows.length,
        chunks: documents.rows.reduce((sum, row) => sum + row.chunks, 0),
        failed: ingested.filter((result) => result.status === 'failed').map((result) => ({ file: result.file, error: result.error ?? 'failed' })),
        ingestMs: Math.round(ingestMs),
      };
      if (documents.rows.length === 0) {
        throw new EvaluationUsageError(`--kb ${options.knowledgeBaseDir}: no document could be ingested`);
      }

      const retriever = new HybridRetriever(database.pool, { ...options.retrieverOptions, logger });
      knowledgeCheck = { embedder: capabilities.embedder, retriever, settings };
      if (retrievalCases && options.retrievalFile) {
        const deps: RetrievalStageDeps = {
          embedder: capabilities.embedder,
          retriever,
          reranker: capabilities.reranker,
          settings: { ...settings, rerankTopN: Math.max(RANKED_SOURCES, settings.rerankTopN) },
          onRerankFailure: (error) => logger.warn({ err: error }, 'rerank failed: retrieval order kept'),
        };
        const ownerOf = (title: string) => documents.rows.find((row) => sameTitle(row.title, title))?.agent_owner ?? null;
        const baseline = new Bm25DocumentIndex(await readBaselineDocuments(options.knowledgeBaseDir));
        // Warm-up (connection, session settings, caches): not measured.
        await retrieveForAgent(deps, { agent: 'audrey', message: 'bonjour' });

        const queries: RetrievalQueryResult[] = [];
        for (const testCase of retrievalCases) {
          queries.push(await evaluateRetrievalCase(testCase, { deps, route, ownerOf, baseline, latencies }));
          options.onProgress?.('retrieval', queries.length, retrievalCases.length);
        }
        const candidateRanks = queries.map((query) => query.candidateRank);
        report.retrieval = {
          file: options.retrievalFile,
          scores: retrievalScores(queries.map((query) => query.rank)),
          candidateScores: {
            ...retrievalScores(candidateRanks),
            recallAtInitialResults: candidateRanks.filter((rank) => rank !== null).length / (candidateRanks.length || 1),
          },
          endToEndScores: retrievalScores(queries.map((query) => query.endToEndRank)),
          baselineScores: retrievalScores(queries.map((query) => query.baselineRank)),
          unknownDocuments: retrievalCases.filter((testCase) => ownerOf(testCase.doc) === null).map(({ line, doc }) => ({ line, doc })),
          queries,
        };
        report.settings.minSimilarity = minimumSimilarityFor(capabilities.embedder.model, settings);
      }
      if (routingCases && options.routingFile) report.routing = await evaluateRouting(routingCases, options.routingFile, route, options.onProgress);
    } finally {
      knowledgeCheck = null;
      await database.stop();
    }
  }

  if (routingCases && options.routingFile && report.routing === null) {
    report.routing = await evaluateRouting(routingCases, options.routingFile, route, options.onProgress);
  }

  report.latencyMs = {
    route: summarizeLatencies(latencies.route),
    embed: summarizeLatencies(latencies.embed),
    retrieve: summarizeLatencies(latencies.retrieve),
    rerank: summarizeLatencies(latencies.rerank),
  };
  return report;
}

async function evaluateRetrievalCase(
  testCase: RetrievalCase,
  context: {
    deps: RetrievalStageDeps;
    route(message: string): Promise<RouteTarget>;
    ownerOf(title: string): 'audrey' | 'carole' | 'shared' | null;
    baseline: Bm25DocumentIndex;
    latencies: Record<'embed' | 'retrieve' | 'rerank', number[]>;
  },
): Promise<RetrievalQueryResult> {
  const routedAgent = await context.route(testCase.q);
  const owner = context.ownerOf(testCase.doc);
  const routedAsAgent: AgentName | null = routedAgent === 'escalate' ? null : routedAgent;
  const agent: AgentName = testCase.agent ?? (owner === 'audrey' || owner === 'carole' ? owner : (routedAsAgent ?? 'audrey'));

  const stage = await retrieveForAgent(context.deps, { agent, message: testCase.q });
  context.latencies.embed.push(stage.timings.embed);
  context.latencies.retrieve.push(stage.timings.retrieve);
  context.latencies.rerank.push(stage.timings.rerank);
  const sources = stage.sources.map((chunk) => chunk.title);
  const rank = rankOfExpected(sources, testCase.doc);

  let endToEndRank: number | null = null;
  if (routedAsAgent === agent) endToEndRank = rank;
  else if (routedAsAgent !== null) {
    const routed = await retrieveForAgent(context.deps, { agent: routedAsAgent, message: testCase.q });
    endToEndRank = rankOfExpected(routed.sources.map((chunk) => chunk.title), testCase.doc);
  }
  return {
    line: testCase.line,
    q: testCase.q,
    doc: testCase.doc,
    agent,
    routedAgent,
    rank,
    candidateRank: rankOfExpected(stage.candidates.map((chunk) => chunk.title), testCase.doc),
    endToEndRank,
    baselineRank: rankOfExpected(context.baseline.rank(testCase.q, RANKED_SOURCES), testCase.doc),
    sources,
  };
}

function routerName(router: Router): string {
  const named = router as Router & { model?: unknown };
  return typeof named.model === 'string' ? named.model : router.constructor.name;
}
