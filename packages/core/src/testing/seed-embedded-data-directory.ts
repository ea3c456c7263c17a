import { existsSync } from 'node:fs';
import path from 'node:path';
import { createPGliteWithExtensions } from '../database/pglite-with-extensions.ts';
import { pgliteTemplate } from '../database/pglite-template.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * Lays an empty embedded-database data directory (`<dataDir>/pglite`, as startEmbeddedDatabase
 * reads it) from the migrated PGlite template, so a test's first start skips initdb and applying
 * every migration in WASM (about 2.5 s on this machine). Does nothing when the directory already
 * holds a database. Returns whether it laid one.
 */
export async function seedEmbeddedDataDirectoryFromTemplate(dataDir: string, logger: Logger): Promise<boolean> {
  const pgliteDir = path.join(dataDir, 'pglite');
  if (existsSync(path.join(pgliteDir, 'PG_VERSION'))) return false;
  const seeded = await createPGliteWithExtensions({ dataDir: pgliteDir, loadDataDir: await pgliteTemplate('migrated', logger) });
  await seeded.close();
  return true;
}
