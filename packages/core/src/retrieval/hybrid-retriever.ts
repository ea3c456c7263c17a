import type pg from 'pg';
import { toRetrievedChunk, type ChunkRow } from '../store/pg/pg-knowledge-store.ts';
import type {
  KnowledgeRetriever,
  KnowledgeSearchQuery,
  RetrievedChunk,
} from '../capabilities/capabilities.ts';
import { toVectorLiteral } from '../database/vector-literal.ts';
import { ValidationError } from '../errors/app-error.ts';
import { contentWords } from '../french-text/french-text.ts';
import type { Logger } from '../logging/logger.ts';
import { hybridSearchSql } from './hybrid-search-sql.ts';

/**
 * Hybrid retrieval for one agent (chunks of documents it owns or that are shared):
 * pgvector cosine candidates (HNSW, iterative scan for the agent filter) and French
 * full-text candidates (`french_unaccent`), fused by reciprocal rank fusion in one SQL
 * statement (hybrid-search-sql.ts). Returns the best `limit` chunks with their fused score
 * (0..1, see the SQL), ready for the reranker.
 *
 * `minSimilarity` keeps today's meaning (RAG_SIMILARITY_THRESHOLD) but only for the vector
 * side: a chunk below it is not a vector candidate, though it may still come in through
 * the full text. The threshold is model dependent (the pipeline picks it per embedding
 * model: 0.7 for OpenAI's text-embedding-3-small as today, `localSimilarityFloor` for the
 * local hashing embedder, whose cosines are several times smaller).
 *
 * Every connection used is configured once (one round trip): `hnsw.ef_search`,
 * `random_page_cost` (see below), and `hnsw.iterative_scan = relaxed_order` where pgvector ≥ 0.8
 * supports it (older servers: without it, the filter may return fewer candidates). These are
 * session settings: they stay on the pooled connection, for other queries too.
 */

export interface HybridRetrieverOptions {
  /** RRF constant: 60 is the value of the original paper and of most engines. */
  rrfK?: number;
  /** Candidates fetched per side = max(limit × candidateMultiplier, minCandidatesPerSide). */
  candidateMultiplier?: number;
  minCandidatesPerSide?: number;
  /** Most candidates per side, whatever the limit. */
  maxCandidatesPerSide?: number;
  vectorWeight?: number;
  textWeight?: number;
  /**
   * hnsw.ef_search set on each connection (1..1000). The iterative scan goes on past it when
   * the agent filter or the candidate count needs more.
   */
  efSearch?: number;
  /**
   * random_page_cost set on each connection. With Postgres' default (4, spinning disks) the
   * planner prices the HNSW scan above a sequential scan + sort of every chunk and never uses the
   * index (measured on PGlite at 10,000 chunks: 50 ms exact vs 5 ms HNSW); 1.1 is the usual value
   * for SSDs and in-memory databases (Supabase's default too).
   */
  randomPageCost?: number;
  logger?: Logger;
}

/** A fused chunk with the evidence of each side (null when that side did not find it). */
export interface HybridChunk extends RetrievedChunk {
  similarity: number | null;
  vectorRank: number | null;
  textScore: number | null;
  textRank: number | null;
}

interface HybridRow extends ChunkRow {
  similarity: number | null;
  vector_rank: string | number | null;
  text_score: number | null;
  text_rank: string | number | null;
}

export const HYBRID_RETRIEVER_DEFAULTS = {
  rrfK: 60,
  candidateMultiplier: 2,
  minCandidatesPerSide: 40,
  maxCandidatesPerSide: 200,
  vectorWeight: 1,
  textWeight: 1,
  efSearch: 100,
  randomPageCost: 1.1,
} as const;

/** Query words for the full-text side: folded, elisions dropped, French stop words removed, deduplicated. */
export function fullTextQueryWords(text: string): string[] {
  return [...new Set(contentWords(text))].slice(0, 64);
}

const nullableNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));

export class HybridRetriever implements KnowledgeRetriever {
  private readonly settings: Required<Omit<HybridRetrieverOptions, 'logger'>>;
  private readonly logger: Logger | undefined;
  private readonly configuredClients = new WeakSet<pg.PoolClient>();
  /** Whether the server accepts hnsw.iterative_scan (unknown until the first connection is configured). */
  private iterativeScanSupported: boolean | undefined;

