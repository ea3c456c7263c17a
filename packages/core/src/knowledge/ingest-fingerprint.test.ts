import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { temporaryDatabaseAroundTests, temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';
import { CHUNKER_VERSION } from './chunker.ts';
import { markdownReader } from './document-readers.ts';
import { ingestFingerprintOf } from './ingest-fingerprint.ts';
import { ingestFile } from './ingest-service.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';

const database = temporaryDatabaseAroundTests();
const workDir = temporaryFolderAroundTests('lac-ingest-fingerprint-');
const embedder = new HashingEmbedder();
let store: PgIngestStore;
beforeAll(() => {
  store = new PgIngestStore(database().pool);
});

// One word longer than a chunk (a pasted link): chunker v1 kept it whole, v2 cuts it.
const text = `# Liens\n\nLe lien du tunnel : https://exemple.fr/${'a'.repeat(2000)} à copier.\n`;
const storedChunks = async (sourceKey: string) =>
  (await database().pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
     WHERE document.source_key = $1 AND chunk.generation = document.chunk_generation`,
    [sourceKey],
  )).rows[0]!.count;

describe('ingestion fingerprint', () => {
  it('names the bytes, the reader version and the chunker version and sizes', () => {
    const fingerprint = ingestFingerprintOf(Buffer.from(text), markdownReader);
    expect(fingerprint).toBe(`${createHash('sha256').update(text).digest('hex')};markdown-v2;chunker-v${CHUNKER_VERSION}:500/900/220`);
    expect(ingestFingerprintOf(Buffer.from(text), { ...markdownReader, version: 3 })).not.toBe(fingerprint);
  });

  it('re-chunks an unchanged file stored by an older chunker on the next ingestion without --force, then leaves it alone', async () => {
    const file = path.join(workDir(), 'liens.md');
    await writeFile(file, text);
    expect(await ingestFile(file, 'liens.md', { store, embedder })).toMatchObject({ status: 'created' });
    // What the previous version stored: the bytes' hash alone, and the long word whole in one chunk.
    await database().pool.query(`UPDATE documents SET content_hash = $1 WHERE source_key = 'liens.md'`, [createHash('sha256').update(text).digest('hex')]);

    const upgraded = await ingestFile(file, 'liens.md', { store, embedder });
    expect(upgraded).toMatchObject({ status: 'updated' });
    expect(await storedChunks('liens.md')).toBe(upgraded.chunks);
    expect(await ingestFile(file, 'liens.md', { store, embedder })).toMatchObject({ status: 'unchanged' });
  });

  it('re-chunks an unchanged file when the chunk sizes change, then finds it unchanged', async () => {
    const file = path.join(workDir(), 'tailles.md');
    await writeFile(file, text);
    const first = await ingestFile(file, 'tailles.md', { store, embedder });
    const smaller = { minChars: 100, maxChars: 300, overlapChars: 50 };
    const rechunked = await ingestFile(file, 'tailles.md', { store, embedder, chunking: smaller });
    expect(rechunked).toMatchObject({ status: 'updated' });
    expect(rechunked.chunks).toBeGreaterThan(first.chunks!);
    expect(await storedChunks('tailles.md')).toBe(rechunked.chunks);
    expect(await ingestFile(file, 'tailles.md', { store, embedder, chunking: smaller })).toMatchObject({ status: 'unchanged' });
  });
});
