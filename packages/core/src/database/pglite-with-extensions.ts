import type { PGliteOptions } from '@electric-sql/pglite';
import { loadPgliteModules } from './pglite-modules.ts';

/**
 * A PGlite with the extensions the migrations create (pgvector, unaccent): the one way this
 * codebase opens one. PGlite is imported on the first call (pglite-modules.ts).
 */
export async function createPGliteWithExtensions(options: Omit<PGliteOptions, 'extensions'> = {}) {
  const { PGlite, extensions } = await loadPgliteModules();
  return PGlite.create({ ...options, extensions });
}
