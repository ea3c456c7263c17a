import { beforeAll, describe, expect, it } from 'vitest';
import { hashAdminPassword, verifyAdminPassword } from './admin-password-hash.ts';
import { ConfigError, loadConfig } from './config.ts';

/** Cheapest cost the setting accepts: these tests parse, they do not measure scrypt. */
const CHEAP = { log2N: 14, r: 1, p: 1 };
let aliceHash: string;
let bobHash: string;

beforeAll(async () => {
  [aliceHash, bobHash] = await Promise.all([hashAdminPassword('alice-secret', CHEAP), hashAdminPassword('bob-secret', CHEAP)]);
});

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('ADMIN_ACCOUNTS', () => {
  it('parses `login:hash:Display Name` entries, comma-separated, into accounts whose hash verifies', async () => {
    const config = loadConfig({ ADMIN_ACCOUNTS: ` alice:${aliceHash}:Alice Martin , bob.d@lac:${bobHash}:Bob: l'équipe du soir,` });
    expect(config.ADMIN_ACCOUNTS?.map(({ login, displayName }) => ({ login, displayName }))).toEqual([
      { login: 'alice', displayName: 'Alice Martin' },
      { login: 'bob.d@lac', displayName: "Bob: l'équipe du soir" },
    ]);
    expect(await verifyAdminPassword('alice-secret', config.ADMIN_ACCOUNTS![0]!.passwordHash)).toBe(true);
    expect(await verifyAdminPassword('bob-secret', config.ADMIN_ACCOUNTS![0]!.passwordHash)).toBe(false);
  });

  it('is unset when empty: the shared ADMIN_PASSWORD keeps working as the one login', () => {
    const config = loadConfig({ ADMIN_ACCOUNTS: '  ', ADMIN_USER: 'equipe', ADMIN_PASSWORD: 'mot-de-passe' });
    expect(config.ADMIN_ACCOUNTS).toBeUndefined();
    expect(config).toMatchObject({ ADMIN_USER: 'equipe', ADMIN_PASSWORD: 'mot-de-passe' });
  });

  it('names the setting and the entry number of an invalid entry, never echoing the hash or a password', () => {
    const cases: Array<[string, RegExp]> = [
      [`alice:${aliceHash}:Alice,bob:mot-de-passe-en-clair:Bob`, /^ADMIN_ACCOUNTS: entry 2: the hash is not a `scrypt/],
      [`alice:${aliceHash}`, /^ADMIN_ACCOUNTS: entry 1: expected `login:scrypt-hash:Display Name`/],
      [`ali ce:${aliceHash}:Alice`, /^ADMIN_ACCOUNTS: entry 1: the login must be/],
      [`alice:${aliceHash}:   `, /^ADMIN_ACCOUNTS: entry 1: the display name is empty/],
      [`alice:${aliceHash}:Alice,alice:${bobHash}:Bob`, /^ADMIN_ACCOUNTS: entry 2: the login is already used/],
      [`alice:${aliceHash}:Alice,bob:${bobHash}:alice`, /^ADMIN_ACCOUNTS: entry 2: the display name is already used/],
      [`alice:${aliceHash.replace('scrypt.14.', 'scrypt.30.')}:Alice`, /^ADMIN_ACCOUNTS: entry 1: the hash has a cost/],
      [`alice:${aliceHash}:Alice\u202e`, /^ADMIN_ACCOUNTS: entry 1: the display name has text-direction/],
    ];
    for (const [value, expected] of cases) {
      const error = configErrorOf({ ADMIN_ACCOUNTS: value });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatch(expected);
      expect(error.message).not.toContain(aliceHash.split('.')[5]);
      expect(error.message).not.toContain(bobHash.split('.')[5]);
      expect(error.message).not.toContain('mot-de-passe-en-clair');
    }
  });

  it('is exclusive with the shared ADMIN_PASSWORD (a shared login nobody is accountable for)', () => {
    const error = configErrorOf({ ADMIN_ACCOUNTS: `alice:${aliceHash}:Alice`, ADMIN_PASSWORD: 'partage' });
    expect(error.issues).toEqual([expect.stringMatching(/^ADMIN_ACCOUNTS: set it or ADMIN_PASSWORD, not both/)]);
    expect(error.message).not.toContain('partage');
  });
});
