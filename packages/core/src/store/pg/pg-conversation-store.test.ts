import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatExchange } from '../../capabilities/capabilities.ts';
import { createPgPool } from '../../database/pg-pool.ts';
import { databaseOnEngineAroundTests } from '../../testing/resources-around-tests.ts';
import { createLogger } from '../../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../../testing/database-engines.ts';
import { chatExchangeFixture } from '../chat-exchange-fixture.ts';
import type pg from 'pg';
import { DatabaseReadOnlyError } from '../../errors/app-error.ts';
import { PgConversationStore } from './pg-conversation-store.ts';

const at = (secondsFromStart: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, secondsFromStart)).toISOString();

/** The store tests' exchange on this file's clock: the visitor's "Bonjour" at 0 s, Audrey's answer at 1 s. */
const exchange = (overrides: Partial<ChatExchange> & Pick<ChatExchange, 'conversationId' | 'jobId'>): ChatExchange =>
  chatExchangeFixture({ userMessage: 'Bonjour', userSentAt: at(0), assistantMessage: 'Bonjour ! Comment puis-je t’aider ?', answeredAt: at(1), ...overrides });

await describeOnEachDatabaseEngine('PgConversationStore', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  const store = () => new PgConversationStore(database().pool);

  it('stores an exchange once per job, creating the unknown user and the conversation', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const userId = `visiteuse-${randomUUID()}`;
    const first = await store().persistExchange(exchange({ conversationId, userId, jobId: 'job-once-1' }));
    expect(first.created).toBe(true);
    expect(first.stored).toMatchObject({ jobId: 'job-once-1', agent: 'audrey', answeredAt: at(1) });
    const again = await store().persistExchange(
      exchange({ conversationId, userId, jobId: 'job-once-1', assistantMessage: 'une autre réponse', answeredAt: at(9) }),
    );
    expect(again).toEqual({ stored: first.stored, created: false });
    expect(await store().findExchangeByJobId('job-once-1')).toEqual(first.stored);
    expect(await store().findExchangeByJobId('job-never-seen')).toBeNull();

    const messages = await store().listMessages(conversationId);
    expect(messages.map((message) => [message.role, message.content, message.agent, message.job_id])).toEqual([
      ['user', 'Bonjour', null, 'job-once-1'],
      ['assistant', 'Bonjour ! Comment puis-je t’aider ?', 'audrey', 'job-once-1'],
    ]);
    const user = await database().pool.query('SELECT id, email, name FROM users WHERE id = $1', [userId]);
    expect(user.rows).toEqual([{ id: userId, email: null, name: null }]);
    const conversation = await database().pool.query('SELECT user_id, status, last_message_at FROM conversations WHERE id = $1', [conversationId]);
    expect(conversation.rows).toEqual([{ user_id: userId, status: 'active', last_message_at: new Date(at(1)) }]);
  });

  it('records the answer metadata and keeps v1 agent_type in step', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const input = exchange({ conversationId, jobId: `job-${randomUUID()}`, agent: 'carole', userSentAt: at(10), answeredAt: at(12) });
    await store().persistExchange(input);
    const row = await database().pool.query(
      `SELECT agent, agent_type, latency_ms, prompt_tokens, completion_tokens, cost_usd::float8 AS cost_usd, model, confidence,
              routing_method, escalated, sources, timings
       FROM messages WHERE job_id = $1 AND role = 'assistant'`,
      [input.jobId],
    );
    expect(row.rows).toEqual([
      {
        agent: 'carole',
        agent_type: 'creation',
        latency_ms: 120,
        prompt_tokens: 10,
        completion_tokens: 20,
        cost_usd: 0.0001,
        model: 'local-extractive-v1',
        confidence: 0.9,
        routing_method: 'local',
        escalated: false,
        sources: input.sources,
        timings: input.timings,
      },
    ]);
  });

  it('round-trips any text byte for byte (apostrophes, quotes, emojis, SQL-looking text)', async () => {
    const conversationId = `conv l'été "quoted" ${'é'.repeat(60)} 🎉`.slice(0, 128);
    const userId = `user'); DROP TABLE users; --`;
    const texts = [
      "J'ai besoin d'aide pour l'automatisation d'un tunnel — c'est « urgent » !",
      'Robert\'); DROP TABLE messages; -- \\ \\\\ $1 $$ %s %% ?',
      'Emojis 🎉👩🏽‍💻🇫🇷 et combinaisons e\u0301 ; ligne 1\nligne 2\r\n\ttab',
      '\'\'\'"""```',
    ];
    for (const [index, text] of texts.entries()) {
      await store().persistExchange(
        exchange({
          conversationId,
          userId,
          jobId: `job-text-${index}-${randomUUID()}`,
          userMessage: text,
          assistantMessage: `${text} ✨`,
          userSentAt: at(20 + index * 10),
          answeredAt: at(21 + index * 10),
        }),
      );
    }
    const messages = await store().listMessages(conversationId);
    expect(messages.map((message) => message.content)).toEqual(texts.flatMap((text) => [text, `${text} ✨`]));
    expect(messages.every((message) => message.conversation_id === conversationId)).toBe(true);
    const user = await database().pool.query('SELECT count(*)::int AS n FROM users WHERE id = $1', [userId]);
    expect(user.rows).toEqual([{ n: 1 }]);
  });

  it('loads the recent history oldest first without this job, and this job’s existing reply', async () => {
    const conversationId = `conv-${randomUUID()}`;
    for (let turn = 0; turn < 4; turn += 1) {
      await store().persistExchange(
        exchange({
          conversationId,
          jobId: `${conversationId}-job-${turn}`,
          userMessage: `question ${turn}`,
          assistantMessage: `réponse ${turn}`,
          agent: turn % 2 === 0 ? 'audrey' : 'carole',
          // The next question arrives while the previous answer is written: still Q0 A0 Q1 A1 ...
          userSentAt: at(100 + turn * 10),
          answeredAt: at(100 + turn * 10 + 15),
        }),
      );
    }
    const fresh = await store().loadContext(conversationId, `${conversationId}-job-4`, 3);
    expect(fresh.existingReply).toBeNull();
    expect(fresh.history).toEqual([
      { role: 'assistant', content: 'réponse 2', agent: 'audrey' },
      { role: 'user', content: 'question 3', agent: null },
      { role: 'assistant', content: 'réponse 3', agent: 'carole' },
    ]);
    const rerun = await store().loadContext(conversationId, `${conversationId}-job-3`, 10);
    expect(rerun.existingReply).toMatchObject({ jobId: `${conversationId}-job-3`, assistantMessage: 'réponse 3', agent: 'carole' });
    expect(rerun.history.map((message) => message.content)).toEqual([
      'question 0', 'réponse 0', 'question 1', 'réponse 1', 'question 2', 'réponse 2',
    ]);
    expect((await store().loadContext(conversationId, 'other-job', 0)).history).toEqual([]);
    expect(await store().loadContext(`conv-${randomUUID()}`, 'job-x', 10)).toEqual({ history: [], existingReply: null });

    const all = await store().listMessages(conversationId);
    expect(all.map((message) => message.content)).toEqual([
      'question 0', 'réponse 0', 'question 1', 'réponse 1', 'question 2', 'réponse 2', 'question 3', 'réponse 3',
    ]);
    const lastThree = await store().listMessages(conversationId, { limit: 3 });
    expect(lastThree.map((message) => message.content)).toEqual(['réponse 2', 'question 3', 'réponse 3']);
    expect(all[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      conversation_id: conversationId,
      role: 'user',
      content: 'question 0',
      agent: null,
      job_id: `${conversationId}-job-0`,
      created_at: at(100),
      author: 'visitor',
    });
  });

  /** `count` stores, each on a pool of its own: separate connections, as separate worker processes have. */
  async function workerStores(count: number): Promise<{ stores: PgConversationStore[]; close(): Promise<void> }> {
    const pools = Array.from({ length: count }, () => createPgPool(database().connectionString, { max: 2, logger: createLogger({ level: 'silent' }) }));
    return { stores: pools.map((pool) => new PgConversationStore(pool)), close: async () => void (await Promise.all(pools.map((pool) => pool.end()))) };
  }

  it('stores one reply when many workers persist the same job at once', async () => {
    const workers = await workerStores(8);
    try {
      for (let round = 0; round < 5; round += 1) {
        const conversationId = `conv-${randomUUID()}`;
        const userId = `visitor-${randomUUID()}`;
        const results = await Promise.all(
          workers.stores.flatMap((worker, index) =>
            [0, 1].map((attempt) =>
              worker.persistExchange(
                exchange({ conversationId, userId, jobId: `${conversationId}-job`, assistantMessage: `tentative ${index}.${attempt}` }),
              ),
            ),
          ),
        );
        expect(results.filter((result) => result.created)).toHaveLength(1);
        const winner = results.find((result) => result.created)!.stored;
        expect(results.every((result) => JSON.stringify(result.stored) === JSON.stringify(winner))).toBe(true);
        const rows = await database().pool.query('SELECT role, content FROM messages WHERE conversation_id = $1 ORDER BY role', [conversationId]);
        expect(rows.rows).toEqual([{ role: 'assistant', content: winner.assistantMessage }, { role: 'user', content: 'Bonjour' }]);
        const owners = await database().pool.query('SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users, (SELECT count(*) FROM conversations WHERE id = $2)::int AS conversations', [userId, conversationId]);
        expect(owners.rows).toEqual([{ users: 1, conversations: 1 }]);
      }
    } finally {
      await workers.close();
    }
  });

  it('keeps both exchanges when two workers race on one new conversation', async () => {
    const workers = await workerStores(2);
    try {
      for (let round = 0; round < 10; round += 1) {
        const conversationId = `conv-${randomUUID()}`;
        const userId = `visitor-${randomUUID()}`;
        const [first, second] = await Promise.all(
          workers.stores.map((worker, index) =>
            worker.persistExchange(
              exchange({
                conversationId,
                userId,
                jobId: `${conversationId}-job-${index}`,
                userMessage: `question ${index}`,
                assistantMessage: `réponse ${index}`,
                userSentAt: at(10 * index),
                answeredAt: at(10 * index + 30 - 20 * index),
              }),
            ),
          ),
        );
        expect([first!.created, second!.created]).toEqual([true, true]);
        const messages = await store().listMessages(conversationId);
        expect(messages.map((message) => message.content)).toEqual(['question 0', 'réponse 0', 'question 1', 'réponse 1']);
        const conversation = await database().pool.query('SELECT user_id, last_message_at FROM conversations WHERE id = $1', [conversationId]);
        // The later answer's time wins whichever worker committed last.
        expect(conversation.rows).toEqual([{ user_id: userId, last_message_at: new Date(at(30)) }]);
      }
    } finally {
      await workers.close();
    }
  });

  it('answers ping', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });

  it('refuses ping on a database that takes no writes (a standby, a full disk read-only mode): /health says so', async () => {
    const client = await database().pool.connect();
    try {
      await client.query('SET default_transaction_read_only = on');
      const onThisSession = new PgConversationStore({ query: client.query.bind(client) } as unknown as pg.Pool);
      await expect(onThisSession.ping()).rejects.toBeInstanceOf(DatabaseReadOnlyError);
      await client.query('SET default_transaction_read_only = off');
      await expect(onThisSession.ping()).resolves.toBeUndefined();
    } finally {
      await client.query('RESET default_transaction_read_only').catch(() => undefined);
      client.release();
    }
  });
});
