import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createLogger } from '../logging/logger.ts';
import { expandIngestPaths, ingestPaths, MAX_FILE_BYTES, sourceKeyOf, type IngestFileResult } from './ingest-service.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';
import { buildMinimalPdf } from './test-support/minimal-pdf.ts';
import { temporaryDatabaseAroundTests, temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';

const knowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));
const logger = createLogger({ level: 'silent' });
const embedder = new HashingEmbedder();

const database = temporaryDatabaseAroundTests();
const workDir = temporaryFolderAroundTests('lac-ingest-test-');
/** One store for the file, as the ingest CLI keeps one (it counts chunks written since the last ANALYZE). */
let store: PgIngestStore;
beforeAll(() => {
  store = new PgIngestStore(database().pool);
});

const byFile = (results: IngestFileResult[]) => Object.fromEntries(results.map((result) => [result.file, result]));

describe('ingestPaths', () => {
  it('loads the sample knowledge base: every document created, then unchanged', async () => {
    const progress: number[] = [];
    const first = await ingestPaths([knowledgeBaseDir], {
      store,
      embedder,
      logger,
      baseDir: path.dirname(knowledgeBaseDir),
      onProgress: (_result, done) => progress.push(done),
    });
    expect(first.length).toBeGreaterThanOrEqual(14);
    expect(first.filter((result) => result.status !== 'created')).toEqual([]);
    expect(first[0]!.file.startsWith('knowledge-base/')).toBe(true);
    expect(progress).toEqual(first.map((_, index) => index + 1));
    expect(await store.countDocuments()).toBe(first.length);

    const owners = await database().pool.query<{ agent_owner: string; count: number }>(
      `SELECT agent_owner, count(*)::int AS count FROM documents GROUP BY agent_owner ORDER BY agent_owner`,
    );
    const counts = Object.fromEntries(owners.rows.map((row) => [row.agent_owner, row.count]));
    expect(counts.audrey).toBeGreaterThanOrEqual(5);
    expect(counts.carole).toBeGreaterThanOrEqual(5);
    expect(counts.shared).toBeGreaterThanOrEqual(4);
    const chunks = await database().pool.query<{ models: string[]; sections: number }>(
      `SELECT array_agg(DISTINCT embedding_model) AS models, count(section)::int AS sections FROM document_chunks`,
    );
    expect(chunks.rows[0]!.models).toEqual(['local-hashing-v4']);
    expect(chunks.rows[0]!.sections).toBeGreaterThan(0);

    const second = await ingestPaths([knowledgeBaseDir], { store, embedder, logger, baseDir: path.dirname(knowledgeBaseDir) });
    expect(second.every((result) => result.status === 'unchanged')).toBe(true);
  });

  it('tags documents without agent_owner and reports each bad file by name without stopping the others', async () => {
    const folder = path.join(workDir(), 'kb');
    await mkdir(path.join(folder, 'sous-dossier'), { recursive: true });
    await writeFile(path.join(folder, 'reels.md'), '---\ntitle: Mes Reels\ntags: [instagram]\n---\n# Mes Reels\n\nUn Reel par semaine sur Instagram, avec une story.\n');
    await writeFile(path.join(folder, 'sous-dossier', 'zapier.txt'), 'Zapier pour débuter\nRelie ton formulaire à ton email avec Zapier, puis teste le zap.\n');
    await writeFile(path.join(folder, 'vide.md'), '---\ntitle: Vide\n---\n\n   \n');
    await writeFile(path.join(folder, 'mauvais.md'), '---\ntitle: Mauvais\nagent_owner: marie\n---\nTexte.');
    await writeFile(path.join(folder, 'cassé.md'), '---\ntitle: [pas fermé\n---\nTexte.');
    await writeFile(path.join(folder, 'latin1.md'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    await writeFile(path.join(folder, '.cache.md'), 'fichier caché');
    await writeFile(path.join(folder, 'image.png'), 'pas du texte');
    const huge = path.join(workDir(), 'enorme.md');
    await writeFile(huge, '# Énorme\n');
    await truncate(huge, MAX_FILE_BYTES + 1);
    const unsupported = path.join(workDir(), 'plaquette.docx');
    await writeFile(unsupported, 'PK');

    const results = await ingestPaths([folder, huge, unsupported, path.join(workDir(), 'absent.md')], {
      store,
      embedder,
      logger,
      baseDir: workDir(),
    });
    const files = byFile(results);
    expect(Object.keys(files).sort()).toEqual(
      ['absent.md', 'enorme.md', 'kb/cassé.md', 'kb/latin1.md', 'kb/mauvais.md', 'kb/reels.md', 'kb/sous-dossier/zapier.txt', 'kb/vide.md', 'plaquette.docx'].sort(),
    );
    expect(files['kb/reels.md']!.status).toBe('created');
    expect(files['kb/sous-dossier/zapier.txt']!.status).toBe('created');
    const expectations: Record<string, string> = {
      'kb/vide.md': 'vide',
      'kb/mauvais.md': 'agent_owner',
      'kb/cassé.md': 'YAML invalide',
      'kb/latin1.md': 'UTF-8',
      'enorme.md': 'trop volumineux',
      'plaquette.docx': 'non pris en charge',
      'absent.md': 'introuvable',
    };
    for (const [file, reason] of Object.entries(expectations)) {
      expect(files[file]!.status, file).toBe('failed');
      expect(files[file]!.error, file).toContain(file);
      expect(files[file]!.error, file).toContain(reason);
    }

    const documents = await database().pool.query<{ source_key: string; agent_owner: string; title: string; file_type: string }>(
      `SELECT source_key, agent_owner, title, file_type FROM documents WHERE source_key IN ('kb/reels.md', 'kb/sous-dossier/zapier.txt') ORDER BY source_key`,
    );
    expect(documents.rows).toEqual([
      { source_key: 'kb/reels.md', agent_owner: 'carole', title: 'Mes Reels', file_type: 'markdown' },
      { source_key: 'kb/sous-dossier/zapier.txt', agent_owner: 'audrey', title: 'Zapier pour débuter', file_type: 'text' },
    ]);
  });

  it('re-ingests a changed file as updated, replacing its chunks, and skips embedding for unchanged ones', async () => {
    const file = path.join(workDir(), 'change.md');
    await writeFile(file, '---\ntitle: Version 1\nagent_owner: audrey\n---\nPremière version sur Kajabi.');
    expect((await ingestPaths([file], { store, embedder, logger, baseDir: workDir() }))[0]!.status).toBe('created');

    let embedCalls = 0;
    const countingEmbedder = { model: embedder.model, dimensions: embedder.dimensions, embed: (texts: string[]) => ((embedCalls += 1), embedder.embed(texts)) };
    expect((await ingestPaths([file], { store, embedder: countingEmbedder, logger, baseDir: workDir() }))[0]!.status).toBe('unchanged');
    expect(embedCalls).toBe(0);
    // --force re-embeds and rewrites the unchanged file (after the chunker or a reader changed).
    const before = await database().pool.query<{ id: string }>(`SELECT chunk.id FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id WHERE document.source_key = 'change.md'`);
    expect((await ingestPaths([file], { store, embedder: countingEmbedder, logger, baseDir: workDir(), force: true }))[0]!.status).toBe('updated');
    expect(embedCalls).toBe(1);
    const after = await database().pool.query<{ id: string }>(`SELECT chunk.id FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id WHERE document.source_key = 'change.md'`);
    expect(after.rows.map((row) => row.id)).not.toEqual(before.rows.map((row) => row.id));

    await writeFile(file, '---\ntitle: Version 2\nagent_owner: audrey\n---\nDeuxième version sur Systeme.io.');
    const updated = await ingestPaths([file], { store, embedder, logger, baseDir: workDir() });
    expect(updated[0]!.status).toBe('updated');
    const chunks = await database().pool.query<{ content: string; title: string }>(
      `SELECT chunk.content, document.title FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id WHERE document.source_key = 'change.md'`,
    );
    expect(chunks.rows).toEqual([{ content: 'Deuxième version sur Systeme.io.', title: 'Version 2' }]);
  });

  it('sourceKeyOf is relative to the base folder with /, absolute outside it', () => {
    expect(sourceKeyOf('/data/kb/a/b.md', '/data')).toBe('kb/a/b.md');
    expect(sourceKeyOf('/elsewhere/b.md', '/data')).toBe('/elsewhere/b.md');
  });

  it('follows the symbolic links of a folder (files and folders, as a ConfigMap mounts them), each folder once, names a broken one, skips node_modules', async () => {
    const linked = path.join(workDir(), 'linked');
    const outside = path.join(workDir(), 'outside');
    await mkdir(path.join(outside, 'guides'), { recursive: true });
    await mkdir(linked);
    await writeFile(path.join(outside, 'tarifs.md'), '# Tarifs\n\nUne séance coûte 90 euros.');
    await writeFile(path.join(outside, 'guides', 'reels.md'), '# Reels\n\nTrois Reels par semaine.');
    await symlink(path.join(outside, 'tarifs.md'), path.join(linked, 'tarifs.md'));
    await symlink(path.join(outside, 'guides'), path.join(linked, 'guides'));
    await symlink(linked, path.join(linked, 'boucle'));
    await symlink(path.join(outside, 'absent.md'), path.join(linked, 'casse.md'));
    await mkdir(path.join(linked, 'node_modules', 'paquet'), { recursive: true });
    await writeFile(path.join(linked, 'node_modules', 'paquet', 'README.md'), '# Paquet\n\nPas un document.');
    const listed = (await expandIngestPaths([linked])).map(({ file }) => path.relative(linked, file));
    expect(listed.sort()).toEqual(['casse.md', 'guides/reels.md', 'tarifs.md']);
    const results = byFile(await ingestPaths([linked], { store, embedder, logger, baseDir: linked }));
    expect(results['tarifs.md']).toMatchObject({ status: 'created' });
    expect(results['guides/reels.md']).toMatchObject({ status: 'created' });
    expect(results['casse.md']).toMatchObject({ status: 'failed', error: expect.stringContaining('casse.md') });
  });

  it('stores a file reached by several paths once (a link beside it, its folder given inside another)', async () => {
    const folder = path.join(workDir(), 'doublons');
    await mkdir(path.join(folder, 'sub'), { recursive: true });
    await writeFile(path.join(folder, 'sub', 'offre.md'), '# Offre\n\nLe coaching Instagram dure six semaines.');
    await symlink(path.join(folder, 'sub', 'offre.md'), path.join(folder, 'lien.md'));
    const results = await ingestPaths([folder, path.join(folder, 'sub'), path.join(folder, 'lien.md')], { store, embedder, logger, baseDir: workDir() });
    expect(results).toEqual([expect.objectContaining({ file: 'doublons/sub/offre.md', status: 'created' })]);
    const stored = await database().pool.query(`SELECT source_key FROM documents WHERE source_key LIKE 'doublons/%'`);
    expect(stored.rows).toEqual([{ source_key: 'doublons/sub/offre.md' }]);
  });

  it('re-embeds an unchanged file when the embedding model changed, then leaves it alone', async () => {
    const file = path.join(workDir(), 'modele.md');
    await writeFile(file, '---\ntitle: Changement de modèle\nagent_owner: audrey\n---\nUne automatisation Zapier pour tes emails.');
    expect((await ingestPaths([file], { store, embedder, logger, baseDir: workDir() }))[0]!.status).toBe('created');

    const otherModel = new OtherModelEmbedder();
    const switched = await ingestPaths([file], { store, embedder: otherModel, logger, baseDir: workDir() });
    expect(switched[0]).toMatchObject({ status: 'updated', chunks: 1 });
    expect(otherModel.calls).toBe(1);
    const models = await database().pool.query<{ embedding_model: string }>(
      `SELECT chunk.embedding_model FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id WHERE document.source_key = 'modele.md'`,
    );
    expect(models.rows).toEqual([{ embedding_model: OTHER_MODEL }]);

    expect((await ingestPaths([file], { store, embedder: otherModel, logger, baseDir: workDir() }))[0]!.status).toBe('unchanged');
    expect(otherModel.calls).toBe(1);
    expect(await store.findDocumentState('modele.md')).toMatchObject({ embeddingModels: [OTHER_MODEL] });
    expect(await store.findDocumentState('absent.md')).toBeNull();
  });

  it('rejects a bad batch file by file, naming each, and leaves the other files and the stored documents intact', async () => {
    const folder = path.join(workDir(), 'lot');
    await mkdir(folder, { recursive: true });
    const write = (name: string, content: string | Buffer) => writeFile(path.join(folder, name), content);
    // Already in the knowledge base before the bad batch.
    await write('guide.md', '---\ntitle: Guide Kajabi\nagent_owner: audrey\n---\n# Guide Kajabi\n\nCrée ton premier produit sur Kajabi.');
    await write('fiche.html', '<title>Fiche Reels</title><h1>Fiche Reels</h1><p>Un Reel par semaine sur Instagram.</p>');
    await write('catalogue.pdf', buildMinimalPdf({ title: 'Catalogue', pages: [['Nos offres de coaching pour ton tunnel de vente.']] }));
    const before = await ingestPaths([folder], { store, embedder, logger, baseDir: workDir() });
    expect(before.map((result) => result.status)).toEqual(['created', 'created', 'created']);
    const snapshot = () =>
      database().pool.query(
        `SELECT document.id, document.source_key, document.title, document.content_hash, document.updated_at, document.agent_owner,
                array_agg(chunk.id::text || ':' || chunk.embedding_model || ':' || md5(chunk.content || chunk.embedding::text) ORDER BY chunk.chunk_index) AS chunks
         FROM documents document JOIN document_chunks chunk ON chunk.document_id = document.id
         WHERE document.source_key LIKE 'lot/%' GROUP BY document.id ORDER BY document.source_key`,
      );
    const stored = (await snapshot()).rows;

    // The bad batch: each kind of bad input, two files that replace stored documents with broken versions, and good files.
    await write('catalogue.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x41), Buffer.from('\n%%EOF\n')]));
    await write('guide.md', '---\ntitle: [Guide Kajabi\nagent_owner: audrey\n---\nVersion cassée.');
    await write('inconnu.md', '---\ntitle: Inconnu\nagent_owner: sophie\n---\nTexte.');
    await write('vide.txt', '');
    await write('blanc.md', '---\ntitle: Blanc\n---\n\n \n');
    const huge = path.join(folder, 'enorme.pdf');
    await writeFile(huge, '%PDF-1.4\n');
    await truncate(huge, 50 * 1024 * 1024);
    await write('nouveau.html', '<html><head><title>Zapier et Kajabi</title></head><body><h1>Zapier et Kajabi</h1><p>Relie Kajabi à Zapier pour tes emails.</p></body></html>');
    await write('nouveau.pdf', buildMinimalPdf({ title: 'Calendrier de contenu', pages: [['Planifie ton contenu Instagram : une story et un reel par jour.']] }));

    const results = byFile(await ingestPaths([folder], { store, embedder, logger, baseDir: workDir() }));
    const expectedFailures: Record<string, RegExp> = {
      'lot/catalogue.pdf': /^lot\/catalogue\.pdf: PDF illisible ou corrompu/,
      'lot/guide.md': /^lot\/guide\.md: front matter YAML invalide/,
      'lot/inconnu.md': /^lot\/inconnu\.md: front matter invalide : agent_owner doit valoir audrey, carole ou shared$/,
      'lot/vide.txt': /^lot\/vide\.txt: le fichier est vide \(0 octet\)$/,
      'lot/blanc.md': /^lot\/blanc\.md: le document est vide$/,
      'lot/enorme.pdf': /^lot\/enorme\.pdf: fichier trop volumineux \(52428800 octets, maximum \d+\)$/,
    };
    for (const [file, reason] of Object.entries(expectedFailures)) {
      expect(results[file], file).toMatchObject({ status: 'failed' });
      expect(results[file]!.error, file).toMatch(reason);
    }
    expect(results['lot/fiche.html']).toMatchObject({ status: 'unchanged' });
    expect(results['lot/nouveau.html']).toMatchObject({ status: 'created', chunks: 1 });
    expect(results['lot/nouveau.pdf']).toMatchObject({ status: 'created', chunks: 1 });
    expect(Object.keys(results)).toHaveLength(9);

    // The stored documents, including the two whose files are now broken, are exactly as they were.
    const after = (await snapshot()).rows;
    expect(after.filter((row) => stored.some((old) => old.id === row.id))).toEqual(stored);
    const added = await database().pool.query<{ source_key: string; title: string; file_type: string; agent_owner: string }>(
      `SELECT source_key, title, file_type, agent_owner FROM documents WHERE source_key IN ('lot/nouveau.html', 'lot/nouveau.pdf') ORDER BY source_key`,
    );
    expect(added.rows).toEqual([
      { source_key: 'lot/nouveau.html', title: 'Zapier et Kajabi', file_type: 'html', agent_owner: 'audrey' },
      { source_key: 'lot/nouveau.pdf', title: 'Calendrier de contenu', file_type: 'pdf', agent_owner: 'carole' },
    ]);
  });
});

const OTHER_MODEL = 'local-hashing-v1-test-variant';

/** The local embedder under another model name: vectors of "another model" for the model-change tests. */
class OtherModelEmbedder {
  readonly model = OTHER_MODEL;
  readonly dimensions = embedder.dimensions;
  calls = 0;
  embed(texts: string[], signal?: AbortSignal) {
    this.calls += 1;
    return embedder.embed(texts.map((text) => `${text} variante`), signal);
  }
}
