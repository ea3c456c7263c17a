import { beforeAll, expect, it } from 'vitest';
import type { DocumentInput } from '../capabilities/capabilities.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { PgKnowledgeStore } from '../store/pg/pg-knowledge-store.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { HybridRetriever } from './hybrid-retriever.ts';

/**
 * A knowledge base where one document repeats one word of the question in many chunks (the
 * reviewer's case: 186 chunks saying "récolte") and one chunk holds two of its words: the full-text
 * side ranks the chunk matching more distinct words first, however often the other word repeats.
 */

const embedder = new HashingEmbedder();

async function documentOf(sourceKey: string, title: string, contents: string[]): Promise<DocumentInput> {
  const { vectors } = await embedder.embed(contents.map((content) => `${title}\n\n${content}`));
  return {
    sourceKey,
    title,
    fileType: 'markdown',
    agentOwner: 'shared',
    tags: [],
    category: null,
    priority: 1,
    contentHash: sourceKey,
    embeddingModel: embedder.model,
    chunks: contents.map((content, index) => ({ index, section: null, content, embedding: vectors[index]! })),
  };
}

const calendarRow = '| Pastèque | semis en avril | récolte en août, quand la vrille sèche |';

await describeOnEachDatabaseEngine('HybridRetriever, full-text side', (engine) => {
  const database = databaseOnEngineAroundTests(engine);

  beforeAll(async () => {
    const store = new PgKnowledgeStore(database().pool);
    const repeated = Array.from({ length: 60 }, (_, index) => `Récolte numéro ${index} : la récolte du jour, récolte après récolte.`);
    await store.upsertDocument(await documentOf('journal.md', 'Journal des récoltes', repeated));
    await store.upsertDocument(await documentOf('calendrier.md', 'Calendrier du potager', [calendarRow, '| Tomate | semis en mars | été |']));
    await store.refreshStatistics();
  });

  it('ranks first the chunk matching more distinct words of the question, over a document repeating one of them', async () => {
    const retriever = new HybridRetriever(database().pool);
    const text = 'Quand récolter la pastèque ?';
    const chunks = await retriever.searchWithEvidence({
      agent: 'audrey',
      text,
      embedding: new Array<number>(1536).fill(0),
      embeddingModel: embedder.model,
      limit: 20,
      minSimilarity: 0,
    });
    const calendar = chunks.find((chunk) => chunk.content === calendarRow);
    expect(calendar?.textRank).toBe(1);
  });

  it('keeps each side’s first chunks among the fused results, even when chunks found by both sides outscore them', async () => {
    const retriever = new HybridRetriever(database().pool);
    const text = 'Quand récolter la pastèque ?';
    const { vectors } = await embedder.embed([text]);
    const chunks = await retriever.searchWithEvidence({
      agent: 'audrey',
      text,
      embedding: vectors[0]!,
      embeddingModel: embedder.model,
      limit: 20,
      minSimilarity: 0,
    });
    expect(chunks).toHaveLength(20);
    const calendar = chunks.find((chunk) => chunk.content === calendarRow);
    expect(calendar?.textRank).toBe(1);
    // Still ordered by fused score: the reserved place changes which chunks come, not their order.
    for (let index = 1; index < chunks.length; index += 1) expect(chunks[index]!.score).toBeLessThanOrEqual(chunks[index - 1]!.score);
  });
});
