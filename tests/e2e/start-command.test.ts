/**
 * The product as a newcomer runs it: `pnpm start` (scripts/start.ts) in local mode, then the
 * seed's own checks through HTTP. Real Redis, real child processes; the database is the embedded
 * one (no DATABASE_URL), then a real PostgreSQL with pgvector through DATABASE_URL (a database of
 * its own on TEST_POSTGRES_URL; skipped, saying so, without that server), then the embedded one
 * again on the machine's own Node when CI runs the suite on another (LAC_E2E_MACHINE_NODE).
 */
import { findFreePort, probeTestPostgres } from '@lac/core/testing';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryPostgresDatabase } from '../../packages/core/src/database/temporary-postgres-database.ts';
import type { TemporaryDatabase } from '../../packages/core/src/database/temporary-database.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

function startProduct(env: NodeJS.ProcessEnv, node = process.execPath): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(node, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

interface StartVariant {
  /** The Node binary that runs `pnpm start`'s script (default: this one). */
  node?: string;
  /** Set when the product runs on a real PostgreSQL (DATABASE_URL); else the embedded database. */
  database?: () => Promise<TemporaryDatabase>;
}

function describeStartCommand(title: string, variant: StartVariant): void {
  describe(title, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-e2e-'));
    let port = 0;
    let product: ReturnType<typeof startProduct>;
    let baseUrl = '';
    let database: TemporaryDatabase | undefined;

    beforeAll(async () => {
      database = await variant.database?.();
      port = await findFreePort();
      baseUrl = `http://127.0.0.1:${port}`;
      product = startProduct({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        EMBEDDED_DB_PORT: String(await findFreePort()),
        QUEUE_PREFIX: `test-e2e-${Date.now().toString(36)}`,
        DATABASE_URL: database?.connectionString ?? '',
        OPENROUTER_API_KEY: '',
        OPENAI_API_KEY: '',
        COHERE_API_KEY: '',
      }, variant.node);
      // A first start creates the embedded database on disk (initdb in WASM): slow on a loaded machine.
      const deadline = Date.now() + 240_000;
      for (;;) {
        if (product.child.exitCode !== null) throw new Error(`start exited early:\n${product.output()}`);
        try {
          const response = await fetch(`${baseUrl}/health`);
          if (response.ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`not healthy in time:\n${product.output()}`);
        await sleep(300);
      }
    }, 270_000);

    afterAll(async () => {
      if (product?.child.exitCode === null) {
        product.child.kill('SIGTERM');
        await new Promise((resolve) => product.child.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
      await database?.stop();
    });

    async function ask(message: string, conversationId: string) {
      const response = await fetch(`${baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'wait=25' },
        body: JSON.stringify({ user_id: 'test-user', conversation_id: conversationId, message, timestamp: '2025-11-03T14:00:00Z' }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    }

    let firstConversationToken = '';

    it("answers the seed's Kajabi message with Audrey and sources", async () => {
      const { status, body } = await ask('Comment automatiser mes emails de bienvenue avec Kajabi?', 'test-conv-1');
      expect(status).toBe(200);
      // The answer that starts a conversation carries its token (reads need it).
      expect(body.conversation_token).toMatch(/^ct1\./);
      firstConversationToken = body.conversation_token;
      expect(body.status).toBe('completed');
      expect(body.result.agent).toBe('audrey');
      expect(body.result.sources.length).toBeGreaterThan(0);
      expect(body.result.message.length).toBeGreaterThan(20);
    });

    it("answers the seed's Instagram Reel message with Carole and sources", async () => {
      const { body } = await ask('Aide-moi à créer un reel Instagram qui engage ma communauté', 'test-conv-2');
      expect(body.result.agent).toBe('carole');
      expect(body.result.sources.length).toBeGreaterThan(0);
    });

    it('reports the rate limit without consuming it', async () => {
      const first = (await (await fetch(`${baseUrl}/api/v2/rate-limit/test-conv-1`)).json()) as Record<string, number | boolean>;
      const second = (await (await fetch(`${baseUrl}/api/v2/rate-limit/test-conv-1`)).json()) as Record<string, number | boolean>;
      expect(first.allowed).toBe(true);
      expect(first.remaining).toBeLessThan(first.limit as number);
      expect(second.remaining).toBe(first.remaining);
    });

    it('reports every service in /health', async () => {
      const body = (await (await fetch(`${baseUrl}/health`)).json()) as { status: string; services: Record<string, { status: string }> };
      expect(Object.keys(body.services).sort()).toEqual(['cohere', 'database', 'openai', 'openrouter', 'queue', 'redis']);
      expect(body.services.redis!.status).toBe('up');
      expect(body.services.database!.status).toBe('up');
    });

    it('keeps the conversation in the database', async () => {
      expect((await fetch(`${baseUrl}/api/v2/conversations/test-conv-1/messages`)).status).toBe(401);
      const response = await fetch(`${baseUrl}/api/v2/conversations/test-conv-1/messages`, { headers: { authorization: `Bearer ${firstConversationToken}` } });
      const body = (await response.json()) as { messages: Array<{ role: string }> };
      expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    });

    if (variant.database) {
      it('migrated and seeded that database, and stored the conversation there', async () => {
        const facts = await database!.pool.query(
          `SELECT (SELECT count(*) FROM schema_migrations)::int AS migrations, (SELECT count(*) FROM documents)::int AS documents,
                  (SELECT count(*) FROM messages WHERE conversation_id = 'test-conv-1')::int AS messages,
                  (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector`,
        );
        expect(facts.rows[0]).toMatchObject({ messages: 2, pgvector: expect.stringMatching(/^\d+\.\d+/) });
        expect(facts.rows[0].migrations).toBeGreaterThan(0);
        expect(facts.rows[0].documents).toBeGreaterThan(0);
        expect(product.output()).not.toContain('embedded database listening');
      });
    }

    it('says which Node and which database it runs on', () => {
      const version = variant.node ? execFileSync(variant.node, ['--version'], { encoding: 'utf8' }).trim() : process.version;
      expect(product.output()).toContain(`"node":"${version}"`);
      expect(product.output()).toContain(`"database":"${variant.database ? 'postgres' : 'embedded'}"`);
    });

    it('stops cleanly on SIGTERM', async () => {
      product.child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => product.child.once('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(0);
    }, 60_000);
  });
}

describeStartCommand('pnpm start, in local mode', {});

const postgres = await probeTestPostgres();
if (postgres.available) {
  describeStartCommand(`pnpm start with DATABASE_URL on PostgreSQL ${postgres.version} (pgvector ${postgres.pgvector})`, {
    database: () => startTemporaryPostgresDatabase(postgres.serverUrl, { migrate: false }),
  });
} else {
  describe.skip(`pnpm start with DATABASE_URL on a real PostgreSQL — skipped: ${postgres.reason}`, () => {
    it('answers the seed on a real PostgreSQL', () => undefined);
  });
}

const machineNode = process.env.LAC_E2E_MACHINE_NODE;
if (machineNode && machineNode !== process.execPath) {
  const version = execFileSync(machineNode, ['--version'], { encoding: 'utf8' }).trim();
  describeStartCommand(`pnpm start, in local mode, on the machine's Node ${version} (the suite runs on ${process.version})`, { node: machineNode });
}

describe('pnpm start without Redis', () => {
  it('stops within seconds naming REDIS_URL', async () => {
    const port = await findFreePort();
    const started = Date.now();
    const product = startProduct({ REDIS_URL: `redis://127.0.0.1:${port}`, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lac-e2e-')) });
    const code = await new Promise<number | null>((resolve) => product.child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(product.output()).toContain('REDIS_URL');
  }, 30_000);
});
