import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readerForFile } from './document-readers.ts';

/**
 * The files a list of paths given to ingestion stands for, and the key each is stored under.
 *
 * A document is known by its source key: the path it was listed under, relative to the base
 * folder. One file reached by several paths in one run (a folder given twice, `kb` and `kb/sub`,
 * a symbolic link beside the file it points to, a link to a folder also given) is listed once, by
 * its real path (links resolved), under the path that names the file itself rather than a link
 * to it (its real path first, then a path through a linked folder), else under the first path found. A file reached only through a link (a Kubernetes ConfigMap
 * mounts every file as one) keeps the link's path: the real one changes at every update.
 */

/** Stable key of a file: its path relative to baseDir with / separators (absolute when outside it). */
export function sourceKeyOf(file: string, baseDir: string): string {
  const absolute = resolve(file);
  const relativePath = relative(resolve(baseDir), absolute);
  const key = relativePath.startsWith('..') || isAbsolute(relativePath) ? absolute : relativePath;
  return key.split(sep).join('/');
}

async function listFilesOf(path: string, unsupported: string[], listedFolders: Set<string>): Promise<string[]> {
  // A link back to a folder already listed (a loop, or two links to one folder) is listed once.
  const folder = await realpath(path);
  if (listedFolders.has(folder)) return [];
  listedFolders.add(folder);
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
    // Hidden entries and installed packages (pnpm's node_modules is all links) are never documents.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    // A symbolic link counts as what it points to (a Kubernetes ConfigMap mounts every file as one);
    // a broken one is listed as a file, so that its ingestion fails naming it instead of skipping it.
    const target = entry.isSymbolicLink() ? await stat(child).catch(() => null) : entry;
    if (target?.isDirectory()) files.push(...(await listFilesOf(child, unsupported, listedFolders)));
    else if (target !== null && !target.isFile()) continue;
    else if (readerForFile(child) !== null) files.push(child);
    else unsupported.push(child);
  }
  return files;
}

/** A file's identity: its real path; a broken link has none, and its own path is its identity (its ingestion fails naming it). */
const identityOf = (file: string): Promise<string> => realpath(file).catch(() => resolve(file));

/** 2: the path is the file's real path; 1: the file itself, in a folder reached through a link; 0: a link to the file. */
async function directnessOf(file: string, real: string): Promise<number> {
  if (resolve(file) === real) return 2;
  return (await lstat(file).then((info) => info.isSymbolicLink(), () => true)) ? 0 : 1;
}

/**
 * Expands folders (recursively, supported types only, hidden entries skipped); keeps explicit files
 * as given; each file once (see above). The files of a folder whose type no reader takes (a .docx
 * beside the .md) go to `unsupported` when given, for the caller to name them rather than skip them silently.
 */
export async function expandIngestPaths(paths: readonly string[], unsupported: string[] = []): Promise<Array<{ file: string; missing?: string }>> {
  const expanded: Array<{ file: string; missing?: string }> = [];
  const foundByRealPath = new Map<string, { place: number; directness: number }>();
  const unsupportedFound: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      expanded.push({ file: path, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier ou dossier introuvable' : String(error) });
      continue;
    }
    const files = info.isDirectory() ? await listFilesOf(path, unsupportedFound, new Set()) : [path];
    for (const file of files) {
      const real = await identityOf(file);
      const directness = await directnessOf(file, real);
      const found = foundByRealPath.get(real);
      if (found === undefined) {
        foundByRealPath.set(real, { place: expanded.length, directness });
        expanded.push({ file });
      } else if (directness > found.directness) {
        expanded[found.place] = { file };
        found.directness = directness;
      }
    }
  }
  const unsupportedRealPaths = new Set<string>();
  for (const file of unsupportedFound) {
    const real = await identityOf(file);
    if (!unsupportedRealPaths.has(real)) unsupported.push(file);
    unsupportedRealPaths.add(real);
  }
  return expanded;
}
