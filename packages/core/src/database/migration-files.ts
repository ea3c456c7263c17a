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
  /** sha256 of the (expanded) SQL, recorded when applied (an edited, already-applied file is reported). */
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
    const sql = expandMigrationDirectives(await readFile(path.join(directory, entry), 'utf8'));
    const version = match[1] as string;
    if (migrations.some((migration) => migration.version === version)) {
      throw new Error(`two migration files share version ${version}`);
    }
    migrations.push({ version, name: entry.slice(0, -'.sql'.length), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

const dropFunctionOverloadsDirective = /^-- @drop-function-overloads: (.+)$/gm;
const sqlFunctionName = /^[a-z_][a-z0-9_]*$/;

/**
 * A migration line `-- @drop-function-overloads: name_a, name_b` stands for the one statement that
 * drops every overload of those functions in the current schema (CREATE OR REPLACE cannot change a
 * function's result type, so a migration that defines functions drops them first). Migrations are
 * applied, checksummed and rendered for Supabase expanded: 0006, 0009 and 0012 spelled the
 * statement out before, and their expanded text is the same to the byte (same checksum).
 */
export function expandMigrationDirectives(sql: string): string {
  return sql.replace(dropFunctionOverloadsDirective, (_line, list: string) => {
    const names = list.split(',').map((name) => name.trim());
    for (const name of names) if (!sqlFunctionName.test(name)) throw new Error(`not a function name in @drop-function-overloads: ${name}`);
    return dropFunctionOverloadsStatement(names);
  });
}

function dropFunctionOverloadsStatement(names: string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  const rows: string[] = [];
  for (let index = 0; index < quoted.length; index += 3) rows.push(quoted.slice(index, index + 3).join(', '));
  return [
    'DO $migration$',
    'DECLARE',
    '  existing_function record;',
    'BEGIN',
    '  FOR existing_function IN',
    '    SELECT procedure.oid::regprocedure AS signature',
    '    FROM pg_proc procedure',
    '    WHERE procedure.pronamespace = current_schema()::regnamespace',
    `      AND procedure.proname IN (${rows.join(`,\n${' '.repeat(32)}`)})`,
    '  LOOP',
    "    EXECUTE format('DROP FUNCTION %s', existing_function.signature);",
    '  END LOOP;',
    'END',
    '$migration$;',
  ].join('\n');
}
