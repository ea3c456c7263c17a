import { describe, expect, it } from 'vitest';
import { HttpStatusError, NetworkError } from '../client/chat-client-errors.ts';
import { RETRY_NOTICES, retryNoticeOf } from './submit-failure.ts';

describe('the notice shown while a post is tried again', () => {
  it('says the service is unavailable on a 503, not that the connection is unstable', () => {
    expect(retryNoticeOf(new HttpStatusError({ status: 503, code: 'dependency_unavailable' }))).toBe(RETRY_NOTICES.unavailable);
    expect(RETRY_NOTICES.unavailable).not.toMatch(/connexion/i);
  });

  it('blames the connection only for a network failure, the server for its other errors', () => {
    expect(retryNoticeOf(new NetworkError('fetch failed'))).toBe(RETRY_NOTICES.network);
    expect(retryNoticeOf(new HttpStatusError({ status: 502 }))).toBe(RETRY_NOTICES.server);
    for (const text of Object.values(RETRY_NOTICES)) expect(text).not.toMatch(/veuillez|vous/i);
  });
});
