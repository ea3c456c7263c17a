import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Embedder, KnowledgeStore } from '../capabilities/capabilities.ts';
import type { Logger } from '../logging/logger.ts';
import { inferAgentOwner } from './auto-tagger.ts';
import { chunkDocument, type ChunkOptions } from './chunker.ts';
import { readerForFile, supportedExtensions } from './document-readers.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * Loads files and folders into the knowledge base: read (one reader per file
 * type), hash the raw bytes (an unchanged file is skipped before any
 * embedding), chunk, tag the owner when undeclared, embed in batches, and write
 * each document with its chunks in one store transaction. A failing file is
 * reported with its name and never stops the others.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
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

export interface IngestOptions {
  store: KnowledgeStore;
  embedder: Embedder;
  logger: Logger;
  onProgress?(result: IngestFileResult, done: number, total: number): void;
  /** Source keys are paths relative to this folder (default: the current directory). */
  baseDir?: string;
  chunking?: ChunkOptions;
  /**
   * Re-embed and rewrite even when the content hash is unchanged. Needed after switching
   * embedder (e.g. local -> OpenAI): the hash check alone cannot see a model change.
   */
  force?: boolean;
  signal?: AbortSignal;
}

/** Stable key of a file: its path relative to baseDir with / separators (absolute when outside it). */
export function sourceKeyOf(file: string, baseDir: string): string {
  const absolute = resolve(file);
  const relativePath = relative(resolve(baseDir), absolute);
  const key = relativePath.startsWith('..') || isAbsolute(relativePath) ? absolute : relativePath;
  return key.split(sep).join('/');
}

async function listFilesOf(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await listFilesOf(child)));
    else if (entry.isFile() && readerForFile(child) !== null) files.push(child);
  }
  return files;
}

/** Expands folders (recursively, supported types only, hidden entries skipped); keeps explicit files as given. */
export async function expandIngestPaths(paths: readonly string[]): Promise<Array<{ file: string; missing?: string }>> {
  const expanded: Array<{ file: string; missing?: string }> = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      expanded.push({ file: path, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier ou dossier introuvable' : String(error) });
      continue;
    }
    const files = info.isDirectory() ? await listFilesOf(path) : [path];
    for (const file of files) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      expanded.push({ file });
    }
  }
  return expanded;
}

async function ingestOneFile(file: string, sourceKey: string, options: IngestOptions): Promise<IngestFileResult> {
  const { store, embedder } = options;
  const reader = readerForFile(file);
  if (reader === null) {
    throw new KnowledgeFileError(sourceKey, `type de fichier non pris en charge (acceptés : ${supportedExtensions.join(', ')})`);
  }
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) {
    throw new KnowledgeFileError(sourceKey, `fichier trop volumineux (${info.size} octets, maximum ${MAX_FILE_BYTES})`);
  }
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    throw new KnowledgeFileError(sourceKey, `lecture impossible : ${(error as Error).message}`, error);
  }
  const contentHash = createHash('sha256').update(raw).digest('hex');
  if (!options.force && (await store.findDocumentHash(sourceKey)) === contentHash) {
    return { file: sourceKey, status: 'unchanged' };
  }

  const document = reader.read(raw, sourceKey);
  const chunks = chunkDocument(document.body, document.title, options.chunking);
  if (chunks.length === 0) throw new KnowledgeFileError(sourceKey, 'aucun texte à indexer');
  const agentOwner = document.agentOwner ?? inferAgentOwner(document).agentOwner;

  const vectors: number[][] = [];
  for (let start = 0; start < chunks.length; start += EMBEDDING_BATCH_SIZE) {
    options.signal?.throwIfAborted();
    const batch = chunks.slice(start, start + EMBEDDING_BATCH_SIZE).map((chunk) => chunk.embeddingText);
    const { vectors: batchVectors } = await embedder.embed(batch, options.signal);
    if (batchVectors.length !== batch.length || batchVectors.some((vector) => vector.length !== embedder.dimensions)) {
      throw new KnowledgeFileError(sourceKey, `l'embedder ${embedder.model} a renvoyé des vecteurs inattendus`);
    }
    vectors.push(...batchVectors);
  }

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
    chunks: chunks.map((chunk, index) => ({
      index: chunk.index,
      section: chunk.section,
      content: chunk.content,
      embedding: vectors[index]!,
    })),
  });
  return { file: sourceKey, status: stored.status, documentId: stored.documentId, chunks: chunks.length };
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
        result = await ingestOneFile(file, sourceKey, options);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const message = error instanceof KnowledgeFileError ? error.message : `${sourceKey}: ${(error as Error).message}`;
        result = { file: sourceKey, status: 'failed', error: message };
      }
    }
    results.push(result);
    if (result.status === 'failed') options.logger.warn({ file: result.file, error: result.error }, 'knowledge file not ingested');
    else options.logger.info({ file: result.file, status: result.status, chunks: result.chunks }, 'knowledge file ingested');
    options.onProgress?.(result, results.length, files.length);
  }
  // Planner statistics after a bulk load (stores that keep them, e.g. PgKnowledgeStore on PGlite without autovacuum).
  const statisticsStore = options.store as KnowledgeStore & { refreshStatistics?: () => Promise<void> };
  if (typeof statisticsStore.refreshStatistics === 'function' && results.some((r) => r.status === 'created' || r.status === 'updated')) {
    await statisticsStore.refreshStatistics();
  }
  return results;
}
