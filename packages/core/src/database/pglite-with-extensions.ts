import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import type { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { vector } from '@electric-sql/pglite-pgvector';

/**
 * PGlite with the two extensions the migrations create (pgvector, unaccent), imported on first
 * use: the embedded and temporary databases need them, a process on DATABASE_URL or Supabase never
 * does, and importing them costs about 0.2 s of start-up to every process and test file that
 * imports `@lac/core`.
 */
interface PgliteModules {
  PGlite: typeof PGlite;
  extensions: { vector: typeof vector; unaccent: typeof unaccent };
}

let loading: Promise<PgliteModules> | undefined;

function loadPgliteModules(): Promise<PgliteModules> {
  loading ??= Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/unaccent'), import('@electric-sql/pglite-pgvector')]).then(
    ([pglite, unaccentModule, vectorModule]) => ({ PGlite: pglite.PGlite, extensions: { vector: vectorModule.vector, unaccent: unaccentModule.unaccent } }),
  );
  // A failed import is tried again by the next caller.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A PGlite with the extensions the schema needs: the one way this codebase opens one. */
export async function createPGliteWithExtensions(options: Omit<PGliteOptions, 'extensions'> = {}) {
  const { PGlite, extensions } = await loadPgliteModules();
  return PGlite.create({ ...options, extensions });
}
