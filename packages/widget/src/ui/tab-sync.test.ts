import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { reactionTo, TabReactions, STORAGE_CATCH_UP_DELAYS_MS, TAB_SYNC_STORAGE_KEY, TabSync, type TabSyncEnvironment, type TabSyncMessage, type TabSyncReaction } from './tab-sync.ts';

/**
 * The word between tabs: a BroadcastChannel (Node's, as a browser's), else the `storage` event (two
 * happy-dom windows sharing one storage as a browser's tabs do: a write in one fires the event in the
 * other), else nothing, never an error.
 */
const opened: TabSync[] = [];
afterEach(() => {
  for (const sync of opened.splice(0)) sync.close();
});

function tab(environment: TabSyncEnvironment): { sync: TabSync; heard: TabSyncMessage[] } {
  const heard: TabSyncMessage[] = [];
  const sync = new TabSync((message) => heard.push(message), () => environment);
  sync.open();
  opened.push(sync);
  return { sync, heard };
}

const changed: TabSyncMessage = { kind: 'thread_changed', conversationId: 'conversation-1' };

describe('TabSync', () => {
  it('tells the other tabs through a BroadcastChannel, never the tab itself', async () => {
    const a = tab({ BroadcastChannel });
    const b = tab({ BroadcastChannel });
    a.sync.announce(changed);
    await waitForCondition(() => b.heard.length === 1);
    expect(b.heard).toEqual([changed]);
    expect(a.heard).toEqual([]);
  });

  it('falls back to the storage event without BroadcastChannel, and leaves nothing stored', async () => {
    const windowA = new Window({ url: 'http://localhost:3000/' });
    const windowB = new Window({ url: 'http://localhost:3000/' });
    const stored = new Map<string, string>();
    // The browser's part: a write in one tab fires `storage` in the others (with the new value).
    const sharedStorage = (others: Window[]) => ({
      setItem(key: string, newValue: string) {
        stored.set(key, newValue);
        for (const other of others) other.dispatchEvent(new other.StorageEvent('storage', { key, newValue }));
      },
      removeItem(key: string) {
        stored.delete(key);
        for (const other of others) other.dispatchEvent(new other.StorageEvent('storage', { key }));
      },
    });
    const a = tab({ window: windowA as unknown as Window & typeof globalThis, localStorage: sharedStorage([windowB]) as unknown as Storage });
    const b = tab({ window: windowB as unknown as Window & typeof globalThis, localStorage: sharedStorage([windowA]) as unknown as Storage });
    const erased: TabSyncMessage = { kind: 'conversation_started', conversationId: 'conversation-2', reason: 'erased' };
    a.sync.announce(changed);
    a.sync.announce(changed);
    b.sync.announce(erased);
    expect(b.heard).toEqual([changed, changed]);
    expect(a.heard).toEqual([erased]);
    expect(stored.has(TAB_SYNC_STORAGE_KEY)).toBe(false);
    await Promise.all([windowA.happyDOM.close(), windowB.happyDOM.close()]);
  });

  it('does not sync, and throws nothing, without BroadcastChannel and with storage blocked or absent', () => {
    const blocked = {
      setItem() {
        throw new Error('SecurityError');
      },
      removeItem() {
        throw new Error('SecurityError');
      },
    };
    const throwingChannel = function () {
      throw new Error('not allowed here');
    } as unknown as typeof BroadcastChannel;
    const quiet = tab({ BroadcastChannel: throwingChannel, window: undefined, localStorage: blocked });
    expect(() => quiet.sync.announce(changed)).not.toThrow();
    const windowless = tab({});
    expect(() => windowless.sync.announce(changed)).not.toThrow();
    expect([...quiet.heard, ...windowless.heard]).toEqual([]);
  });

  it('ignores what is not one of its messages', async () => {
    const b = tab({ BroadcastChannel });
    const other = new BroadcastChannel('lac-chat-widget');
    other.postMessage({ kind: 'thread_changed' });
    other.postMessage('hello');
    other.postMessage({ kind: 'conversation_started', conversationId: 'c', reason: 'other' });
    other.postMessage(changed);
    await waitForCondition(() => b.heard.length === 1);
    expect(b.heard).toEqual([changed]);
    other.close();
  });
});

