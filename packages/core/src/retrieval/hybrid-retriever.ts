import type pg from 'pg';
import { toRetrievedChunk, type ChunkRow } from './retrieved-chunk-row.ts';
import type { KnowledgeRetriever, KnowledgeSearchQuery, RetrievedChunk } from '../capabilities/capabilities.ts';
import type { Logger } from '../logging/logger.ts';
import {
  candidatesPerSide,
  hybridSearchArguments,
  hybridSearchSettings,
  type HybridRetrieverOptions,
  type HybridSearchSettings,
} from './hybrid-search-parameters.ts';
import { hybridSearchSql } from './hybrid-search-sql.ts';
import { HASHING_EMBEDDER_MODEL_PREFIX } from '../local/hashing-embedder.ts';
import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';

export { fullTextQueryWords, HYBRID_RETRIEVER_DEFAULTS, type HybridRetrieverOptions } from './hybrid-search-parameters.ts';

/**
 * Hybrid retrieval for one agent: pgvector cosine candidates (HNSW) and French full-text
 * candidates (`french_unaccent`) over every chunk, fused by reciprocal rank fusion in one SQL
 * statement (hybrid-search-sql.ts), the other agent's documents weighted down
 * (`otherAgentWeight`) rather than excluded. Returns the best `limit` chunks with their score
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

const nullableNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));

export class HybridRetriever implements KnowledgeRetriever {
  private readonly settings: HybridSearchSettings;
  private readonly logger: Logger | undefined;
  /** The hnsw.ef_search each pooled connection was configured with. */
  private readonly configuredClients = new WeakMap<pg.PoolClient, number>();
  /** Whether the server accepts hnsw.iterative_scan (unknown until the first connection is configured). */
  private iterativeScanSupported: boolean | undefined;

  constructor(
    private readonly pool: pg.Pool,
    options: HybridRetrieverOptions = {},
  ) {
    const { logger, ...rest } = options;
    this.settings = hybridSearchSettings(rest);
    this.logger = logger;
  }

  /** Candidates fetched per side for a given limit. */
  candidatesPerSide(limit: number): number {
    return candidatesPerSide(this.settings, limit);
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
      await this.configure(client, efSearchFor(query.embeddingModel, this.settings.efSearch));
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

  /** Applies the session settings to a client the pool handed out, once per connection (again when `efSearch` differs). */
  async configure(client: pg.PoolClient, efSearch = this.settings.efSearch): Promise<void> {
    const ef = Math.min(1000, Math.max(1, Math.floor(efSearch)));
    if (this.configuredClients.get(client) === ef) return;
    const efStatement = `SET hnsw.ef_search = ${ef}; SET random_page_cost = ${this.settings.randomPageCost}`;
    if (this.iterativeScanSupported !== false) {
      try {
        await client.query(`${efStatement}; SET hnsw.iterative_scan = relaxed_order`);
        this.iterativeScanSupported = true;
        this.configuredClients.set(client, ef);
        return;
      } catch (error) {
        // A lost connection or a statement the server stopped says nothing about pgvector's version:
        // decided from it, the scan stayed off for the process's life (a reset at its first search).
        if (this.iterativeScanSupported === true || infrastructureFaultOf(error)) throw error;
        this.iterativeScanSupported = false;
        this.logger?.warn({ err: error }, 'hnsw.iterative_scan not supported (pgvector < 0.8): filtered vector search may return fewer candidates');
      }
    }
    await client.query(efStatement);
    this.configuredClients.set(client, ef);
  }

  private parametersOf(query: KnowledgeSearchQuery, limit: number): unknown[] {
    return Object.values(hybridSearchArguments({ ...query, limit }, this.settings));
  }
}

/** Errors after which the connection should not go back to the pool. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || code.startsWith('08') || code === '57P01' || code === 'ECONNRESET';
}

/**
 * The HNSW search breadth for a query's model. The local hashing embedder's vectors are sparse and
 * nearly orthogonal to each other, a shape the index's graph navigates badly: past about 2,000
 * chunks, ef_search 100 missed the one chunk that answers (similarity 0.37, found by an exact
 * search; the index's best were under 0.09, below the similarity floor) and the visitor got a
 * clarifying question. Its widest breadth finds it, at a few milliseconds on such knowledge bases.
 */
export const LOCAL_MODEL_EF_SEARCH = 1000;

export function efSearchFor(embeddingModel: string, configured: number): number {
  return embeddingModel.startsWith(HASHING_EMBEDDER_MODEL_PREFIX) ? Math.max(configured, LOCAL_MODEL_EF_SEARCH) : configured;
}
