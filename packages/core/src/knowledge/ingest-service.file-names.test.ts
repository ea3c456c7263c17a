import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createLogger } from '../logging/logger.ts';
import { ingestPaths } from './ingest-service.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';
import { temporaryDatabaseAroundTests, temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';

const database = temporaryDatabaseAroundTests();
const workDir = temporaryFolderAroundTests('lac-ingest-names-');

describe('ingestPaths and file names', () => {
  it('names a file whose name is not UTF-8 (a zip made on Windows) as such, not as missing, and loads the others', async () => {
    const folder = path.join(workDir(), 'kb');
    await mkdir(folder, { recursive: true });
    // "compost-mûr.md" with its "û" in Latin-1 (0xFB): Node reads the name with U+FFFD in its place.
    const latin1Name = Buffer.concat([Buffer.from(folder + path.sep), Buffer.from('compost-m'), Buffer.from([0xfb]), Buffer.from('r.md')]);
    await writeFile(latin1Name, 'Le compost mûrit en six mois.\n');
    await writeFile(path.join(folder, 'paillage été.md'), 'Le paillage garde la fraîcheur du sol.\n');
    const results = await ingestPaths([folder], { store: new PgIngestStore(database().pool), embedder: new HashingEmbedder(), logger: createLogger({ level: 'silent' }), baseDir: workDir() });
    expect(results.map((result) => [result.file, result.status])).toEqual([
      ['kb/compost-m\uFFFDr.md', 'failed'],
      ['kb/paillage été.md', 'created'],
    ]);
    expect(results[0]!.error).toMatch(/^kb\/compost-m\uFFFDr\.md: nom de fichier illisible \(pas en UTF-8 /);
    expect(results[0]!.error).not.toMatch(/introuvable/);
  });
});
