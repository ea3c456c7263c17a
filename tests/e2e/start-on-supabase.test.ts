/**
 * The product on Supabase REST, end to end: `pnpm start` (scripts/start.ts) with SUPABASE_URL +
 * SUPABASE_SERVICE_KEY and no DATABASE_URL, pointed at a PostgREST stand-in over a migrated
 * PGlite. start.ts seeds the sample knowledge base through the Supabase store, then runs the real
 * API and worker processes (services/api/src/start.ts, services/worker/src/start.ts), which reach
 * the database only through supabase-js. Real Redis, real child processes, local mode.
 */
import {
  findFreePort,
  createRedisTestContext,
  type RedisTestContext,
  startPostgrestStandin,
  type PostgrestStandin,
} from '@lac/core/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The modules the test uses, not the '@lac/core' barrel (about 2 s of import per test file).
import { startTemporaryDatabase, type TemporaryDatabase } from '../../packages/core/src/database/temporary-database.ts';
import { createLogger } from '../../packages/core/src/logging/logger.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const serviceKey = 'test-service-key';


describe('pnpm start on Supabase REST (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-e2e-supabase-'));
  let database: TemporaryDatabase;
  let standin: PostgrestStandin;
  let redis: RedisTestContext;
  let child: ChildProcess;
  let output = '';
  let baseUrl = '';

  beforeAll(async () => {
    database = await startTemporaryDatabase({ logger: createLogger({ level: 'silent' }) });
    standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
    redis = createRedisTestContext('e2e-supabase');
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: redis.redisUrl,
        QUEUE_PREFIX: redis.prefix,
        DATA_DIR: dataDir,
        EMBEDDED_DB_PORT: String(await findFreePort()),
        DATABASE_URL: '',
        SUPABASE_URL: standin.url,
        SUPABASE_SERVICE_KEY: serviceKey,
        OPENROUTER_API_KEY: '',
        OPENAI_API_KEY: '',
        COHERE_API_KEY: '',
        ESCALATION_WEBHOOK_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
      try {
        if ((await fetch(`${baseUrl}/health`)).ok && output.includes('worker ready')) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`not ready in time:\n${output}`);
      await sleep(300);
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await standin?.close();
    await database?.stop();
    await redis?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function ask(message: string, conversationId: string) {
    const response = await fetch(`${baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=25' },
      body: JSON.stringify({ user_id: 'test-user', conversation_id: conversationId, message }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it('seeds the sample knowledge base through Supabase, runs no migration and starts no embedded database', async () => {
    expect(output).toContain('migrations are not run here');
    expect(output).toContain('sample knowledge base loaded');
    expect(output).not.toContain('embedded database ready');
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    const documents = await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM documents');
    expect(documents.rows[0]!.count).toBeGreaterThan(5);
    expect(standin.requests).toContain('POST /rest/v1/rpc/replace_document_chunks');
  });

  it('answers a chat message with sources retrieved through the hybrid_search_chunks RPC, and reads it back', async () => {
    const conversationId = `test-conv-supabase-${Date.now().toString(36)}`;
    const { status, body } = await ask('Comment automatiser mes emails de bienvenue avec Kajabi?', conversationId);
    expect(status).toBe(200);
    expect(body.status).toBe('completed');
    expect(body.result.agent).toBe('audrey');
    expect(body.result.sources.length).toBeGreaterThan(0);
    expect(standin.requests).toContain('POST /rest/v1/rpc/hybrid_search_chunks');

    const response = await fetch(`${baseUrl}/api/v2/conversations/${conversationId}/messages`, {
      headers: { authorization: `Bearer ${body.conversation_token}` },
    });
    expect(response.status).toBe(200);
    const { messages } = (await response.json()) as { messages: Array<{ role: string; content: string; agent: string | null; job_id: string }> };
    expect(messages.map((message) => [message.role, message.agent])).toEqual([
      ['user', null],
      ['assistant', 'audrey'],
    ]);
    expect(messages[0]!.content).toBe('Comment automatiser mes emails de bienvenue avec Kajabi?');
    expect(messages[1]!.content).toBe(body.result.message);
    expect(messages.every((message) => message.job_id === body.job_id)).toBe(true);
    // The rows are in the database behind the REST endpoint, written by the worker process.
    const stored = await database.pool.query('SELECT role FROM messages WHERE conversation_id = $1', [conversationId]);
    expect(stored.rows).toHaveLength(2);
  });

  it('opens the escalation case through Supabase when a person must take over', async () => {
    const conversationId = `test-conv-supabase-escalate-${Date.now().toString(36)}`;
    const { body } = await ask('Je veux être remboursée de ma formation, je veux parler à une personne', conversationId);
    expect(body.status).toBe('completed');
    expect(body.result.agent).toBe('escalate');
    const cases = await database.pool.query<{ status: string; conversation_id: string }>('SELECT status, conversation_id FROM escalations WHERE job_id = $1', [body.job_id]);
    expect(cases.rows).toEqual([{ status: 'open', conversation_id: conversationId }]);
    expect(standin.requests).toContain('POST /rest/v1/escalations');
  });

  it('reports the Supabase database up in /health', async () => {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { services: Record<string, { status: string }> };
    expect(health.services.database!.status).toBe('up');
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
  }, 60_000);
});
