import { describe, expect, it } from 'vitest';
import { htmlReader } from './html-document-reader.ts';
import { chunkDocument } from './chunker.ts';

const bodyOf = async (html: string) => (await htmlReader.read(new TextEncoder().encode(html), 'kb/tarifs.html')).body;

/**
 * An HTML table was read as `cell | cell` lines with no header separator, and its empty cells
 * dropped: no Markdown table, so no header row for the knowledge check and the chunker
 * (chunker-line-blocks.ts), and a row with an empty cell had its columns shifted (probe, 2026-12-05).
 */
describe('htmlReader: tables', () => {
  it('reads a table as a Markdown table, its header row marked, its empty cells kept in their column', async () => {
    const body = await bodyOf(`<html><head><title>Tarifs</title></head><body><main><h1>Tarifs</h1>
      <table><thead><tr><th>Cours</th><th>Durée</th><th>Prix</th></tr></thead>
      <tbody><tr><td>Yoga doux</td><td>1 h</td><td>15 €</td></tr><tr><td>Atelier libre</td><td></td><td>8 €</td></tr></tbody></table></main></body></html>`);
    expect(body).toBe('# Tarifs\n\n| Cours | Durée | Prix |\n| --- | --- | --- |\n| Yoga doux | 1 h | 15 € |\n| Atelier libre |  | 8 € |');
  });

  it('without a header row, reads the rows as a table without separator', async () => {
    const body = await bodyOf('<html><body><main><p>Horaires.</p><table><tr><td>Lundi</td><td>9 h</td></tr><tr><td>Mardi</td><td>10 h</td></tr></table></main></body></html>');
    expect(body).toBe('Horaires.\n\n| Lundi | 9 h |\n| Mardi | 10 h |');
  });

  it('a long HTML table is cut between rows with its header in each chunk', async () => {
    const rows = Array.from({ length: 60 }, (_, index) => `<tr><td>Cours numéro ${index + 1}</td><td>1 h</td><td>${10 + index} €</td></tr>`).join('');
    const body = await bodyOf(`<html><body><main><table><tr><th>Cours</th><th>Durée</th><th>Prix</th></tr>${rows}</table></main></body></html>`);
    const chunks = chunkDocument(body, 'Tarifs');
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.content.startsWith('| Cours | Durée | Prix |\n| --- | --- | --- |\n')).toBe(true);
  });
});
