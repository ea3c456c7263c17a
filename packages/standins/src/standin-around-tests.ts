import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * A stand-in for the tests of a file (or describe block): started before them, its scripted
 * behaviours and request log reset before each test, closed after them. The returned function
 * gives the running stand-in inside tests and hooks. (Test-only: imported by its own subpath,
 * `@lac/standins/standin-around-tests`, so the stand-in servers themselves never load vitest.)
 */
export function standinAroundTests<Standin extends { reset(): void; close(): Promise<void> }>(start: () => Promise<Standin>): () => Standin {
  let standin: Standin | undefined;
  beforeAll(async () => {
    standin = await start();
  });
  beforeEach(() => standin?.reset());
  afterAll(async () => standin?.close());
  return () => {
    if (!standin) throw new Error('the stand-in starts in beforeAll: use it inside a test or a hook');
    return standin;
  };
}
