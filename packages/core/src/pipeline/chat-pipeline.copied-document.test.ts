import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * One file ingested under two paths (a copy left in a sub-folder, "poules-pondeuses (1).md") is two
 * documents with the same text: both were cited, two of the three places for one passage, and the
 * document that came next got none (probe of a knowledge base of other shapes, 2026-12-05). The
 * sample knowledge base plus the guide, its copy and a third document, ingested as `pnpm ingest` does.
 */

const fixture = useKnowledgeCheckFixture(fileURLToPath(new URL('./fixtures-copied-document', import.meta.url)));

describe('a document ingested twice under two paths', () => {
  it('is cited once; the next document gets the place', async () => {
    const result = await fixture.pipeline().run(job('De combien de place a besoin une poule pondeuse dans le poulailler ?'), {});
    const titles = result.sources.map((source) => source.title);
    expect(titles[0]).toBe('Élever des poules pondeuses');
    expect(titles.filter((title) => title === 'Élever des poules pondeuses')).toHaveLength(1);
    expect(titles).toContain('Le grit calcaire des poules');
    expect(result.message).toContain('10 m²');
  });
});