describe('reactionTo', () => {
  it('reads the thread again when it is this tab’s conversation that changed', () => {
    expect(reactionTo(changed, { conversationId: 'conversation-1', storedConversationId: 'conversation-1' })).toEqual({ kind: 'refresh' });
    expect(reactionTo(changed, { conversationId: 'conversation-1', storedConversationId: undefined })).toEqual({ kind: 'refresh' });
  });

  it('moves to the stored conversation once this tab’s was replaced, saying why', () => {
    const erased: TabSyncMessage = { kind: 'conversation_started', conversationId: 'conversation-2', reason: 'erased' };
    expect(reactionTo(erased, { conversationId: 'conversation-1', storedConversationId: 'conversation-2' })).toEqual({ kind: 'switch', conversationId: 'conversation-2', reason: 'erased' });
    // A word about the new conversation, its start not heard: moved there all the same.
    expect(reactionTo({ kind: 'thread_changed', conversationId: 'conversation-2' }, { conversationId: 'conversation-1', storedConversationId: 'conversation-2' })).toEqual({
      kind: 'switch',
      conversationId: 'conversation-2',
      reason: 'new',
    });
  });

  it('ignores another conversation’s news while storage is this tab’s own (blocked storage)', () => {
    expect(reactionTo({ kind: 'thread_changed', conversationId: 'elsewhere' }, { conversationId: 'conversation-1', storedConversationId: 'conversation-1' })).toEqual({ kind: 'ignore' });
  });
});

