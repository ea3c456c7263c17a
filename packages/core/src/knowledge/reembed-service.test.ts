import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../capabilities/capabilities.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { toVectorLiteral } from '../database/vector-literal.ts';
import { ValidationError } from '../errors/app-error.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createLogger } from '../logging/logger.ts';
import { embeddingTextOf } from './chunker.ts';
import { ingestPaths } from './ingest-service.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';
import { findStaleDocuments, reembedStaleChunks, type ReembedProgress } from './reembed-service.ts';

const logger = createLogger({ level: 'silent' });
const local = new HashingEmbedder();

/** The local embedder under another model name (its vectors differ: a suffix is embedded too). */
class VariantEmbedder implements Embedder {
  readonly model = 'local-hashing-v1-variant';
  readonly dimensions = local.dimensions;
  calls = 0;
  embed(texts: string[], signal?: AbortSignal) {
    this.calls += 1;
    return local.embed(texts.map((text) => `${text} variante`), signal);
  }
}

let database: TemporaryDatabase;
let workDir: string;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lac-reembed-'));
});
afterAll(async () => {
  await database?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Largest cosine distance between each chunk's stored vector and `embedder`'s vector of its embedding text. */
async function largestDistanceTo(embedder: Embedder): Promise<number> {
  const chunks = await database.pool.query<{ id: string; title: string; section: string | null; content: string }>(
    `SELECT chunk.id, coalesce(document.title, document.filename, '') AS title, chunk.section, chunk.content
     FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id`,
  );
  let largest = 0;
  for (const chunk of chunks.rows) {
    const [vector] = (await embedder.embed([embeddingTextOf(chunk.title, chunk.section, chunk.content)])).vectors;
    const distance = await database.pool.query<{ distance: number }>(
      'SELECT embedding <=> $1::vector AS distance FROM document_chunks WHERE id = $2',
      [toVectorLiteral(vector!), chunk.id],
    );
    largest = Math.max(largest, Number(distance.rows[0]!.distance));
  }
  return largest;
}

describe('reembedStaleChunks', () => {
  it('re-embeds the chunks of other models document by document, idempotently, with the ingestion prefix', async () => {
    const long = Array.from({ length: 30 }, (_, index) => `Conseil ${index + 1} : publie un Reel avec une accroche forte et un son tendance.`).join(' ');
    await writeFile(path.join(workDir, 'reels.md'), `---\ntitle: Reels\nagent_owner: carole\n---\n# Reels\n\n## Tourner\n\n${long}\n\n## Publier\n\n${long}`);
    await writeFile(path.join(workDir, 'tunnel.md'), '---\ntitle: Tunnel\n---\nUn tunnel de vente sur Kajabi avec des emails.');
    const store = new PgIngestStore(database.pool);
    await ingestPaths([workDir], { store, embedder: local, logger, baseDir: workDir });
    // A document written by v1: no title, no section, OpenAI's model (here the local vectors of its text, whatever they are).
    const v1 = await database.pool.query<{ id: string }>(`INSERT INTO documents (filename, file_type) VALUES ('ancien-guide.pdf', 'pdf') RETURNING id`);
    await database.pool.query(
      `INSERT INTO document_chunks (document_id, content, embedding, chunk_index, embedding_model) VALUES ($1, 'Texte du v1 sur Zapier.', $2::vector, 0, 'text-embedding-3-small')`,
      [v1.rows[0]!.id, toVectorLiteral((await local.embed(['Texte du v1 sur Zapier.'])).vectors[0]!)],
    );
    const totalChunks = (await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM document_chunks')).rows[0]!.count;
    expect(totalChunks).toBeGreaterThan(3);

    const variant = new VariantEmbedder();
    const stale = await findStaleDocuments(database.pool, variant.model);
    expect(stale.map((document) => document.title)).toEqual(['Reels', 'Tunnel', 'ancien-guide.pdf']);
    expect(stale.reduce((sum, document) => sum + document.staleChunks, 0)).toBe(totalChunks);

    const progress: ReembedProgress[] = [];
    const summary = await reembedStaleChunks({ pool: database.pool, embedder: variant, logger, batchSize: 2, onProgress: (update) => progress.push(update) });
    expect(summary).toEqual({ model: variant.model, documents: 3, chunks: totalChunks });
    expect(progress.at(-1)).toMatchObject({ documentsDone: 3, documentsTotal: 3, chunksDone: totalChunks, chunksTotal: totalChunks });
    expect(variant.calls).toBeGreaterThan(3); // batches of 2
    const models = await database.pool.query('SELECT DISTINCT embedding_model FROM document_chunks');
    expect(models.rows).toEqual([{ embedding_model: variant.model }]);
    expect(await largestDistanceTo(variant)).toBeLessThan(1e-5);

    // Idempotent: nothing left, the embedder is not called.
    variant.calls = 0;
    expect(await reembedStaleChunks({ pool: database.pool, embedder: variant, logger })).toEqual({ model: variant.model, documents: 0, chunks: 0 });
    expect(variant.calls).toBe(0);
    // The files are unchanged and their chunks are of the current model: ingestion skips them.
    const again = await ingestPaths([workDir], { store, embedder: variant, logger, baseDir: workDir });
    expect(again.map((result) => result.status)).toEqual(['unchanged', 'unchanged']);

    // Back to the local model: the vectors are exactly the ones ingestion makes (same prefix).
    await reembedStaleChunks({ pool: database.pool, embedder: local, logger });
    expect(await largestDistanceTo(local)).toBeLessThan(1e-5);
  });

  it('with onlyFromModelsStartingWith, re-embeds only the chunks of an older version of that embedder', async () => {
    await database.pool.query('DELETE FROM documents');
    const vector = toVectorLiteral((await local.embed(['Texte.'])).vectors[0]!);
    const insert = async (filename: string, model: string) => {
      const document = await database.pool.query<{ id: string }>(`INSERT INTO documents (filename, file_type) VALUES ($1, 'md') RETURNING id`, [filename]);
      await database.pool.query(
        `INSERT INTO document_chunks (document_id, content, embedding, chunk_index, embedding_model) VALUES ($1, 'Un tunnel de vente sur Kajabi.', $2::vector, 0, $3)`,
        [document.rows[0]!.id, vector, model],
      );
    };
    await insert('ancien-local.md', 'local-hashing-v0');
    await insert('live.md', 'text-embedding-3-small');
    await insert('actuel.md', local.model);
    expect((await findStaleDocuments(database.pool, local.model, { onlyFromModelsStartingWith: 'local-hashing-' })).map((document) => document.title)).toEqual(['ancien-local.md']);

    const summary = await reembedStaleChunks({ pool: database.pool, embedder: local, logger, onlyFromModelsStartingWith: 'local-hashing-' });
    expect(summary).toEqual({ model: local.model, documents: 1, chunks: 1 });
    const models = await database.pool.query<{ filename: string; embedding_model: string }>(
      'SELECT document.filename, chunk.embedding_model FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id ORDER BY document.filename',
    );
    expect(models.rows).toEqual([
      { filename: 'actuel.md', embedding_model: local.model },
      { filename: 'ancien-local.md', embedding_model: local.model },
      { filename: 'live.md', embedding_model: 'text-embedding-3-small' },
    ]);
  });

  it("leaves alone the chunks of another generation than their document's (a replacement's staged chunks)", async () => {
    await database.pool.query('DELETE FROM documents');
    const vector = toVectorLiteral((await local.embed(['Texte.'])).vectors[0]!);
    const document = await database.pool.query<{ id: string }>(`INSERT INTO documents (filename, file_type) VALUES ('en-cours.md', 'md') RETURNING id`);
    await database.pool.query(
      `INSERT INTO document_chunks (document_id, content, embedding, chunk_index, embedding_model, generation)
       VALUES ($1, 'Actuel.', $2::vector, 0, $3, 0), ($1, 'Mis en attente.', $2::vector, 0, 'local-hashing-v0', 7)`,
      [document.rows[0]!.id, vector, local.model],
    );
    expect(await findStaleDocuments(database.pool, local.model)).toEqual([]);
    expect(await reembedStaleChunks({ pool: database.pool, embedder: local, logger })).toEqual({ model: local.model, documents: 0, chunks: 0 });
  });

  it('refuses an embedder whose vectors do not fit the column', async () => {
    const small: Embedder = { model: 'small', dimensions: 8, embed: async () => ({ vectors: [], usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 } }) };
    await expect(reembedStaleChunks({ pool: database.pool, embedder: small, logger })).rejects.toBeInstanceOf(ValidationError);
  });
});
