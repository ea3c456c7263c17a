import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../knowledge/chunker.ts';
import { parseFrontMatter } from '../knowledge/front-matter.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';

/**
 * A count a section's heading states ("## Les trois emails") answers "combien d'emails … ?" from the
 * first passage under it: blind round 11's abandoned-cart guide, chunked as ingestion chunks it.
 */
const file = new URL('../evaluation/blind-round-11/kb/relance-panier-abandonne.md', import.meta.url);
const parsed = parseFrontMatter(readFileSync(file, 'utf8'), 'relance-panier-abandonne.md');
const title = String(parsed.frontMatter.title);
const sources = chunkDocument(parsed.body, title).map((chunk, index) =>
  retrievedChunk({ documentId: 'panier', chunkIndex: index, title, section: chunk.section, content: chunk.content, score: 0.9 - index * 0.1, agentOwner: 'audrey' }),
);

describe('a count stated by a section heading', () => {
  it('quotes the first passage under "Les trois emails" for "combien d\'emails … ?"', () => {
    const text = buildExtractiveAnswer({ agent: 'audrey', message: "Combien d'emails dans la séquence de relance panier ?", sources: [sources[0]!], companions: sources.slice(1) });
    expect(text).toContain('Email 1 (1 heure après)');
  });
});
