import { createHash } from 'node:crypto';
import { chunkingRulesOf, type ChunkOptions } from './chunker.ts';
import type { DocumentReader } from './document-reader-support.ts';

/**
 * What ingestion stores as a document's `content_hash` and compares to skip an unchanged file:
 * the SHA-256 of the file's bytes, then the rules that turned them into chunks, the reader's
 * version and the chunker's (`<sha256>;markdown-v2;chunker-v3:500/900/220`). A file whose bytes
 * are unchanged but whose reader or chunker changed since it was stored (an upgrade) is read and
 * chunked again by the next ingestion, without --force; the ingestion after it finds it unchanged.
 * The embedding model is compared beside it, from the chunks (knowledge-ingest-store.ts).
 */
export function ingestFingerprintOf(raw: Uint8Array, reader: Pick<DocumentReader, 'fileType' | 'version'>, chunking?: ChunkOptions): string {
  const bytesHash = createHash('sha256').update(raw).digest('hex');
  return `${bytesHash};${reader.fileType}-v${reader.version};${chunkingRulesOf(chunking)}`;
}
