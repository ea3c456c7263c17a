import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';
import { expandIngestPaths } from './ingest-paths.ts';

const workDir = temporaryFolderAroundTests('lac-ingest-paths-');
/** The real path of the folder: on some systems the temporary folder itself is reached through a link. */
let root: string;
const relativeFiles = async (paths: string[], unsupported: string[] = []) =>
  (await expandIngestPaths(paths.map((target) => path.join(root, target)), unsupported)).map(({ file }) => path.relative(root, file));

beforeAll(async () => {
  root = await realpath(workDir());
  await mkdir(path.join(root, 'kb', 'sub'), { recursive: true });
  await writeFile(path.join(root, 'kb', 'guide.md'), '# Guide\n\nTexte.');
  await writeFile(path.join(root, 'kb', 'sub', 'tarifs.md'), '# Tarifs\n\nTexte.');
  await writeFile(path.join(root, 'kb', 'sub', 'notes.docx'), 'PK');
  // Sorted before sub/: found first, but a link; the file it points to is the document.
  await symlink(path.join(root, 'kb', 'sub', 'tarifs.md'), path.join(root, 'kb', 'lien-tarifs.md'));
  await symlink(path.join(root, 'kb'), path.join(root, 'raccourci'));
  await mkdir(path.join(root, 'configmap', '..data'), { recursive: true });
  await writeFile(path.join(root, 'configmap', '..data', 'offre.md'), '# Offre\n\nTexte.');
  await symlink(path.join('..data', 'offre.md'), path.join(root, 'configmap', 'offre.md'));
});

describe('expandIngestPaths', () => {
  it('lists a file reached through a symbolic link beside the file itself once, under the path of the file itself', async () => {
    expect(await relativeFiles(['kb'])).toEqual(['kb/guide.md', 'kb/sub/tarifs.md']);
    expect(await relativeFiles(['kb/lien-tarifs.md', 'kb/sub'])).toEqual(['kb/sub/tarifs.md']);
  });

  it('lists each file once when a folder is given twice, inside another one given, or through a link to it', async () => {
    const unsupported: string[] = [];
    expect(await relativeFiles(['kb', 'kb/sub', 'kb/', 'raccourci', 'kb/sub/tarifs.md'], unsupported)).toEqual(['kb/guide.md', 'kb/sub/tarifs.md']);
    expect(unsupported.map((file) => path.relative(root, file))).toEqual(['kb/sub/notes.docx']);
    expect(await relativeFiles(['raccourci', 'kb'])).toEqual(['kb/guide.md', 'kb/sub/tarifs.md']);
    expect(await relativeFiles(['raccourci'])).toEqual(['raccourci/guide.md', 'raccourci/sub/tarifs.md']);
  });

  it('keeps the path of a file reached only through a link (a ConfigMap mount), not its hidden real path', async () => {
    expect(await relativeFiles(['configmap'])).toEqual(['configmap/offre.md']);
  });
});
