import type { IngestFileResult } from '@lac/core/knowledge';

/** Command line of `pnpm ingest` and the lines it prints (kept apart from the command so tests import them freely). */

export const INGEST_USAGE = `Usage : pnpm ingest [--direct | --enqueue-only] [--force] [--prune] [--concurrency N] <fichiers ou dossiers>...
  Charge des documents Markdown (.md), texte (.txt), HTML (.html) ou PDF (.pdf) dans la base de connaissances.
  Par défaut, une tâche par fichier dans la file BullMQ « ingest » (visible dans /admin/queues),
  traitée par un worker lancé ici ; la commande attend la fin et affiche le bilan.
  --direct         sans file ni Redis : ingère ici, fichier par fichier
  --enqueue-only   ne lance pas de worker ici : attend que les workers du service traitent les tâches
  --force          ré-indexe même les fichiers inchangés
  --prune          retire de la base les documents de ces dossiers dont le fichier n'existe plus
                   (supprimé, renommé ou déplacé), après l'ingestion
  --concurrency N  fichiers traités en parallèle par le worker lancé ici (défaut 2)
Un fichier inchangé déjà indexé par un autre modèle d'embedding, ou découpé par une version antérieure
du lecteur ou du découpage (après une mise à jour), est ré-indexé sans --force.`;

export type IngestMode = 'queue' | 'direct' | 'enqueue-only';

export interface IngestCliArguments {
  paths: string[];
  force: boolean;
  /** Remove the documents of the given folders whose file is gone (prune-documents.ts). */
  prune: boolean;
  mode: IngestMode;
  concurrency: number;
}

export function parseIngestArguments(argv: readonly string[]): IngestCliArguments | { error: string } | { help: true } {
  const paths: string[] = [];
  let force = false;
  let prune = false;
  let mode: IngestMode = 'queue';
  let concurrency = 2;
  const setMode = (next: IngestMode) => {
    if (mode !== 'queue' && mode !== next) return `--direct et --enqueue-only s'excluent`;
    mode = next;
    return null;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return { help: true };
    if (argument === '--force') force = true;
    else if (argument === '--prune') prune = true;
    else if (argument === '--direct' || argument === '--enqueue-only') {
      const error = setMode(argument === '--direct' ? 'direct' : 'enqueue-only');
      if (error) return { error };
    } else if (argument === '--concurrency' || argument.startsWith('--concurrency=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1 || parsed > 64) return { error: '--concurrency attend un entier de 1 à 64' };
      concurrency = parsed;
    } else if (argument === '--') continue;
    else if (argument.startsWith('-')) return { error: `option inconnue : ${argument}` };
    // An empty argument (an unset shell variable) would resolve to the current folder, the whole repository.
    else if (argument.trim() === '') return { error: 'chemin vide : indique un fichier ou un dossier (une variable non définie ?)' };
    else paths.push(argument);
  }
  if (paths.length === 0) return { error: 'aucun fichier ni dossier indiqué' };
  if (prune && (mode as IngestMode) === 'enqueue-only') return { error: '--prune retire des documents de la base : pas avec --enqueue-only, qui ne l’ouvre pas' };
  return { paths, force, prune, mode, concurrency };
}

/** One line of the ingestion's report: its label in a column ("créé", "retiré"), then what it is about. */
export const ingestReportLine = (label: string, text: string): string => `${label.padEnd(10)} ${text}`;

/** The report's label of each outcome, in French like the rest of the report. */
const STATUS_LABELS: Record<IngestFileResult['status'], string> = { created: 'créé', updated: 'mis à jour', unchanged: 'inchangé', failed: 'échec' };

/** `(1 extrait)`, `(3 extraits)`. */
const chunkCountText = (chunks: number): string => `(${chunks} ${chunks === 1 ? 'extrait' : 'extraits'})`;

/** `créé       kb/guide.md (3 extraits)` / `échec      kb/x.md: raison`. */
export function describeIngestResult(result: IngestFileResult): string {
  if (result.status === 'failed') return ingestReportLine(STATUS_LABELS.failed, result.error ?? result.file);
  return ingestReportLine(STATUS_LABELS[result.status], `${result.file}${result.chunks === undefined ? '' : ` ${chunkCountText(result.chunks)}`}`);
}

export function summarizeIngestResults(results: readonly IngestFileResult[]): string {
  const count = (status: IngestFileResult['status']) => results.filter((result) => result.status === status).length;
  return (
    `${results.length} fichier(s) : ${count('created')} créé(s), ${count('updated')} mis à jour, ` +
    `${count('unchanged')} inchangé(s), ${count('failed')} en échec.`
  );
}
