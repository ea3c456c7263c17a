import { Window } from 'happy-dom';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import { TAB_ID_SESSION_KEY, TabClaims } from './tab-claims.ts';
import { rememberUnsentMessages, takeOverUnsentMessages } from './unsent-messages.ts';
import { UNSENT_MESSAGES_STORAGE_KEY } from './visitor-identity.ts';

/**
 * Each tab keeps its own messages not accepted yet, and a page takes over only those of pages that
 * are gone (their Web Lock free): its tab's previous page (a reload), a closed tab, an older widget.
 * The lock manager is a browser's, in small: a held lock is let go when its page goes.
 */
const window = new Window({ url: 'http://localhost:3000/' });
Object.defineProperty(globalThis, 'localStorage', { value: window.localStorage, configurable: true, writable: true });
afterAll(() => window.happyDOM.close());
beforeEach(() => window.localStorage.clear());

class BrowserLocks {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, Array<() => void>>();

  request(name: string, ...rest: unknown[]): Promise<unknown> {
    const options = (rest.length > 1 ? rest[0] : {}) as LockOptions;
    const callback = rest.at(-1) as (lock: Lock | null) => unknown;
    const grant = async (): Promise<unknown> => {
      this.held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        this.letGo(name);
      }
    };
    if (!this.held.has(name)) return grant();
    if (options.ifAvailable) return Promise.resolve(callback(null));
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(name) ?? [];
      const turn = () => void grant().then(resolve, reject);
      queue.push(turn);
      this.waiting.set(name, queue);
      options.signal?.addEventListener('abort', () => {
        queue.splice(queue.indexOf(turn), 1);
        reject(options.signal!.reason);
      });
    });
  }

  /** The page holding `name` goes. */
  letGo(name: string): void {
    this.held.delete(name);
    this.waiting.get(name)?.shift()?.();
  }
}

class Session {
  private readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
}

let nextId = 0;
const page = (locks: BrowserLocks | undefined, session = new Session()) => new TabClaims(() => `tab-${(nextId += 1)}`, { locks, session });
const message = (text: string, sentAt: string): OutgoingMessage => ({ userId: 'user-1', conversationId: 'conversation-1', text, idempotencyKey: `key-${text}`, sentAt });
const texts = (taken: Array<{ message: OutgoingMessage }>) => taken.map((unsent) => unsent.message.text);

