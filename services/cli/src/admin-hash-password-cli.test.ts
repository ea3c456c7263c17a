import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Only the modules the test reads: the '@lac/core' barrel costs about 2.5 s of import per test file.
import { loadConfig } from '../../../packages/core/src/config/config.ts';
import { parseAdminPasswordHash, verifyAdminPassword } from '../../../packages/core/src/config/admin-password-hash.ts';

/** `pnpm admin:hash-password` = `tsx services/cli/src/admin-hash-password-cli.ts`, the password piped on stdin. */
const script = fileURLToPath(new URL('./admin-hash-password-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

function hashPassword(stdin: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('pnpm admin:hash-password', () => {
  it('prints a salted scrypt hash of the piped password that verifies it, and only it', async () => {
    const [first, second] = await Promise.all([hashPassword('un mot de passe solide\n'), hashPassword('un mot de passe solide\n')]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const parsed = parseAdminPasswordHash(first.stdout.trim());
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(await verifyAdminPassword('un mot de passe solide', parsed.hash)).toBe(true);
    expect(await verifyAdminPassword('un mot de passe solide ', parsed.hash)).toBe(false);
    expect(second.stdout.trim()).not.toBe(first.stdout.trim()); // a fresh salt each time
    expect(first.stdout).not.toContain('solide');
  }, 60_000);

  it('with a login and a display name, prints an ADMIN_ACCOUNTS entry the configuration accepts', async () => {
    const result = await hashPassword('un autre mot de passe\n', ['alice', 'Alice Martin']);
    expect(result.code).toBe(0);
    const accounts = loadConfig({ ADMIN_ACCOUNTS: result.stdout.trim() }).ADMIN_ACCOUNTS!;
    expect(accounts.map(({ login, displayName }) => ({ login, displayName }))).toEqual([{ login: 'alice', displayName: 'Alice Martin' }]);
    expect(await verifyAdminPassword('un autre mot de passe', accounts[0]!.passwordHash)).toBe(true);
  }, 60_000);

  it('refuses a short password, an empty stdin and a login the configuration would refuse', async () => {
    expect(await hashPassword('court\n')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('at least 12 characters') });
    expect(await hashPassword('')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('no password') });
    expect(await hashPassword('un mot de passe solide\n', ['ali ce', 'Alice'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('the login must be') });
  }, 60_000);
});
