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

  it.each(['hier', '2026-13-45T00:00:00', '2026-02-30T10:00:00', '2026-12-04', '', 1_700_000_000])('refuses %s', (timestamp) => {
    expect(timestampAccepted(timestamp)).toBe(false);
  });

  it('reads null as absent', () => {
    expect(chatRequestSchema.parse({ ...valid, timestamp: null }).timestamp).toBeNull();
    expect(timestampAccepted(undefined)).toBe(true);
  });
});
