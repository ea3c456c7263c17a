/**
 * `pnpm reembed [--dry-run] [--batch-size N]`: re-embeds every chunk whose embedding model is not
 * the current embedder's (OpenAI's EMBEDDING_MODEL when OPENAI_API_KEY is set, else the local
 * hashing embedder: the same choice as the chat pipeline), one transaction per document, with a
 * progress bar on stderr (plain lines when stderr is not a terminal). Idempotent: run it again
 * after an interruption and it resumes; with nothing stale it does nothing.
 *
 * Database: DATABASE_URL, else the running stack's embedded database, else the embedded database
 * under DATA_DIR started for the occasion (packages/core/src/knowledge/knowledge-database.ts).
 * Exit code: 0 done (or nothing to do), 1 failure, 2 bad usage, 130 interrupted.
 */
import { createCapabilities } from '@lac/core';
import { openKnowledgeDatabase, findStaleDocuments, reembedStaleChunks } from '@lac/core/knowledge';
import { TerminalProgressBar } from './terminal-progress-bar.ts';
import { runnableArguments } from './cli-usage.ts';
import { loadCommandEnvironment } from './cli-environment.ts';

const USAGE = `Usage : pnpm reembed [--dry-run] [--batch-size N]
  Ré-calcule l'embedding des extraits produits par un autre modèle que le modèle actuel
  (OpenAI si OPENAI_API_KEY est défini, sinon l'embedder local), un document à la fois.
  --dry-run        compte seulement ce qui serait ré-calculé
  --batch-size N   textes par appel à l'embedder (défaut 64)`;

function parseArguments(argv: readonly string[]): { dryRun: boolean; batchSize?: number } | { error: string } | { help: true } {
  let dryRun = false;
  let batchSize: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return { help: true };
    if (argument === '--dry-run') dryRun = true;
    else if (argument === '--batch-size' || argument.startsWith('--batch-size=')) {
      const value = Number(argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index]);
      if (!Number.isInteger(value) || value < 1 || value > 2048) return { error: '--batch-size attend un entier de 1 à 2048' };
      batchSize = value;
    } else if (argument !== '--') return { error: `argument inconnu : ${argument}` };
  }
  return { dryRun, ...(batchSize === undefined ? {} : { batchSize }) };
}

async function main(): Promise<number> {
  const outcome = runnableArguments(parseArguments(process.argv.slice(2)), USAGE);
  if ('exitCode' in outcome) return outcome.exitCode;
  const parsed = outcome.args;
  const { config, logger } = loadCommandEnvironment('reembed', { drawsProgress: true });
  const { embedder } = await createCapabilities({ config, logger });
  const database = await openKnowledgeDatabase(config, logger, { poolMax: 2, applicationName: 'lac-reembed' });
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new Error('interrompu'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const stale = await findStaleDocuments(database.pool, embedder.model);
    const staleChunks = stale.reduce((sum, document) => sum + document.staleChunks, 0);
    process.stdout.write(
      `Base : ${database.label} — modèle actuel : ${embedder.model} — à ré-calculer : ${staleChunks} extrait(s) dans ${stale.length} document(s)\n`,
    );
    if (parsed.dryRun || stale.length === 0) return 0;

    const bar = new TerminalProgressBar(process.stderr, 'reembed');
    let lastLoggedDocuments = -1;
    const summary = await reembedStaleChunks({
      pool: database.pool,
      embedder,
      logger,
      signal: interrupt.signal,
      ...(parsed.batchSize === undefined ? {} : { batchSize: parsed.batchSize }),
      onProgress: (progress) => {
        bar.update({ done: progress.chunksDone, total: progress.chunksTotal, detail: progress.document });
        if (!bar.isInteractive && progress.documentsDone !== lastLoggedDocuments && progress.documentsDone > 0) {
          lastLoggedDocuments = progress.documentsDone;
          bar.log(`[${progress.documentsDone}/${progress.documentsTotal}] ${progress.document} (${progress.chunksDone}/${progress.chunksTotal} extraits)`);
        }
      },
    });
    bar.finish();
    process.stdout.write(`${summary.chunks} extrait(s) de ${summary.documents} document(s) ré-calculé(s) avec ${summary.model}.\n`);
    return 0;
  } catch (error) {
    if (interrupt.signal.aborted) {
      process.stderr.write('\nInterrompu : ce qui est fait est enregistré ; relance pnpm reembed pour finir.\n');
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`re-calcul impossible : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
