import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/** The first quoted line of the answer, as in local mode (testing/first-quoted-line.ts), from the sample knowledge base. */
const firstQuotedLine = (message: string, agent: 'audrey' | 'carole') => firstQuotedLineOf(chunks, message, agent);

/**
 * Which tool to use, asked in the widget of `pnpm start` (a probe, 2026-12-05): "quel outil pour faire mes visuels ?"
 * opened with "Une identité visuelle cohérente…" (and "outil" drew the Zapier guide first), not with a line naming Canva.
 */
describe('the lead of an offline answer to which tool to use', () => {
  it('names the tool the guide recommends', () => {
    expect(firstQuotedLine('quel outil pour faire mes visuels ?', 'carole')).toContain('Canva');
    expect(firstQuotedLine('quel logiciel pour créer mon logo', 'carole')).toContain('Canva');
    expect(firstQuotedLine('quelle appli pour monter mes reels ?', 'carole')).toContain('CapCut');
  });
});
