import { z } from 'zod';
import { parseAdminPasswordHash, type AdminPasswordHash } from './admin-password-hash.ts';

/** One operator's admin login: who they are to the team and to visitors, and their password's hash. */
export interface AdminAccount {
  login: string;
  displayName: string;
  passwordHash: AdminPasswordHash;
}

const FORMAT = 'expected `login:scrypt-hash:Display Name`, entries separated by commas';
const LOGIN_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

/** Why a display name cannot be shown to visitors as who answers (the inbox's operator-name rules), or undefined. */
function displayNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the display name is empty';
  if (name.length > 60) return 'the display name is longer than 60 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the display name has control characters';
  if (/[\u202a-\u202e\u2066-\u2069]/.test(name)) return 'the display name has text-direction characters';
  if (!/[\p{L}\p{N}]/u.test(name)) return 'the display name has no letter or digit';
  return undefined;
}

/** One entry (numbered from 1 in errors), or why it is invalid: never quoting the hash. */
function parseEntry(entry: string): AdminAccount | string {
  const first = entry.indexOf(':');
  const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
  if (second < 0) return FORMAT;
  const login = entry.slice(0, first).trim();
  const displayName = entry.slice(second + 1).trim();
  if (!LOGIN_PATTERN.test(login)) return 'the login must be 1–64 letters, digits, `.`, `_`, `@` or `-`';
  const hash = parseAdminPasswordHash(entry.slice(first + 1, second));
  if (!hash.ok) return hash.reason;
  const nameProblem = displayNameProblem(displayName);
  if (nameProblem) return nameProblem;
  return { login, displayName, passwordHash: hash.hash };
}

/**
 * ADMIN_ACCOUNTS: one admin login per operator, `login:scrypt-hash:Display Name` comma-separated
 * (the display name is what the team and visitors see on joins and replies). Unset or blank: none
 * (then ADMIN_USER / ADMIN_PASSWORD, the shared login, applies). An invalid entry is an error naming
 * its number and what is wrong, never the hash; logins and display names must be unique.
 */
export const adminAccountsSetting = z
  .string()
  .optional()
  .transform((value, context): AdminAccount[] | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const accounts: AdminAccount[] = [];
    value.split(',').forEach((raw, index) => {
      const entry = raw.trim();
      if (entry === '' && index > 0 && index === value.split(',').length - 1) return; // a trailing comma
      const parsed = parseEntry(entry);
      const problem =
        typeof parsed === 'string'
          ? parsed
          : accounts.some((account) => account.login === parsed.login)
            ? 'the login is already used by an earlier entry'
            : accounts.some((account) => account.displayName.toLowerCase() === parsed.displayName.toLowerCase())
              ? 'the display name is already used by an earlier entry'
              : undefined;
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `entry ${index + 1}: ${problem}` });
      else if (typeof parsed !== 'string') accounts.push(parsed);
    });
    return accounts;
  });