  constructor(
    private readonly pool: pg.Pool,
    options: HybridRetrieverOptions = {},
  ) {
    const { logger, ...rest } = options;
    this.settings = { ...HYBRID_RETRIEVER_DEFAULTS, ...stripUndefined(rest) };
    this.logger = logger;
    if (!(this.settings.rrfK > 0)) throw new RangeError('rrfK must be positive');
    if (!(Number.isFinite(this.settings.randomPageCost) && this.settings.randomPageCost > 0)) {
      throw new RangeError('randomPageCost must be a positive number');
    }
    if (this.settings.vectorWeight < 0 || this.settings.textWeight < 0 || this.settings.vectorWeight + this.settings.textWeight <= 0) {
      throw new RangeError('vectorWeight and textWeight must be non-negative and not both zero');
    }
  }

  /** Candidates fetched per side for a given limit. */
  candidatesPerSide(limit: number): number {
    const { candidateMultiplier, minCandidatesPerSide, maxCandidatesPerSide } = this.settings;
    return Math.min(maxCandidatesPerSide, Math.max(Math.ceil(limit * candidateMultiplier), minCandidatesPerSide, limit));
  }

  async search(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<RetrievedChunk[]> {
    const chunks = await this.searchWithEvidence(query, signal);
    return chunks.map(({ similarity: _s, vectorRank: _v, textScore: _t, textRank: _r, ...chunk }) => chunk);
  }

  /** Same as `search`, with each side's rank and score (for evaluation and diagnostics). */
  async searchWithEvidence(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<HybridChunk[]> {
    signal?.throwIfAborted();
    const limit = Math.floor(query.limit);
    if (limit <= 0) return [];
    const parameters = this.parametersOf(query, limit);
    const client = await this.pool.connect();
    let broken = false;
    try {
      await this.configure(client);
      signal?.throwIfAborted();
      const result = await client.query<HybridRow>(hybridSearchSql, parameters);
      return result.rows.map((row) => ({
        ...toRetrievedChunk(row),
        similarity: nullableNumber(row.similarity),
        vectorRank: nullableNumber(row.vector_rank),
        textScore: nullableNumber(row.text_score),
        textRank: nullableNumber(row.text_rank),
      }));
    } catch (error) {
      broken = isConnectionError(error);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The statement and its parameters (for EXPLAIN in the benchmark). */
  statementFor(query: KnowledgeSearchQuery): { text: string; values: unknown[] } {
    return { text: hybridSearchSql, values: this.parametersOf(query, Math.floor(query.limit)) };
  }

  /** Applies the session settings to a client the pool handed out, once per connection. */
  async configure(client: pg.PoolClient): Promise<void> {
    if (this.configuredClients.has(client)) return;
    const efStatement =
      `SET hnsw.ef_search = ${Math.min(1000, Math.max(1, Math.floor(this.settings.efSearch)))}; ` +
      `SET random_page_cost = ${this.settings.randomPageCost}`;
    if (this.iterativeScanSupported !== false) {
      try {
        await client.query(`${efStatement}; SET hnsw.iterative_scan = relaxed_order`);
        this.iterativeScanSupported = true;
        this.configuredClients.add(client);
        return;
      } catch (error) {
        if (this.iterativeScanSupported === true) throw error;
        this.iterativeScanSupported = false;
        this.logger?.warn({ err: error }, 'hnsw.iterative_scan not supported (pgvector < 0.8): filtered vector search may return fewer candidates');
      }
    }
    await client.query(efStatement);
    this.configuredClients.add(client);
  }

  private parametersOf(query: KnowledgeSearchQuery, limit: number): unknown[] {
    if (query.embedding.length === 0) throw new ValidationError('query embedding is empty');
    const perSide = this.candidatesPerSide(limit);
    const { rrfK, vectorWeight, textWeight } = this.settings;
    return [
      toVectorLiteral(query.embedding),
      query.embeddingModel,
      query.agent,
      perSide,
      query.minSimilarity,
      fullTextQueryWords(query.text),
      perSide,
      rrfK,
      vectorWeight,
      textWeight,
      limit,
    ];
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Errors after which the connection should not go back to the pool. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || code.startsWith('08') || code === '57P01' || code === 'ECONNRESET';
}
