import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';

/** The extensions the migrations create (pgvector, unaccent), loaded into every PGlite the product and its tests open. */
const PGLITE_EXTENSIONS = { vector, unaccent };

/** A PGlite with the extensions the schema needs: the one way this codebase opens one. */
export function createPGliteWithExtensions(options: Omit<PGliteOptions, 'extensions'> = {}) {
  return PGlite.create({ ...options, extensions: PGLITE_EXTENSIONS });
}
