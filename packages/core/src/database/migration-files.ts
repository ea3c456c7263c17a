import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `database/migrations` of the repository. */
export const defaultMigrationsDirectory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../database/migrations',
);

export interface MigrationFile {
  /** The number prefix, e.g. `0003`. */
  version: string;
  /** The file name without extension, e.g. `0003_text_ids`. */
  name: string;
  sql: string;
  /** sha256 of the SQL, recorded when applied (an edited, already-applied file is reported). */
  checksum: string;
}

const migrationFileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migration files of a directory, in version order. Throws on a duplicate version. */
export async function readMigrationFiles(directory: string = defaultMigrationsDirectory): Promise<MigrationFile[]> {
  const entries = (await readdir(directory)).filter((entry) => entry.endsWith('.sql')).sort();
  const migrations: MigrationFile[] = [];
  for (const entry of entries) {
    const match = migrationFileNamePattern.exec(entry);
    if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${entry}`);
    const sql = await readFile(path.join(directory, entry), 'utf8');
    const version = match[1] as string;
    if (migrations.some((migration) => migration.version === version)) {
      throw new Error(`two migration files share version ${version}`);
    }
    migrations.push({ version, name: entry.slice(0, -'.sql'.length), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}
