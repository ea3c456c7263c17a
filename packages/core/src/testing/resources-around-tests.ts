import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTemporaryDatabase, type InterruptibleDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import type { DatabaseEngine } from '../database/temporary-database-engines.ts';
import { createLogger } from '../logging/logger.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/test-support/redis-test-context.ts';

/**
 * Test resources a file (or describe block) sets up before its tests and releases after them:
 * each helper registers the two hooks and returns a function that gives the resource inside
 * tests and hooks. (Imports vitest: for test files only, not part of `@lac/core/testing`.)
 */
function aroundTests<Resource>(what: string, acquire: () => Promise<Resource> | Resource, release: (resource: Resource) => Promise<void>): () => Resource {
  let resource: Resource | undefined;
  beforeAll(async () => {
    resource = await acquire();
  });
  afterAll(async () => {
    if (resource !== undefined) await release(resource);
  });
  return () => {
    if (resource === undefined) throw new Error(`the ${what} is set up in beforeAll: use it inside a test or a hook`);
    return resource;
  };
}

/** A migrated throwaway database (`startTemporaryDatabase`), stopped and dropped after the tests. */
export const temporaryDatabaseAroundTests = (): (() => InterruptibleDatabase) =>
  aroundTests('temporary database', () => startTemporaryDatabase(), (database) => database.stop());

/** A unique key prefix on the real Redis (`createRedisTestContext`), its keys deleted after the tests. */
export const redisTestContextAroundTests = (name: string): (() => RedisTestContext) =>
  aroundTests('Redis test context', () => createRedisTestContext(name), (context) => context.cleanup());

/** An empty folder in the OS temp directory, removed with its content after the tests. */
export const temporaryFolderAroundTests = (prefix: string): (() => string) =>
  aroundTests('temporary folder', () => mkdtemp(path.join(os.tmpdir(), prefix)), (folder) => rm(folder, { recursive: true, force: true }));

/** A migrated database of its own on `engine` (inside `describeOnEachDatabaseEngine`), dropped after the tests. */
export const databaseOnEngineAroundTests = (engine: DatabaseEngine): (() => TemporaryDatabase) =>
  aroundTests(`database on ${engine.name}`, () => engine.start({ logger: createLogger({ level: 'silent' }) }), (database) => database.stop());
