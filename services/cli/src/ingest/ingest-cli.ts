/**
 * `pnpm ingest [--direct | --enqueue-only] [--force] [--prune] [--concurrency N] <files or folders>...`:
 * loads Markdown, text, HTML and PDF files into the knowledge base.
 *
 * Default: one BullMQ job per file on the `ingest` queue (QUEUE_PREFIX; progress visible in
 * bull-board), processed by an ingest worker started in this process (and by any other ingest
 * worker running, e.g. the worker service's); a progress bar on stderr (plain lines when stderr
 * is not a terminal), then the per-file summary on stdout. `--enqueue-only` starts no worker here
 * and waits for other processes' workers; `--direct` needs no Redis and ingests in this process.
 *
 * Database (direct mode and the worker started here): see knowledge-database.ts. Embedder: the
 * one the chat pipeline uses (OpenAI when OPENAI_API_KEY is set, else the local hashing
 * embedder); jobs carry its model, and a worker with another model refuses them.
 * Source keys are paths relative to the current directory (the repository root under pnpm);
 * paths given on the command line are resolved from where the command was typed (INIT_CWD).
 * Exit code: 0 when every file was ingested or unchanged, 1 when one failed (or nothing was
 * found, or Redis/the database is unreachable), 2 on bad usage, 130 when interrupted.
 */
import { type AppConfig, type Logger, assertSchemaCurrent, createCapabilities, assertRedisReachable, createRedisConnection, DatabaseSchemaBehindError, RedisUnreachableError } from '@lac/core';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCommandEnvironment } from '../cli-environment.ts';
import {
  createIngestQueue,
  createIngestQueueEvents,
  startIngestWorker,
  type IngestWorkerHandle,
  expandIngestPaths,
  failedResultOf,
  ingestFile,
  refreshStoreStatistics,
  sourceKeyOf,
  type IngestFileResult,
  openKnowledgeDatabase,
  pruneDocumentsUnder,
  pruneOtherSpellingsOf,
  type KnowledgeDatabase,
  PgIngestStore,
  runQueuedIngestion,
  type QueuedFile,
} from '@lac/core/knowledge';
import {
  describeIngestResult,
  ingestReportLine,
  INGEST_USAGE,
  parseIngestArguments,
  summarizeIngestResults,
  type IngestCliArguments,
} from './ingest-cli-arguments.ts';
import { TerminalProgressBar } from '../terminal-progress-bar.ts';
import { runnableArguments } from '../cli-usage.ts';

class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

interface RunContext {
  config: AppConfig;
  logger: Logger;
  args: IngestCliArguments;
  files: QueuedFile[];
  embedder: Awaited<ReturnType<typeof createCapabilities>>['embedder'];
  bar: TerminalProgressBar;
  signal: AbortSignal;
}

function reportFileDone(bar: TerminalProgressBar, result: IngestFileResult, done: number, total: number): void {
  // On a terminal the bar shows the count: only failures get a line. Elsewhere, one line per file.
  if (!bar.isInteractive) bar.log(`[${done}/${total}] ${describeIngestResult(result)}`);
  else if (result.status === 'failed') bar.log(describeIngestResult(result));
}

async function runDirect(context: RunContext, database: KnowledgeDatabase): Promise<IngestFileResult[]> {
  const { files, bar, embedder, signal, args } = context;
  const store = new PgIngestStore(database.pool);
  const results: IngestFileResult[] = [];
  for (const entry of files) {
    signal.throwIfAborted();
    let result: IngestFileResult;
    if (entry.missing !== undefined) {
      result = { file: entry.sourceKey, status: 'failed', error: `${entry.sourceKey}: ${entry.missing}` };
    } else {
      try {
        result = await ingestFile(entry.file, entry.sourceKey, {
          store,
          embedder,
          force: args.force,
          signal,
          onFileProgress: (progress) =>
            bar.update({ done: results.length, total: files.length, fraction: (results.length + progress.fraction) / files.length, detail: entry.sourceKey }),
        });
      } catch (error) {
        if (signal.aborted) throw new InterruptedError();
        result = failedResultOf(entry.sourceKey, error);
      }
    }
    results.push(result);
    bar.update({ done: results.length, total: files.length, detail: entry.sourceKey });
    reportFileDone(bar, result, results.length, files.length);
  }
  if (results.some((result) => result.status === 'created' || result.status === 'updated')) await refreshStoreStatistics(store);
  return results;
}

async function runThroughQueue(context: RunContext, database: KnowledgeDatabase | null): Promise<IngestFileResult[]> {
  const { config, logger, files, bar, embedder, signal, args } = context;
  const connection = createRedisConnection(config, { connectionName: 'lac:ingest-cli', forBullWorker: true, logger });
  const queue = createIngestQueue({ connection, config });
  const events = createIngestQueueEvents({ config, logger });
  let worker: IngestWorkerHandle | null = null;
  try {
    if (database !== null) {
      worker = startIngestWorker({ config, logger, store: new PgIngestStore(database.pool), embedder, connection, concurrency: args.concurrency });
      await worker.worker.waitUntilReady();
    } else if ((await queue.getWorkers()).length === 0) {
      bar.log(`Aucun worker n'écoute la file « ${queue.name} » pour l'instant : les tâches attendent qu'un worker démarre.`);
    }
    return await runQueuedIngestion({
      queue,
      events: events.events,
      files,
      force: args.force,
      embeddingModel: embedder.model,
      signal,
      onProgress: (progress) => bar.update({ done: progress.done, total: progress.total, fraction: progress.fraction, ...(progress.current ? { detail: progress.current } : {}) }),
      onFileDone: (result, done, total) => reportFileDone(bar, result, done, total),
    }).catch((error: unknown) => {
      throw signal.aborted ? new InterruptedError() : error;
    });
  } finally {
    await worker?.close();
    await events.close();
    await queue.close().catch(() => undefined);
    await connection.quit().catch(() => connection.disconnect());
  }
}

