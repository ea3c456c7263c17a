import { InvalidRequestError } from './api-errors.ts';

/**
 * Reads `wait=N` from a `Prefer` header (RFC 7240: comma-separated preferences, each
 * `token[=value]` followed by `;` parameters). Returns the seconds asked for, capped to
 * `maxSeconds` however many digits they have (`wait=9999999` is a long wait, shortened like
 * `wait=100`, not a preference to ignore), or undefined when there is no usable wait preference
 * (ignored, as RFC 7240 asks).
 */
export function waitSecondsFromPreferHeader(header: string | string[] | undefined, maxSeconds: number): number | undefined {
  if (header === undefined) return undefined;
  const values = Array.isArray(header) ? header : [header];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const [head] = preference.split(';');
      const match = /^\s*wait\s*=\s*"?(\d+)"?\s*$/i.exec(head ?? '');
      if (match?.[1] !== undefined) return Math.min(Number(match[1]), maxSeconds);
    }
  }
  return undefined;
}

/** The contract's longest wait (`?wait=N`, N ≤ 30); MAX_WAIT_SECONDS may lower what is honoured, never raise it. */
export const CONTRACT_MAX_WAIT_SECONDS = 30;

/**
 * Reads the `?wait=N` query value: absent → 0; a whole number of seconds from 0 to 30 (the
 * contract), honoured up to `maxSeconds`; anything else (above 30 included) is a 400.
 */
export function waitSecondsFromQuery(value: unknown, maxSeconds: number): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) > CONTRACT_MAX_WAIT_SECONDS) {
    throw new InvalidRequestError([{ field: 'wait', message: `doit être un nombre entier de secondes (0 à ${CONTRACT_MAX_WAIT_SECONDS})` }]);
  }
  return Math.min(Number(value), maxSeconds);
}
