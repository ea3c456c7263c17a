import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from './chat-schemas.ts';

/**
 * `timestamp` is not used (the server's time is stored) and documented as an ISO 8601 date: a
 * server-side client's local date-time without offset (Python's `datetime.now().isoformat()`,
 * `datetime.utcnow().isoformat()`) is one, and was refused with a 400 for a field nobody reads.
 */

const valid = { user_id: 'u', conversation_id: 'c', message: 'Bonjour' };
const timestampAccepted = (timestamp: unknown) => chatRequestSchema.safeParse({ ...valid, timestamp }).success;

describe('the timestamp of a chat request', () => {
  it.each(['2026-12-04T15:20:03', '2026-12-04T15:20:03.123456', '2026-12-04T15:20', '2026-12-04T15:20:03Z', '2026-12-04T15:20:03.123+01:00'])('accepts %s', (timestamp) => {
    expect(timestampAccepted(timestamp)).toBe(true);
  });

  // As other clients write it: PHP's DATE_ISO8601 and Python's `%z` (`+0100`), an hours-only offset,
  // UTC without seconds, Python's `str(datetime)` (a space for the T), RFC 3339's lower case, a
  // decimal comma, a leap day. Each was a 400 for a field the server does not read.
  it.each([
    '2026-12-04T15:20:03+0100',
    '2026-12-04T15:20:03-0530',
    '2026-12-04T15:20:03+01',
    '2026-12-04T15:20Z',
    '2026-12-04 15:20:03',
    '2026-12-04 15:20:03.123456+00:00',
    '2026-12-04t15:20:03z',
    '2026-12-04T15:20:03,5Z',
    '2028-02-29T00:00:00Z',
  ])('accepts %s as other languages write it', (timestamp) => {
    expect(timestampAccepted(timestamp)).toBe(true);
  });

  it.each([
    'hier',
    '2026-13-45T00:00:00',
    '2026-02-30T10:00:00',
    '2027-02-29T10:00:00Z',
    '2026-12-04',
    '15:20:03',
    '2026-12-04T24:00:00Z',
    '2026-12-04T15:20:60Z',
    '2026-12-04T15:20:03+2400',
    '2026-12-04T15:20:03+01:',
    '2026-12-04T15:20:03 +01:00',
    '2026-W49-5T10:00:00Z',
    '',
    1_700_000_000,
  ])('refuses %s', (timestamp) => {
    expect(timestampAccepted(timestamp)).toBe(false);
  });

  it('reads null as absent', () => {
    expect(chatRequestSchema.parse({ ...valid, timestamp: null }).timestamp).toBeNull();
    expect(timestampAccepted(undefined)).toBe(true);
  });
});

describe('the ids of a chat request', () => {
  // Dot segments: resolved away by browsers and most clients, `%2E` too, so no URL could name them.
  it.each(['.', '..'])('refuses %s, which no URL path can hold', (id) => {
    expect(chatRequestSchema.safeParse({ ...valid, conversation_id: id }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...valid, user_id: id }).success).toBe(false);
  });

  it.each(['...', '../x', './', '.a', 'a..', '😀'])('accepts %s', (id) => {
    expect(chatRequestSchema.safeParse({ ...valid, conversation_id: id }).success).toBe(true);
  });
});
