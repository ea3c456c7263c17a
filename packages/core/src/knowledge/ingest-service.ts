import { open, stat } from 'node:fs/promises';
import type { Embedder, KnowledgeStore } from '../capabilities/capabilities.ts';
import type { Logger } from '../logging/logger.ts';
import { inferAgentOwner } from './auto-tagger.ts';
import { chunkDocument, type ChunkOptions } from './chunker.ts';
import { readerForFile, supportedExtensions } from './document-readers.ts';
import { ingestFingerprintOf } from './ingest-fingerprint.ts';
import { expandIngestPaths, sourceKeyOf } from './ingest-paths.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { readsDocumentState, type IngestStore } from './knowledge-ingest-store.ts';

/**
 * Loads files and folders into the knowledge base: refuse by size before reading, read (one
 * reader per file type), fingerprint the raw bytes with the reading and chunking rules (an unchanged
 * file read and chunked by the current rules and embedded by the current model is skipped before
 * any embedding), chunk, tag the owner when undeclared, embed in batches,
 * and write each document with its chunks through the store, which switches readers from the old
 * chunks to the new ones at once (PgKnowledgeStore: short batches, then one short switch). A failing file is reported
 * with its name and never stops the others; nothing of it is written, so its stored version (if
 * any) stays as it was.
 */

export { expandIngestPaths, sourceKeyOf } from './ingest-paths.ts';

/** Larger files are refused before being read (brochure PDFs with images reach a few MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const EMBEDDING_BATCH_SIZE = 64;

export type IngestStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface IngestFileResult {
  /** The file's source key (path relative to `baseDir`, with /). */
  file: string;
  status: IngestStatus;
  error?: string;
  documentId?: string;
  chunks?: number;
}

export type IngestStage = 'reading' | 'chunking' | 'embedding' | 'writing' | 'done';

/** Progress inside one file: `fraction` goes from 0 to 1. */
export interface FileProgress {
  stage: IngestStage;
  fraction: number;
  chunksEmbedded?: number;
  chunksTotal?: number;
}

export interface IngestFileOptions {
  /** With `findDocumentState` (PgIngestStore), an unchanged file embedded by another model is re-embedded. */
  store: KnowledgeStore;
  embedder: Embedder;
  chunking?: ChunkOptions;
  /** Re-embed and rewrite even when the file and the embedding model are unchanged. */
  force?: boolean;
  signal?: AbortSignal;
  /** Default MAX_FILE_BYTES. */
  maxFileBytes?: number;
  onFileProgress?(progress: FileProgress): void;
}

export interface IngestOptions extends IngestFileOptions {
  logger: Logger;
  onProgress?(result: IngestFileResult, done: number, total: number): void;
  /** Source keys are paths relative to this folder (default: the current directory). */
  baseDir?: string;
}

const FILE_NAME_NOT_UTF8 = "nom de fichier illisible (pas en UTF-8 : archive zip faite sous Windows ?) ; renomme le fichier, par exemple sans accents";

