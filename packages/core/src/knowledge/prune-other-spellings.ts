import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * `pnpm ingest --prune <folder>` when the folder has several spellings: its own path and a symbolic
 * link to it (a deploy's `current`, macOS' /tmp and /private/tmp), or a path through a linked parent.
 * A run stores each file under the path it was given (ingest-paths.ts), so a folder ingested once
 * through the link and once through its real path holds each document twice, and pruning through one
 * spelling left the documents stored under the other, deleted files included, answering for ever.
 *
 * A stored document whose key, resolved from `baseDir` through the links of its existing parent
 * folders (not a link that is the file itself), lies inside the folder's real path is one of this folder's files: when this run did not
 * keep its key (it found the file under another key, or not at all) it is removed.
 */

/** The real path of the folder `target`, through the links of its nearest existing parent when it is gone itself. */
async function realLocationOf(target: string): Promise<string | null> {
  const missingParts: string[] = [];
  let existing = target;
  for (;;) {
    const real = await realpath(existing).catch(() => null);
    if (real !== null) return path.join(real, ...missingParts.reverse());
    const parent = path.dirname(existing);
    if (parent === existing) return null;
    missingParts.push(path.basename(existing));
    existing = parent;
  }
}

/**
 * Deletes the documents that are files of `folder` stored under another spelling of it and not among
 * `keptKeys`. Keys are resolved from `baseDir` (absolute keys as they are). Returns the removed keys, sorted.
 */
export async function pruneOtherSpellingsOf(pool: pg.Pool, folder: string, keptKeys: readonly string[], baseDir: string): Promise<string[]> {
  const folderReal = await realpath(folder).catch(() => null);
  if (folderReal === null) return [];
  const kept = new Set(keptKeys);
  const stored = await pool.query<{ source_key: string }>('SELECT source_key FROM documents WHERE source_key IS NOT NULL');
  const others: string[] = [];
  for (const { source_key: key } of stored.rows) {
    if (kept.has(key)) continue;
    // The links of its folders only: a file that is itself a link (a ConfigMap's) belongs where the link is.
    const absolute = path.resolve(baseDir, key);
    const folderLocation = await realLocationOf(path.dirname(absolute));
    const location = folderLocation === null ? null : path.join(folderLocation, path.basename(absolute));
    if (location !== null && location.startsWith(`${folderReal}${path.sep}`)) others.push(key);
  }
  if (others.length === 0) return [];
  const removed = await pool.query<{ source_key: string }>('DELETE FROM documents WHERE source_key = ANY($1::text[]) RETURNING source_key', [others]);
  return removed.rows.map((row) => row.source_key).sort();
}
