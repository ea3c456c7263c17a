import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgStores, loadConfig } from '@lac/core';
import { captureLogLines } from '@lac/core/testing';
import { temporaryDatabaseAroundTests, temporaryFolderAroundTests } from '@lac/core/testing/vitest';
import { seedKnowledgeBaseIfEmpty } from './seed-knowledge-base.ts';

/**
 * `pnpm start` with KNOWLEDGE_BASE_DIR pointing at a folder that is not there, or whose every file
 * is refused, logged "sample knowledge base loaded" (info, documents: 0) and every answer then said
 * it found nothing (probe, 2026-12-05); each refused file was also logged twice.
 */

const database = temporaryDatabaseAroundTests();
const workDir = temporaryFolderAroundTests('lac-seed-test-');
const config = loadConfig({});

describe('seedKnowledgeBaseIfEmpty', () => {
  it('warns that nothing was loaded when the folder is missing or every file is refused, and names each refused file once', async () => {
    const knowledge = createPgStores(database().pool).knowledge;
    const missing = captureLogLines('info');
    await seedKnowledgeBaseIfEmpty({ knowledge, config, logger: missing.logger, knowledgeBaseDir: path.join(workDir(), 'absent') });
    expect(missing.lines.map((line) => line.msg)).not.toContain('sample knowledge base loaded');
    expect(missing.lines.find((line) => line.level === 40 && line.msg === 'no document loaded from the knowledge base folder')).toMatchObject({ directory: path.join(workDir(), 'absent'), failed: 1 });

    const folder = path.join(workDir(), 'refused');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'vide.md'), '');
    await writeFile(path.join(folder, 'owner.md'), '---\nagent_owner: bob\n---\nTexte.\n');
    const refused = captureLogLines('info');
    await seedKnowledgeBaseIfEmpty({ knowledge, config, logger: refused.logger, knowledgeBaseDir: folder });
    expect(refused.lines.filter((line) => line.level === 40 && line.msg === 'no document loaded from the knowledge base folder')).toHaveLength(1);
    const fileLines = refused.lines.filter((line) => typeof line.file === 'string');
    expect(fileLines.map((line) => line.file).sort()).toEqual([path.join(folder, 'owner.md'), path.join(folder, 'vide.md')]);
    expect(await knowledge.countDocuments()).toBe(0);
  });

  it('says how many documents it loaded when some are', async () => {
    const knowledge = createPgStores(database().pool).knowledge;
    const folder = path.join(workDir(), 'good');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'vigne.md'), '---\ntitle: Tailler la vigne\n---\nLa vigne se taille en février.\n');
    await writeFile(path.join(folder, 'vide.md'), '');
    const loaded = captureLogLines('info');
    await seedKnowledgeBaseIfEmpty({ knowledge, config, logger: loaded.logger, knowledgeBaseDir: folder });
    expect(loaded.lines.find((line) => line.msg === 'sample knowledge base loaded')).toMatchObject({ documents: 1, failed: 1 });
    expect(loaded.lines.filter((line) => line.file === path.join(folder, 'vide.md'))).toHaveLength(1);
  });
});
