import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaMigrationsTableSql } from './migrate.ts';
import { readMigrationFiles, type MigrationFile } from './migration-files.ts';

/**
 * Where `pnpm db:generate` writes every migration in one file, for Supabase's SQL editor:
 * `database/supabase.sql`, git-ignored (a build output, regenerated from the migrations before use).
 */
export const supabaseSqlPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../database/supabase.sql');

const sqlLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * All migrations concatenated in one transaction, each followed by its `schema_migrations`
 * record, so a later `pnpm db:migrate` on the same database (DATABASE_URL) skips them. Every
 * migration is idempotent, so pasting the file again is harmless.
 */
export function renderSupabaseSql(migrations: MigrationFile[]): string {
  const parts = [
    '-- GENERATED FILE: do not edit. Regenerate with `pnpm db:generate`',
    '-- (services/cli/src/generate-supabase-sql-cli.ts) from database/migrations/*.sql.',
    '--',
    "-- Paste it whole into Supabase's SQL editor (or `psql -f database/supabase.sql`). It brings an",
    '-- empty project, the v1 database, or v1 with the v2 migration run, to the current schema,',
    '-- keeping every row, in one transaction. Running it again changes nothing.',
    '',
    'BEGIN;',
    '',
    schemaMigrationsTableSql,
  ];
  for (const migration of migrations) {
    parts.push(
      '',
      `-- ${'='.repeat(20)} ${migration.name} ${'='.repeat(20)}`,
      migration.sql.trimEnd(),
      `INSERT INTO schema_migrations (version, name, checksum) VALUES (${sqlLiteral(migration.version)}, ${sqlLiteral(migration.name)}, ${sqlLiteral(migration.checksum)})`,
      '  ON CONFLICT (version) DO NOTHING;',
    );
  }
  parts.push('', 'COMMIT;', '');
  return parts.join('\n');
}

/** Reads the migrations and writes {@link renderSupabaseSql} of them to `outputPath` (folders created). */
export async function writeSupabaseSql(
  outputPath: string = supabaseSqlPath,
  migrationsDirectory?: string,
): Promise<{ outputPath: string; migrationCount: number }> {
  const migrations = await readMigrationFiles(migrationsDirectory);
  await mkdir(path.dirname(outputPath), { recursive: true });
  await writeFile(outputPath, renderSupabaseSql(migrations), 'utf8');
  return { outputPath, migrationCount: migrations.length };
}
