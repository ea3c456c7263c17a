import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zeroUsage, type RouteDecision } from '../capabilities/capabilities.ts';
import { clarifyingQuestion } from '../agents/persona-replies.ts';
import { checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * A document that is only a Markdown table (a sowing calendar): its header row names what each
 * column answers, as a heading does. "Quand récolter les courgettes ?" holds "courgette" in a row
 * and "récolte" in the header: a clarifying question against that table was a miss (probe of a
 * knowledge base of other shapes, 2026-12-05). The sample knowledge base plus the table, ingested
 * as `pnpm ingest` does.
 */

const tableDocumentsDir = fileURLToPath(new URL('./fixtures-tables', import.meta.url));
const fixture = useKnowledgeCheckFixture(tableDocumentsDir);
const { settings, local, pipeline } = fixture;
const vague: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };

describe('a question answered by a row of a table', () => {
  it('"Quand récolter les courgettes ?" is answered from the calendar table (pipeline, end to end)', async () => {
    const message = 'Quand récolter les courgettes ?';
    expect((await local.router.route({ message, history: [] })).kind).toBe('clarify');
    const result = await pipeline().run(job(message), {});
    expect(result.message).not.toBe(clarifyingQuestion('audrey'));
    expect(result.sources.map((source) => source.title)[0]).toBe('Calendrier du potager');
    expect(result.message).toContain('juillet');
  });

  it('a row far down a long table still has its header: "Quand récolter la pastèque ?" (pipeline, end to end)', async () => {
    // The table is longer than a chunk: each chunk repeats its header row (knowledge/chunker-line-blocks.ts).
    const result = await pipeline().run(job('Quand récolter la pastèque ?'), {});
    expect(result.sources.map((source) => source.title)[0]).toBe('Les fruits du verger et du potager');
    expect(result.message).toContain('septembre');
  });

  it('a row and its header answer; a row word alone, or a header word alone, does not', async () => {
    const check = (message: string) => checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: fixture.retriever, settings }, { decision: vague, message });
    expect((await check('En quel mois récolte-t-on les radis ?')).decision.kind).toBe('answer');
    // "semis" in the header, "tomates" in a row.
    expect((await check('Le semis des tomates, c’est quand ?')).decision.kind).toBe('answer');
    // Two words of rows, none of the header: a table row is no heading of its own.
    expect((await check('Tomates ou courgettes ?')).decision.kind).toBe('clarify');
  });
});