/**
 * --prune: in each folder given, the documents whose file is gone are removed. Every file found now
 * is kept, a failed one too (it still exists); a folder that is missing prunes nothing. So are the
 * documents an earlier run stored under another spelling of the folder (through a link to it, or
 * its real path when given through a link): deleted files, or copies of files this run stored under
 * its own keys (prune-other-spellings.ts).
 */
async function pruneFolders(paths: readonly string[], files: readonly QueuedFile[], database: KnowledgeDatabase): Promise<void> {
  const kept = files.filter((file) => file.missing === undefined).map((file) => file.sourceKey);
  const removed: string[] = [];
  for (const folder of paths) {
    if (!(await isFolder(folder))) continue;
    removed.push(...(await pruneDocumentsUnder(database.pool, sourceKeyOf(folder, process.cwd()), kept)));
    removed.push(...(await pruneOtherSpellingsOf(database.pool, folder, kept, process.cwd())));
  }
  for (const key of removed) process.stdout.write(`${ingestReportLine('retiré', key)}\n`);
  process.stdout.write(`${removed.length} document(s) retiré(s) : leur fichier n'existe plus.\n`);
}

const isFolder = (target: string): Promise<boolean> => stat(target).then((info) => info.isDirectory(), () => false);

async function someFolderAmong(paths: readonly string[]): Promise<boolean> {
  for (const target of paths) if (await isFolder(target)) return true;
  return false;
}

async function main(): Promise<number> {
  const outcome = runnableArguments(parseIngestArguments(process.argv.slice(2)), INGEST_USAGE);
  if ('exitCode' in outcome) return outcome.exitCode;
  const parsed = outcome.args;
  const { config, logger } = loadCommandEnvironment('ingest', { drawsProgress: true });
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const paths = parsed.paths.map((argument) => path.resolve(invokedFrom, argument));
  const unsupported: string[] = [];
  const files: QueuedFile[] = (await expandIngestPaths(paths, unsupported)).map(({ file, missing }) => ({
    file: path.resolve(file),
    sourceKey: sourceKeyOf(file, process.cwd()),
    ...(missing === undefined ? {} : { missing }),
  }));
  // A Word or OpenDocument file dropped beside the Markdown ones is named, not skipped silently.
  for (const file of unsupported) process.stdout.write(`${ingestReportLine('ignoré', `${sourceKeyOf(file, process.cwd())} (format non pris en charge : .md, .txt, .html ou .pdf)`)}\n`);
  // --prune on a folder whose last file was deleted still has documents to remove: nothing to ingest is not an error then.
  const pruneOnly = files.length === 0 && parsed.prune && (await someFolderAmong(paths));
  if (files.length === 0 && !pruneOnly) {
    process.stderr.write('Aucun fichier pris en charge (.md, .txt, .html, .pdf) dans les dossiers indiqués.\n');
    return 1;
  }

  if (parsed.mode !== 'direct' && !pruneOnly) {
    try {
      await assertRedisReachable(config, { timeoutMs: 3_000 });
    } catch (error) {
      if (!(error instanceof RedisUnreachableError)) throw error;
      process.stderr.write(`${error.message}\nSans Redis : pnpm ingest --direct <fichiers>\n`);
      return 1;
    }
  }
  const { embedder } = await createCapabilities({ config, logger });
  const database = parsed.mode === 'enqueue-only' ? null : await openKnowledgeDatabase(config, logger, { poolMax: parsed.concurrency + 2 });
  if (database) {
    // DATABASE_URL is not migrated here: a fresh database failed every file with "relation documents does not exist".
    try {
      await assertSchemaCurrent(database.pool, database.label);
    } catch (error) {
      await database.close();
      if (!(error instanceof DatabaseSchemaBehindError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
  }
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new InterruptedError());
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = new TerminalProgressBar(process.stderr, 'ingest');
  const where = parsed.mode === 'direct' ? 'direct' : `file « ingest » (préfixe ${config.QUEUE_PREFIX})${parsed.mode === 'enqueue-only' ? ', workers externes' : ''}`;
  process.stdout.write(`Base : ${database?.label ?? 'celle des workers'} — modèle d'embedding : ${embedder.model} — ${where}\n`);
  const context: RunContext = { config, logger, args: parsed, files, embedder, bar, signal: interrupt.signal };
  try {
    bar.update({ done: 0, total: files.length });
    const results = pruneOnly ? [] : parsed.mode === 'direct' ? await runDirect(context, database!) : await runThroughQueue(context, database);
    bar.finish();
    for (const result of results) process.stdout.write(`${describeIngestResult(result)}\n`);
    process.stdout.write(`${summarizeIngestResults(results)}\n`);
    if (parsed.prune) await pruneFolders(paths, files, database!);
    return results.some((result) => result.status === 'failed') ? 1 : 0;
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    bar.finish();
    process.stderr.write(
      parsed.mode === 'direct'
        ? 'Interrompu : les fichiers déjà traités sont enregistrés, relance la commande pour le reste.\n'
        : 'Interrompu : les tâches restantes restent dans la file « ingest » (un worker les traitera).\n',
    );
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ingestion impossible : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
