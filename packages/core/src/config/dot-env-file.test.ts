import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnvFileIfPresent } from './dot-env-file.ts';

const folders: string[] = [];
const touched = ['LAC_DOTENV_TEST_FROM_FILE', 'LAC_DOTENV_TEST_BOTH'];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  for (const name of touched) delete process.env[name];
});

function workspace(): { root: string; service: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lac-dotenv-'));
  folders.push(root);
  writeFileSync(path.join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  const service = path.join(root, 'services', 'api');
  mkdirSync(service, { recursive: true });
  return { root, service };
}

describe('loadDotEnvFileIfPresent', () => {
  it('reads the workspace root’s .env from a service folder; the environment wins', () => {
    const { root, service } = workspace();
    writeFileSync(path.join(root, '.env'), 'LAC_DOTENV_TEST_FROM_FILE=file\nLAC_DOTENV_TEST_BOTH=file\n');
    process.env.LAC_DOTENV_TEST_BOTH = 'environment';
    expect(loadDotEnvFileIfPresent(service)).toBe(path.join(root, '.env'));
    expect(process.env.LAC_DOTENV_TEST_FROM_FILE).toBe('file');
    expect(process.env.LAC_DOTENV_TEST_BOTH).toBe('environment');
  });

  it('finds nothing when the workspace has no .env', () => {
    const { service } = workspace();
    expect(loadDotEnvFileIfPresent(service)).toBeUndefined();
    expect(process.env.LAC_DOTENV_TEST_FROM_FILE).toBeUndefined();
  });
});
