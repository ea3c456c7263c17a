import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readKnowledgeBaseChunksAsIngested } from './knowledge-base-chunks-as-ingested.ts';

describe('a knowledge base folder chunked as the ingestion chunks it', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'kb-as-ingested-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(path.join(folder, 'note.txt'), "Décalage horaire avec une assistante\nMadagascar a deux heures d'avance sur la France en hiver.\n");
  writeFileSync(
    path.join(folder, 'page.html'),
    '<html><head><title>Le premier mois | Blog</title></head><body><article><h1>Le premier mois</h1><h2>Semaine 4</h2><p>Prévoyez un bilan de 45 minutes.</p></article></body></html>',
  );
  writeFileSync(path.join(folder, 'sans-front-matter.md'), '# Les rituels du lundi\n\nUn point de 30 minutes chaque lundi matin.\n');
  writeFileSync(path.join(folder, 'avec.md'), '---\ntitle: Le contrat\nagent_owner: audrey\n---\n\nLe préavis est de 15 jours.\n');

  it('reads the text notes and HTML pages beside the Markdown, each titled as the product titles it', async () => {
    const chunks = await readKnowledgeBaseChunksAsIngested(pathToFileURL(`${folder}/`));
    const titles = Object.fromEntries(chunks.map((chunk) => [chunk.documentId, chunk.title]));
    expect(titles).toEqual({
      'avec.md': 'Le contrat',
      'note.txt': 'Décalage horaire avec une assistante',
      'page.html': 'Le premier mois',
      'sans-front-matter.md': 'Les rituels du lundi',
    });
    expect(chunks.find((chunk) => chunk.documentId === 'page.html')!.content).toContain('bilan de 45 minutes');
    expect(chunks.find((chunk) => chunk.documentId === 'note.txt')!.content).toContain('Madagascar');
  });

  it('keeps the declared agent and calls the others shared', async () => {
    const chunks = await readKnowledgeBaseChunksAsIngested(pathToFileURL(`${folder}/`));
    expect(chunks.find((chunk) => chunk.documentId === 'avec.md')!.agentOwner).toBe('audrey');
    expect(chunks.find((chunk) => chunk.documentId === 'note.txt')!.agentOwner).toBe('shared');
  });
});
