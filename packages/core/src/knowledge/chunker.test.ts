import { describe, expect, it } from 'vitest';
import { chunkDocument, embeddingTextOf } from './chunker.ts';

const paragraph = (seed: string, sentences: number) =>
  Array.from({ length: sentences }, (_, index) => `${seed} phrase numéro ${index + 1} qui apporte un conseil concret.`).join(' ');

describe('chunkDocument', () => {
  it('keeps a short document in one chunk, drops the H1 equal to the title, prefixes the embedded text', () => {
    const chunks = chunkDocument('# Mon guide\n\nUn paragraphe.\n\n## Étape 1\n\nFais ceci.', 'Mon guide');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.section).toBeNull();
    expect(chunks[0]!.content).toBe('Un paragraphe.\n\n## Étape 1\n\nFais ceci.');
    expect(chunks[0]!.embeddingText).toBe(`Mon guide\n\n${chunks[0]!.content}`);
  });

  it('starts a new chunk at a heading once the current one is big enough, recording the heading path', () => {
    const body = [
      '# Guide',
      paragraph('Intro', 10),
      '## Partie A',
      paragraph('A', 10),
      '### Détail',
      paragraph('Détail', 10),
      '## Partie B',
      paragraph('B', 10),
    ].join('\n\n');
    const chunks = chunkDocument(body, 'Guide');
    expect(chunks.map((chunk) => chunk.section)).toEqual([null, 'Partie A', 'Partie A > Détail', 'Partie B']);
    expect(chunks.every((chunk, index) => chunk.index === index)).toBe(true);
    const partB = chunks.find((chunk) => chunk.section === 'Partie B')!;
    expect(partB.embeddingText.startsWith('Guide — Partie B\n\n')).toBe(true);
    for (const chunk of chunks) expect(chunk.content.length).toBeLessThanOrEqual(900);
  });

  it('records nested heading paths', () => {
    const body = ['## Partie A', paragraph('A', 9), '### Détail', paragraph('D', 9)].join('\n\n');
    expect(chunkDocument(body, 'Doc').map((chunk) => chunk.section)).toContain('Partie A > Détail');
  });

  it('cuts a long section between sentences with a one-sentence overlap', () => {
    const body = `## Long\n\n${paragraph('Long', 40)}`;
    const chunks = chunkDocument(body, 'Doc');
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.content.length).toBeLessThanOrEqual(900);
      expect(chunk.section).toBe('Long');
    }
    const lastOfFirst = chunks[0]!.content.split(/(?<=\.)\s+/).pop()!;
    expect(chunks[1]!.content.startsWith(lastOfFirst)).toBe(true);
  });

  it('cuts a giant sentence between words and covers the whole text', () => {
    const words = Array.from({ length: 600 }, (_, index) => `mot${index}`);
    const chunks = chunkDocument(words.join(' '), 'Doc');
    expect(chunks.length).toBeGreaterThan(1);
    const joined = chunks.map((chunk) => chunk.content).join(' ');
    for (const word of ['mot0', 'mot299', 'mot599']) expect(joined).toContain(word);
  });

  it('cuts a word longer than a chunk (a pasted URL, a base64 image), keeping every character', () => {
    const giantWord = 'A'.repeat(5_000);
    const chunks = chunkDocument(`Voici le logo : ![logo](data:image/png;base64,${giantWord}) et la suite du texte.`, 'Doc');
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.content.length).toBeLessThanOrEqual(900);
    expect(chunks.map((chunk) => chunk.content).join('').split('A').length - 1).toBeGreaterThanOrEqual(5_000);
    expect(chunks.at(-1)!.content).toContain('la suite du texte.');
  });

  it('returns no chunk for a body with only headings or blanks', () => {
    expect(chunkDocument('# Titre\n\n   \n', 'Titre')).toEqual([]);
  });

  it('does not treat # inside code fences as headings', () => {
    const chunks = chunkDocument('Texte.\n\n```\n# pas un titre\n```', 'Doc');
    expect(chunks[0]!.section).toBeNull();
    expect(chunks[0]!.content).toContain('# pas un titre');
  });

  it('embeddingTextOf uses "title — section"', () => {
    expect(embeddingTextOf('T', 'S > U', 'c')).toBe('T — S > U\n\nc');
    expect(embeddingTextOf('T', null, 'c')).toBe('T\n\nc');
  });
});