describe('unsent messages, each tab its own', () => {
  it('goes to the next page of the same tab (a reload), the posted one marked so, once the page before has let go', async () => {
    const locks = new BrowserLocks();
    const session = new Session();
    const before = page(locks, session);
    rememberUnsentMessages(before.tabId, 'conversation-1', [
      { message: message('posted', '2026-12-04T10:00:00.000Z'), posted: true },
      { message: message('queued', '2026-12-04T10:00:01.000Z'), posted: false },
    ]);
    const after = page(locks, session);
    expect(after.previousTabId).toBe(before.tabId);
    expect(session.getItem(TAB_ID_SESSION_KEY)).toBe(after.tabId);
    const taking = takeOverUnsentMessages(after, 'conversation-1', 'user-1');
    setTimeout(() => locks.letGo(`lac-widget-tab-${before.tabId}`), 50); // the page before goes a moment later
    const taken = await taking;
    expect(taken.map((unsent) => [unsent.message.text, unsent.posted])).toEqual([['posted', true], ['queued', false]]);
    expect(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${before.tabId}`)).toBeNull();
    // Now this page's own: kept under its entry until it sends them.
    expect(JSON.parse(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${after.tabId}`)!).messages).toHaveLength(2);
  });

  it('leaves a live tab its messages; takes over a closed tab\'s once, however many pages load at once', async () => {
    const locks = new BrowserLocks();
    const live = page(locks);
    const closed = page(locks);
    rememberUnsentMessages(live.tabId, 'conversation-1', [{ message: message('live', '2026-12-04T10:00:00.000Z'), posted: false }]);
    rememberUnsentMessages(closed.tabId, 'conversation-1', [{ message: message('closed', '2026-12-04T10:00:01.000Z'), posted: false }]);
    locks.letGo(`lac-widget-tab-${closed.tabId}`);
    const [one, two] = [page(locks), page(locks)];
    const [takenByOne, takenByTwo] = await Promise.all([takeOverUnsentMessages(one, 'conversation-1', 'user-1'), takeOverUnsentMessages(two, 'conversation-1', 'user-1')]);
    expect([...texts(takenByOne), ...texts(takenByTwo)]).toEqual(['closed']);
    expect(JSON.parse(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${live.tabId}`)!).messages).toHaveLength(1);
  });

  it('writes only its own entry: one tab emptying its list keeps the other tab\'s', () => {
    const locks = new BrowserLocks();
    const [a, b] = [page(locks), page(locks)];
    rememberUnsentMessages(a.tabId, 'conversation-1', [{ message: message('a', '2026-12-04T10:00:00.000Z'), posted: false }]);
    rememberUnsentMessages(b.tabId, 'conversation-1', [{ message: message('b', '2026-12-04T10:00:00.000Z'), posted: false }]);
    rememberUnsentMessages(b.tabId, 'conversation-1', []);
    expect(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${a.tabId}`)).not.toBeNull();
    expect(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${b.tabId}`)).toBeNull();
  });

  it('keeps what the takeover moved to this tab while a message typed meanwhile is remembered', async () => {
    const locks = new BrowserLocks();
    const closed = page(locks);
    rememberUnsentMessages(closed.tabId, 'conversation-1', [{ message: message('taken', '2026-12-04T10:00:00.000Z'), posted: false }]);
    locks.letGo(`lac-widget-tab-${closed.tabId}`);
    const loading = page(locks);
    await takeOverUnsentMessages(loading, 'conversation-1', 'user-1');
    rememberUnsentMessages(loading.tabId, 'conversation-1', [{ message: message('typed', '2026-12-04T10:00:05.000Z'), posted: false }], true);
    const stored = JSON.parse(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${loading.tabId}`)!) as { messages: Array<{ text: string }> };
    expect(stored.messages.map((kept) => kept.text)).toEqual(['taken', 'typed']);
  });

  it('takes over an older widget\'s entry (no tab), oldest first, and forgets what was kept for another conversation', async () => {
    const locks = new BrowserLocks();
    const closed = page(locks);
    rememberUnsentMessages(closed.tabId, 'conversation-0', [{ message: message('old conversation', '2026-12-04T09:00:00.000Z'), posted: false }]);
    locks.letGo(`lac-widget-tab-${closed.tabId}`);
    window.localStorage.setItem(
      UNSENT_MESSAGES_STORAGE_KEY,
      JSON.stringify({ conversation_id: 'conversation-1', messages: [{ text: 'older widget', idempotency_key: 'key-older', sent_at: '2026-12-04T10:00:00.000Z' }] }),
    );
    const taken = await takeOverUnsentMessages(page(locks), 'conversation-1', 'user-1');
    expect(texts(taken)).toEqual(['older widget']);
    expect(taken[0]!.posted).toBe(false);
    expect(window.localStorage.getItem(UNSENT_MESSAGES_STORAGE_KEY)).toBeNull();
    expect(window.localStorage.getItem(`${UNSENT_MESSAGES_STORAGE_KEY}.${closed.tabId}`)).toBeNull();
  });

  it('without Web Locks takes over every other entry (it cannot tell a live tab from a gone one)', async () => {
    const other = page(undefined);
    rememberUnsentMessages(other.tabId, 'conversation-1', [{ message: message('other', '2026-12-04T10:00:00.000Z'), posted: false }]);
    expect(texts(await takeOverUnsentMessages(page(undefined), 'conversation-1', 'user-1'))).toEqual(['other']);
  });

  it('goes to the next page of the same tab in a browser with Web Locks but no AbortSignal.timeout (Chrome 69-102, Safari 15.4)', async () => {
    const timeout = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout');
    Object.defineProperty(AbortSignal, 'timeout', { value: undefined, configurable: true, writable: true });
    try {
      const locks = new BrowserLocks();
      const session = new Session();
      const before = page(locks, session);
      rememberUnsentMessages(before.tabId, 'conversation-1', [{ message: message('typed before the reload', '2026-12-04T10:00:00.000Z'), posted: false }]);
      const after = page(locks, session);
      const taking = takeOverUnsentMessages(after, 'conversation-1', 'user-1');
      setTimeout(() => locks.letGo(`lac-widget-tab-${before.tabId}`), 50);
      expect(texts(await taking)).toEqual(['typed before the reload']);
    } finally {
      if (timeout) Object.defineProperty(AbortSignal, 'timeout', timeout);
    }
  });
});
