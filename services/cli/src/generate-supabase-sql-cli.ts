/**
 * `pnpm db:generate [output.sql]`: writes every migration of database/migrations in one file for
 * Supabase's SQL editor, by default database/supabase.sql (git-ignored: a build output, generated
 * when needed, so it cannot go stale in the repository).
 */
import path from 'node:path';
import { supabaseSqlPath, writeSupabaseSql } from '@lac/core/command-line';
import { runnableArguments, type ParsedArguments } from './cli-usage.ts';

const usage = `Usage: pnpm db:generate [output.sql]
  Writes every migration (database/migrations) in one transaction, for Supabase's SQL editor or psql -f.
  Default output: database/supabase.sql (git-ignored).`;

function parseGenerateArguments(argv: readonly string[]): ParsedArguments<{ outputPath: string }> {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const paths = argv.filter((argument) => argument !== '--');
  const unknownOption = paths.find((argument) => argument.startsWith('-'));
  if (unknownOption) return { error: `unknown option: ${unknownOption}` };
  if (paths.length > 1) return { error: 'at most one output file' };
  if (paths[0] !== undefined && paths[0].trim() === '') return { error: 'empty output path (an unset shell variable?)' };
  return { outputPath: paths[0] ? path.resolve(paths[0]) : supabaseSqlPath };
}

const runnable = runnableArguments(parseGenerateArguments(process.argv.slice(2)), usage);
if ('exitCode' in runnable) {
  process.exitCode = runnable.exitCode;
} else {
  try {
    const written = await writeSupabaseSql(runnable.args.outputPath);
    process.stdout.write(`wrote ${written.outputPath} (${written.migrationCount} migrations)\n`);
  } catch (error) {
    // A folder, a missing parent folder or a read-only place: one line naming the path, not a stack.
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' ? 'is a folder, give a file name' : code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`db:generate: cannot write ${runnable.args.outputPath}: ${reason}\n`);
    process.exitCode = 1;
  }
}