/** Reads at most `maxBytes` (+1 to detect more): a file that grew since stat() is still refused. */
async function readFileWithLimit(file: string, maxBytes: number, sourceKey: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new KnowledgeFileError(sourceKey, `lecture impossible : ${(error as Error).message}`, error);
  }
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new KnowledgeFileError(sourceKey, `fichier trop volumineux (plus de ${maxBytes} octets, maximum ${maxBytes})`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof KnowledgeFileError) throw error;
    throw new KnowledgeFileError(sourceKey, `lecture impossible : ${(error as Error).message}`, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Why a stored document is (not) up to date with this file and embedder. */
async function isUpToDate(store: KnowledgeStore, sourceKey: string, contentHash: string, embeddingModel: string): Promise<boolean> {
  if (readsDocumentState(store)) {
    const state = await store.findDocumentState(sourceKey);
    return state !== null && state.contentHash === contentHash && state.embeddingModels.every((model) => model === embeddingModel);
  }
  return (await store.findDocumentHash(sourceKey)) === contentHash;
}

/**
 * Ingests one file under `sourceKey`. Throws KnowledgeFileError (its message names the file) for
 * a file that cannot be ingested; other errors (database, embedder) are thrown as they are.
 * Nothing is written unless the whole document was read, chunked and embedded.
 */
export async function ingestFile(file: string, sourceKey: string, options: IngestFileOptions): Promise<IngestFileResult> {
  const { store, embedder } = options;
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const report = (progress: FileProgress) => options.onFileProgress?.(progress);
  const reader = readerForFile(file);
  if (reader === null) {
    throw new KnowledgeFileError(sourceKey, `type de fichier non pris en charge (acceptés : ${supportedExtensions.join(', ')})`);
  }
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    // A name that is not UTF-8 (a zip made on Windows, Latin-1 "mûr") is listed with U+FFFD in place
    // of its bytes, and that name reaches no file: it is there, but unreadable by its name.
    if (missing && file.includes('\uFFFD')) throw new KnowledgeFileError(sourceKey, FILE_NAME_NOT_UTF8, error);
    throw new KnowledgeFileError(sourceKey, missing ? 'fichier introuvable' : `lecture impossible : ${(error as Error).message}`, error);
  }
  if (!info.isFile()) throw new KnowledgeFileError(sourceKey, "ce n'est pas un fichier");
  if (info.size > maxFileBytes) {
    throw new KnowledgeFileError(sourceKey, `fichier trop volumineux (${info.size} octets, maximum ${maxFileBytes})`);
  }
  if (info.size === 0) throw new KnowledgeFileError(sourceKey, 'le fichier est vide (0 octet)');
  report({ stage: 'reading', fraction: 0 });
  const raw = await readFileWithLimit(file, maxFileBytes, sourceKey);
  // The bytes and the rules that chunk them (ingest-fingerprint.ts): a new chunker re-chunks an unchanged file.
  const contentHash = ingestFingerprintOf(raw, reader, options.chunking);
  if (!options.force && (await isUpToDate(store, sourceKey, contentHash, embedder.model))) {
    report({ stage: 'done', fraction: 1 });
    return { file: sourceKey, status: 'unchanged' };
  }

  const document = await reader.read(raw, sourceKey);
  report({ stage: 'chunking', fraction: 0.05 });
  const chunks = chunkDocument(document.body, document.title, options.chunking);
  if (chunks.length === 0) throw new KnowledgeFileError(sourceKey, 'aucun texte à indexer');
  const agentOwner = document.agentOwner ?? inferAgentOwner(document).agentOwner;

  const vectors: number[][] = [];
  report({ stage: 'embedding', fraction: 0.1, chunksEmbedded: 0, chunksTotal: chunks.length });
  for (let start = 0; start < chunks.length; start += EMBEDDING_BATCH_SIZE) {
    options.signal?.throwIfAborted();
    const batch = chunks.slice(start, start + EMBEDDING_BATCH_SIZE).map((chunk) => chunk.embeddingText);
    const { vectors: batchVectors } = await embedder.embed(batch, options.signal);
    if (batchVectors.length !== batch.length || batchVectors.some((vector) => vector.length !== embedder.dimensions)) {
      throw new KnowledgeFileError(sourceKey, `l'embedder ${embedder.model} a renvoyé des vecteurs inattendus`);
    }
    vectors.push(...batchVectors);
    report({ stage: 'embedding', fraction: 0.1 + 0.8 * (vectors.length / chunks.length), chunksEmbedded: vectors.length, chunksTotal: chunks.length });
  }

  options.signal?.throwIfAborted();
  report({ stage: 'writing', fraction: 0.9, chunksEmbedded: chunks.length, chunksTotal: chunks.length });
  const stored = await store.upsertDocument({
    sourceKey,
    title: document.title,
    fileType: document.fileType,
    agentOwner,
    tags: document.tags,
    category: document.category,
    priority: document.priority,
    contentHash,
    embeddingModel: embedder.model,
    ...(options.force === true ? { force: true } : {}),
    chunks: chunks.map((chunk, index) => ({
      index: chunk.index,
      section: chunk.section,
      content: chunk.content,
      embedding: vectors[index]!,
    })),
  }, options.signal ? { signal: options.signal } : {});
  report({ stage: 'done', fraction: 1, chunksEmbedded: chunks.length, chunksTotal: chunks.length });
  return { file: sourceKey, status: stored.status, documentId: stored.documentId, chunks: chunks.length };
}

/** The message of a file's failure, naming it once (a KnowledgeFileError's or a concurrent replacement's already does). */
export function failureMessageOf(sourceKey: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof KnowledgeFileError || message.startsWith(`${sourceKey}: `) ? message : `${sourceKey}: ${message}`;
}

/** The failed result of a file, with a message that names it. */
export function failedResultOf(sourceKey: string, error: unknown): IngestFileResult {
  return { file: sourceKey, status: 'failed', error: failureMessageOf(sourceKey, error) };
}

/** Planner statistics after a bulk load (stores that keep them, e.g. PgKnowledgeStore on PGlite without autovacuum). */
export async function refreshStoreStatistics(store: KnowledgeStore): Promise<void> {
  const statisticsStore = store as IngestStore;
  if (typeof statisticsStore.refreshStatistics === 'function') await statisticsStore.refreshStatistics();
}

export async function ingestPaths(paths: readonly string[], options: IngestOptions): Promise<IngestFileResult[]> {
  const baseDir = options.baseDir ?? process.cwd();
  const files = await expandIngestPaths(paths);
  const results: IngestFileResult[] = [];
  for (const { file, missing } of files) {
    options.signal?.throwIfAborted();
    const sourceKey = sourceKeyOf(file, baseDir);
    let result: IngestFileResult;
    if (missing !== undefined) {
      result = { file: sourceKey, status: 'failed', error: `${sourceKey}: ${missing}` };
    } else {
      try {
        result = await ingestFile(file, sourceKey, options);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        result = failedResultOf(sourceKey, error);
      }
    }
    results.push(result);
    if (result.status === 'failed') options.logger.warn({ file: result.file, error: result.error }, 'knowledge file not ingested');
    else options.logger.info({ file: result.file, status: result.status, chunks: result.chunks }, 'knowledge file ingested');
    options.onProgress?.(result, results.length, files.length);
  }
  if (results.some((result) => result.status === 'created' || result.status === 'updated')) await refreshStoreStatistics(options.store);
  return results;
}
