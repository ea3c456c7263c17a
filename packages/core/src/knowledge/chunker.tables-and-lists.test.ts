import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunker.ts';

/**
 * A table or a list longer than a chunk was cut as prose: between "sentences", the lines joined by
 * spaces, so its rows ran into one line, its bullets were dropped, and every chunk after the first
 * had no header row to say what its columns are ("| Pastèque | mai | septembre |" found nothing
 * for "Quand récolter la pastèque ?": probe of a knowledge base of other shapes, 2026-12-05).
 */

const header = '| Légume | Semis | Récolte | Espacement |\n|---|---|---|---|';
const rows = Array.from({ length: 80 }, (_, index) => `| Légume numéro ${index + 1} | mars | juillet | ${20 + index} cm |`);

describe('chunkDocument on long tables and lists', () => {
  it('cuts a long table between rows, each chunk opening with the header row', () => {
    const chunks = chunkDocument(`Le calendrier du potager.\n\n${header}\n${rows.join('\n')}`, 'Calendrier');
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(1)) {
      expect(chunk.content.startsWith(`${header}\n| Légume numéro`)).toBe(true);
      expect(chunk.content.length).toBeLessThanOrEqual(900);
    }
    // Every row is kept whole, on its own line, once.
    const keptRows = chunks.flatMap((chunk) => chunk.content.split('\n')).filter((line) => line.startsWith('| Légume numéro'));
    expect(keptRows).toEqual(rows);
  });

  it('cuts a long list between items, keeping its markers and lines', () => {
    const items = Array.from({ length: 60 }, (_, index) => `- Outil numéro ${index + 1} : pour un usage précis du jardin.`);
    const chunks = chunkDocument(items.join('\n'), 'Outils');
    expect(chunks.length).toBeGreaterThan(2);
    const keptItems = chunks.flatMap((chunk) => chunk.content.split('\n')).filter((line) => line.startsWith('- Outil'));
    expect(keptItems).toEqual(items);
    for (const chunk of chunks) expect(chunk.content.length).toBeLessThanOrEqual(900);
  });

  it('still cuts long prose between sentences, hard-wrapped lines included', () => {
    const prose = Array.from({ length: 40 }, (_, index) => `La phrase ${index + 1} parle du\npaillage et de l'arrosage.`).join(' ');
    const chunks = chunkDocument(prose, 'Prose');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[1]!.content).toMatch(/^La phrase \d+ parle du paillage/);
  });
});
