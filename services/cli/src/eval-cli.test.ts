import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./eval-cli.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('eval CLI', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'lac-eval-cli-'));
  });
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  it('exits 2 with the file and line of a bad case, before starting anything', async () => {
    const bad = path.join(directory, 'routing.jsonl');
    await writeFile(bad, '{"q": "ok", "agent": "audrey"}\n{"q": "ok", "agent": "personne"}\n');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', cli, '--routing', bad], { cwd: repositoryRoot });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining(`${bad}:2: unexpected content (agent: `) });
  });
});
