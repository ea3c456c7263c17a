/**
 * `pnpm db:generate`: writes database/supabase.sql from database/migrations (all migrations in
 * one file for Supabase's SQL editor). A test fails when the file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { readMigrationFiles, renderSupabaseSql, supabaseSqlPath } from '@lac/core';

const migrations = await readMigrationFiles();
await writeFile(supabaseSqlPath, renderSupabaseSql(migrations), 'utf8');
process.stdout.write(`wrote ${supabaseSqlPath} (${migrations.length} migrations)\n`);
