import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type StartTestApiOptions, type TestApi, type TestDatabase } from './api-test-harness.ts';

/** The test database and test API of a file (or describe block): read them inside tests and hooks. */
export interface TestApiAroundTests {
  readonly database: TestDatabase;
  readonly api: TestApi;
}

/**
 * The set-up most API test files share: before their tests, a fresh test database and one test API
 * on it (`startTestApi`); after them, the API closed then the database stopped. Call it at the top
 * of the file or of a describe block; hooks the caller registers afterwards run once both are up.
 */
export function startTestApiAroundTests(options: Omit<StartTestApiOptions, 'database'>, startTimeoutMs?: number): TestApiAroundTests {
  let database: TestDatabase | undefined;
  let api: TestApi | undefined;
  beforeAll(async () => {
    database = await startTestDatabase(createLogger({ level: 'silent' }));
    api = await startTestApi({ ...options, database });
  }, startTimeoutMs);
  afterAll(async () => {
    await api?.close();
    await database?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the test ${what} starts in beforeAll: read it inside a test or a hook`);
    return value;
  };
  return {
    get database() {
      return started(database, 'database');
    },
    get api() {
      return started(api, 'API');
    },
  };
}
