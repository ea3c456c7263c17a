import type pg from 'pg';

/**
 * `pnpm ingest --prune <folder>`: the documents of a folder whose file is gone. A document's
 * identity is its source key (its path, ingest-service.ts `sourceKeyOf`): a file deleted, renamed or
 * moved out of the folder left its document answering for ever, since ingesting the folder again
 * only adds and updates. Removed in one statement (the chunks go with their document).
 */

/** `%`, `_` and `\` of a key prefix matched literally by LIKE ... ESCAPE '\'. */
const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Deletes the documents whose source key lies under `folderKey` (the folder's own source key; ''
 * for the current directory: every relative key) and is not one of `keptKeys` (every file found in
 * the folder now, ingested or failed). Returns the removed keys, sorted.
 */
export async function pruneDocumentsUnder(pool: pg.Pool, folderKey: string, keptKeys: readonly string[]): Promise<string[]> {
  const pattern = folderKey === '' ? '%' : `${likeEscaped(folderKey.replace(/\/+$/, ''))}/%`;
  const result = await pool.query<{ source_key: string }>(
    `DELETE FROM documents
      WHERE source_key LIKE $1 ESCAPE '\\'
        AND ($1 <> '%' OR source_key NOT LIKE '/%')
        AND NOT (source_key = ANY($2::text[]))
    RETURNING source_key`,
    [pattern, [...keptKeys]],
  );
  return result.rows.map((row) => row.source_key).sort();
}
