import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { SecretRedactor, secretValuesOf } from '../logging/secret-redaction.ts';
import { EmbeddedDatabaseLockedError, EmbeddedDatabasePortInUseError } from './database-errors.ts';
import { createPgPool, databaseUrlOf, startEmbeddedDatabase } from './embedded-database.ts';

const logger = createLogger({ level: 'silent' });

describe('databaseUrlOf', () => {
  it('uses DATABASE_URL when set, else the embedded port', () => {
    expect(databaseUrlOf(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app' }))).toBe('postgres://u:p@db:5432/app');
    expect(databaseUrlOf(loadConfig({ EMBEDDED_DB_PORT: '6543' }))).toBe('postgres://postgres@127.0.0.1:6543/postgres');
    expect(databaseUrlOf(loadConfig({}))).toBe('postgres://postgres@127.0.0.1:54329/postgres');
  });

  it('gives the embedded address no password, so log redaction does not blank every "postgres"', () => {
    const embeddedUrl = databaseUrlOf(loadConfig({}));
    expect(secretValuesOf({ DATABASE_URL: embeddedUrl })).toEqual([]);
    expect(new SecretRedactor(secretValuesOf({ DATABASE_URL: embeddedUrl })).redact(`{"databaseMode":"postgres","database":"${embeddedUrl}"}`)).toContain('"databaseMode":"postgres"');
  });
});

describe('startEmbeddedDatabase', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lac-embedded-db-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves PGlite with pgvector and unaccent to pg clients, and keeps its data across restarts', async () => {
    const first = await startEmbeddedDatabase({ dataDir, port: 0, logger });
    expect(first.port).toBeGreaterThan(0);
    const pool = createPgPool(first.connectionString, { max: 4, logger });
    await pool.query('CREATE TABLE kept (id int PRIMARY KEY, label text, embedding vector(3))');
    await pool.query("INSERT INTO kept VALUES (1, $1, '[1,2,3]')", ["l'été à Montréal 🎉"]);
    const [accent, parallel] = await Promise.all([
      pool.query<{ plain: string }>("SELECT unaccent('Élève prête') AS plain"),
      Promise.all(Array.from({ length: 12 }, (_, index) => pool.query<{ n: number }>('SELECT $1::int AS n', [index]))),
    ]);
    expect(accent.rows[0]?.plain).toBe('Eleve prete');
    expect(parallel.map((result) => result.rows[0]?.n)).toEqual(Array.from({ length: 12 }, (_, index) => index));
    await pool.end();
    await first.stop();
    await first.stop(); // idempotent

    const second = await startEmbeddedDatabase({ dataDir, port: 0, logger });
    const reopened = createPgPool(second.connectionString, { max: 2, logger });
    const rows = await reopened.query<{ label: string; distance: number }>(
      "SELECT label, embedding <=> '[1,2,3]' AS distance FROM kept WHERE id = 1",
    );
    expect(rows.rows).toEqual([{ label: "l'été à Montréal 🎉", distance: 0 }]);
    await reopened.end();
    await second.stop();
  });

  it('keeps one client transaction isolated from the other connections', async () => {
    const database = await startEmbeddedDatabase({ dataDir, port: 0, logger });
    const pool = createPgPool(database.connectionString, { max: 4, logger });
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, value int)');
      await pool.query('INSERT INTO counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET value = 0');
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query('UPDATE counter SET value = 41 WHERE id = 1');
      // Another connection's write waits for the transaction, then applies after it.
      const otherWrite = pool.query('UPDATE counter SET value = value + 1 WHERE id = 1');
      await client.query('COMMIT');
      client.release();
      await otherWrite;
      const result = await pool.query<{ value: number }>('SELECT value FROM counter WHERE id = 1');
      expect(result.rows[0]?.value).toBe(42);
    } finally {
      await pool.end();
      await database.stop();
    }
  });

  it('fails with an error naming EMBEDDED_DB_PORT when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const attempt = startEmbeddedDatabase({ dataDir, port, logger });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabasePortInUseError);
      await expect(attempt).rejects.toThrow(/EMBEDDED_DB_PORT/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a second server on the same data directory', async () => {
    const database = await startEmbeddedDatabase({ dataDir, port: 0, logger });
    try {
      await expect(startEmbeddedDatabase({ dataDir, port: 0, logger })).rejects.toBeInstanceOf(EmbeddedDatabaseLockedError);
    } finally {
      await database.stop();
    }
  });
});
