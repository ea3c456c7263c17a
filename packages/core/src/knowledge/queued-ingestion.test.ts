import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createIngestQueue, createIngestQueueEvents, type IngestQueue, type IngestQueueEventsHandle } from './ingest-queue.ts';
import { startIngestWorker } from './ingest-worker.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';
import { runQueuedIngestion, type QueuedIngestionProgress } from './queued-ingestion.ts';
import { buildMinimalPdf } from './test-support/minimal-pdf.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests, temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';

let queue: IngestQueue;
let events: IngestQueueEventsHandle;

const redis = redisTestContextAroundTests('queued-ingestion');
const database = temporaryDatabaseAroundTests();
const workDir = temporaryFolderAroundTests('lac-queued-ingestion-');

beforeAll(async () => {
  queue = createIngestQueue({ connection: redis().redis, config: redis().config() });
  events = createIngestQueueEvents({ config: redis().config(), logger: redis().logger });
});
afterAll(async () => {
  await events?.close();
  await queue?.close();
});

describe('runQueuedIngestion', () => {
  it('enqueues one job per file and returns one result per file, in order, whoever runs the jobs', async () => {
    const files = ['a.md', 'b.pdf', 'c.html', 'd.md'].map((name) => path.join(workDir(), name));
    await writeFile(files[0]!, '---\ntitle: A\n---\nUn tunnel de vente sur Kajabi.');
    await writeFile(files[1]!, buildMinimalPdf({ title: 'B', pages: [['Des Reels Instagram chaque semaine.']] }));
    await writeFile(files[2]!, '<title>C</title><p></p>');
    await writeFile(files[3]!, '---\ntitle: D\n---\nDes stories pour ton contenu.');
    const config = redis().config();
    const worker = startIngestWorker({ config, logger: redis().logger, store: new PgIngestStore(database().pool), embedder: new HashingEmbedder(), concurrency: 2 });
    const progress: QueuedIngestionProgress[] = [];
    const done: number[] = [];
    try {
      const results = await runQueuedIngestion({
        queue,
        events: events.events,
        files: [
          ...files.map((file) => ({ file, sourceKey: `kb/${path.basename(file)}` })),
          { file: path.join(workDir(), 'absent.md'), sourceKey: 'kb/absent.md', missing: 'fichier ou dossier introuvable' },
        ],
        embeddingModel: 'local-hashing-v4',
        onProgress: (update) => progress.push(update),
        onFileDone: (_result, count) => done.push(count),
        pollIntervalMs: 100,
      });
      expect(results.map((result) => [result.file, result.status])).toEqual([
        ['kb/a.md', 'created'],
        ['kb/b.pdf', 'created'],
        ['kb/c.html', 'failed'],
        ['kb/d.md', 'created'],
        ['kb/absent.md', 'failed'],
      ]);
      expect(results[2]!.error).toBe('kb/c.html: le document est vide');
      expect(results[4]!.error).toBe('kb/absent.md: fichier ou dossier introuvable');
      expect(done).toEqual([1, 2, 3, 4, 5]);
      expect(progress.at(-1)).toMatchObject({ done: 5, total: 5, fraction: 1 });
      expect(progress.every((update) => update.fraction >= 0 && update.fraction <= 1)).toBe(true);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    } finally {
      await worker.close();
    }
  });

  it('stops waiting when aborted and leaves the jobs in the queue for a worker', async () => {
    const file = path.join(workDir(), 'attente.md');
    await writeFile(file, 'Un texte.');
    const abort = new AbortController();
    const running = runQueuedIngestion({ queue, events: events.events, files: [{ file, sourceKey: 'attente.md' }], signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    abort.abort(new Error('interrompu'));
    await expect(running).rejects.toThrow('interrompu');
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    await queue.drain();
  });
});