describe('TabReactions', () => {
  /** Runs the scheduled re-reads at once, counting them. */
  function immediateScheduler() {
    const delays: number[] = [];
    return { delays, schedule: (run: () => void, delayMs: number) => (delays.push(delayMs), run()) };
  }
  const erased: TabSyncMessage = { kind: 'conversation_started', conversationId: 'conversation-2', reason: 'erased' };
  const reactionsTo = (messages: TabSyncMessage[], readTab: () => { conversationId: string; storedConversationId: string | undefined }, schedule: (run: () => void, delayMs: number) => unknown) => {
    const reactions: unknown[] = [];
    const tabReactions = new TabReactions(readTab, (reaction) => reactions.push(reaction), schedule);
    for (const message of messages) tabReactions.hear(message);
    return reactions;
  };

  it('waits for the storage to show the conversation another tab announced (Chromium may hand it over after the message)', () => {
    let stored = 'conversation-1';
    let reads = 0;
    const { delays, schedule } = immediateScheduler();
    const readTab = () => {
      reads += 1;
      if (reads === 3) stored = 'conversation-2'; // the write reaches this tab at the third read
      return { conversationId: 'conversation-1', storedConversationId: stored };
    };
    expect(reactionsTo([erased], readTab, schedule)).toEqual([{ kind: 'switch', conversationId: 'conversation-2', reason: 'erased' }]);
    expect(delays).toEqual(STORAGE_CATCH_UP_DELAYS_MS.slice(0, 2));
  });

  it('reacts at once when the storage agrees, and gives up on a storage that never shows it (blocked)', () => {
    const first = immediateScheduler();
    expect(reactionsTo([erased], () => ({ conversationId: 'conversation-1', storedConversationId: 'conversation-2' }), first.schedule)).toEqual([{ kind: 'switch', conversationId: 'conversation-2', reason: 'erased' }]);
    expect(first.delays).toEqual([]);
    const blocked = immediateScheduler();
    expect(reactionsTo([erased], () => ({ conversationId: 'conversation-1', storedConversationId: 'conversation-1' }), blocked.schedule)).toEqual([{ kind: 'ignore' }]);
    expect(blocked.delays).toEqual(STORAGE_CATCH_UP_DELAYS_MS);
    // Its own conversation's news: read again at once, no wait.
    const own = immediateScheduler();
    expect(reactionsTo([{ kind: 'thread_changed', conversationId: 'conversation-1' }], () => ({ conversationId: 'conversation-1', storedConversationId: 'conversation-1' }), own.schedule)).toEqual([{ kind: 'refresh' }]);
    expect(own.delays).toEqual([]);
  });

  it('goes on with the words behind one whose reaction threw, and lets the error be seen', async () => {
    const acted: TabSyncReaction[] = [];
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const tabReactions = new TabReactions(
        () => ({ conversationId: 'conversation-1', storedConversationId: 'conversation-1' }),
        (reaction) => {
          acted.push(reaction);
          if (acted.length === 1) throw new Error('refresh failed');
        },
      );
      tabReactions.hear({ kind: 'thread_changed', conversationId: 'conversation-1' });
      tabReactions.hear({ kind: 'thread_changed', conversationId: 'conversation-1' });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(acted).toEqual([{ kind: 'refresh' }, { kind: 'refresh' }]);
    expect(uncaught).toEqual([new Error('refresh failed')]);
  });

  it('reacts in the order heard: erased, then a message in the new conversation, both before the storage shows it', () => {
    // Virtual time: the other tab erased at 0 ms and wrote in the new conversation at 400 ms; this
    // tab's storage shows the new conversation from 760 ms.
    let now = 0;
    const timers: Array<{ at: number; run: () => void }> = [];
    const schedule = (run: () => void, delayMs: number) => timers.push({ at: now + delayMs, run });
    const tab = { conversationId: 'conversation-1' };
    const reactions: TabSyncReaction[] = [];
    const tabReactions = new TabReactions(
      () => ({ conversationId: tab.conversationId, storedConversationId: now >= 760 ? 'conversation-2' : 'conversation-1' }),
      (reaction) => {
        reactions.push(reaction);
        if (reaction.kind === 'switch') tab.conversationId = reaction.conversationId;
      },
      schedule,
    );
    const runUntil = (end: number) => {
      for (let next = timers.sort((a, b) => a.at - b.at)[0]; next !== undefined && next.at <= end; next = timers.sort((a, b) => a.at - b.at)[0]) {
        timers.shift();
        now = next.at;
        next.run();
      }
      now = end;
    };
    tabReactions.hear(erased);
    runUntil(400);
    tabReactions.hear({ kind: 'thread_changed', conversationId: 'conversation-2' });
    runUntil(5_000);
    expect(reactions).toEqual([{ kind: 'switch', conversationId: 'conversation-2', reason: 'erased' }, { kind: 'refresh' }]);
  });

  it('waits with the page’s setTimeout called as a function (a browser’s throws "Illegal invocation" as another object’s method)', async () => {
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = function (this: unknown, run: () => void, delayMs?: number) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      return realSetTimeout(run, delayMs);
    } as typeof setTimeout;
    try {
      let stored = 'conversation-1';
      const reactions: TabSyncReaction[] = [];
      const tabReactions = new TabReactions(() => ({ conversationId: 'conversation-1', storedConversationId: stored }), (reaction) => reactions.push(reaction));
      tabReactions.hear(erased);
      stored = 'conversation-2';
      await waitForCondition(() => reactions.length > 0);
      expect(reactions).toEqual([{ kind: 'switch', conversationId: 'conversation-2', reason: 'erased' }]);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });

  it('reads the conversation it moves to on a word of a change there (its start not heard)', () => {
    const { schedule } = immediateScheduler();
    expect(reactionsTo([{ kind: 'thread_changed', conversationId: 'conversation-2' }], () => ({ conversationId: 'conversation-1', storedConversationId: 'conversation-2' }), schedule)).toEqual([
      { kind: 'switch', conversationId: 'conversation-2', reason: 'new' },
      { kind: 'refresh' },
    ]);
  });
});
