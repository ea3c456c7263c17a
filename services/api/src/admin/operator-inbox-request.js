// The inbox's requests to the operator API (imported by inbox.js): JSON both ways; a refusal is an
// Error with the server's French message, its status and code; a request that never reached the
// server says so in French. A 401 (the operator logged out in another tab, or their credentials were
// withdrawn) is also told to `onSignedOut`: the screen stops and asks them to log in again.
import { UNREACHABLE_TEXT } from './freshness.js';

export function createRequest({ onSignedOut }) {
  return async function request(path, options = {}) {
    const { headers, ...rest } = options;
    const contentType = options.body ? { 'content-type': 'application/json' } : {};
    // X-Requested-With: a 401 comes without the Basic challenge, on which the browser would show its
    // own login prompt (one per read) instead of the page saying it in French (admin-basic-auth.ts).
    const marked = { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest', ...contentType, ...headers };
    const response = await fetch(path, { headers: marked, ...rest }).catch(() =>
      Promise.reject(new Error(UNREACHABLE_TEXT)),
    );
    if (response.status === 401) onSignedOut();
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw Object.assign(new Error(body?.error?.message ?? `Erreur ${response.status}`), { status: response.status, code: body?.error?.code });
    return body;
  };
}
