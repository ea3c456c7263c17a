import { describe, expect, it } from 'vitest';
import { serializeRequestWithoutCredentials, urlWithoutCredentials } from './request-log-serializer.ts';

describe('the access log of a request', () => {
  it('replaces the values of query parameters that may carry a credential, and keeps the others', () => {
    expect(urlWithoutCredentials('/api/v2/conversations/c1/events?token=ct1.secret&wait=10')).toBe('/api/v2/conversations/c1/events?token=[redacted]&wait=10');
    expect(urlWithoutCredentials('/x?access_token=a&API_KEY=b&limit=50&after')).toBe('/x?access_token=[redacted]&API_KEY=[redacted]&limit=50&after');
    expect(urlWithoutCredentials('/x?%74oken=abc')).toBe('/x?%74oken=[redacted]');
    expect(urlWithoutCredentials('/health')).toBe('/health');
    expect(serializeRequestWithoutCredentials({ url: '/a?token=t', query: { token: 't', wait: '5' } })).toEqual({ url: '/a?token=[redacted]', query: { token: '[redacted]', wait: '5' } });
  });
});
