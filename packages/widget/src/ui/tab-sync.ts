/**
 * The tabs of one browser share one conversation (its id and token live in localStorage): when one
 * tab's thread changes (a question accepted, an answer in, a new conversation, an erasure) it says so
 * here, and the other tabs of the origin read the thread again from the server (thread-refresh.ts) or
 * move to the conversation that replaced theirs. The word goes through a BroadcastChannel where the
 * browser has one, else through the `storage` event of a key written (and removed) for that purpose;
 * with neither (or storage blocked) the tab simply does not sync. Nothing of it goes to the server.
 */
export type TabSyncMessage =
  | { kind: 'thread_changed'; conversationId: string }
  | { kind: 'conversation_started'; conversationId: string; reason: 'new' | 'erased' };

/** What a tab does on hearing another: read its thread again, move to the stored conversation, or nothing. */
export type TabSyncReaction = { kind: 'refresh' } | { kind: 'switch'; conversationId: string; reason: 'new' | 'erased' } | { kind: 'ignore' };

/** What the live announcer says when another tab replaced the conversation. */
export const SWITCHED_CONVERSATION_TEXTS = {
  new: 'Nouvelle conversation commencée dans un autre onglet.',
  erased: 'Conversations effacées dans un autre onglet. Une nouvelle conversation commence.',
} as const;

export const TAB_SYNC_CHANNEL_NAME = 'lac-chat-widget';
/** The fallback's key: a message is written there, then removed (other tabs see both; only the first carries it). */
export const TAB_SYNC_STORAGE_KEY = 'lac_tab_sync';

/** Where the transports come from (the page's window by default; tests pass their own). */
export interface TabSyncEnvironment {
  BroadcastChannel?: typeof BroadcastChannel | undefined;
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null | undefined;
  localStorage?: Pick<Storage, 'setItem' | 'removeItem'> | undefined;
}

export function tabSyncMessageOf(data: unknown): TabSyncMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, conversationId, reason } = data as Record<string, unknown>;
  if (typeof conversationId !== 'string' || conversationId === '') return undefined;
  if (kind === 'thread_changed') return { kind, conversationId };
  if (kind === 'conversation_started' && (reason === 'new' || reason === 'erased')) return { kind, conversationId, reason };
  return undefined;
}

/**
 * The stored conversation id is the truth shared by the tabs: another one than this tab's means this
 * one was replaced (new, or erased: never post to it again); the same one, changed, is read again.
 */
export function reactionTo(message: TabSyncMessage, tab: { conversationId: string; storedConversationId: string | undefined }): TabSyncReaction {
  const stored = tab.storedConversationId;
  if (stored !== undefined && stored !== tab.conversationId) {
    return { kind: 'switch', conversationId: stored, reason: message.kind === 'conversation_started' && message.conversationId === stored ? message.reason : 'new' };
  }
  return message.conversationId === tab.conversationId && message.kind === 'thread_changed' ? { kind: 'refresh' } : { kind: 'ignore' };
}

/**
 * How long this tab waits, at most, for its storage to show what another tab's word says it stored:
 * Chromium hands a tab's localStorage writes to the other tabs' pages on their own way, at times after
 * the BroadcastChannel message sent just after them. A tab that read the stored id at once still
 * found its own, ignored "erased, here is the new conversation" and kept posting to the erased one.
 */
export const STORAGE_CATCH_UP_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800, 1600];

/**
 * Reacts to the other tabs' words in the order heard, each once the stored conversation id agrees
 * with it: at once, or, while a word names a conversation the storage does not show yet, after
 * reading the storage again (STORAGE_CATCH_UP_DELAYS_MS; the words heard meanwhile wait behind it);
 * storage that never shows it (blocked, or another tab moved on meanwhile): the reaction to what it
 * shows, `ignore` included. Each word waited on its own once: "erased, here is N" and "N changed"
 * (the other tab wrote in N at once) both waiting, the second could be read first, and the tab
 * moved to N saying "nouvelle conversation", not "effacées", and without reading what N held.
 * A word of a change in the conversation it moves to reads that conversation too.
 */
export class TabReactions {
  private readonly waiting: TabSyncMessage[] = [];
  private attempts = 0;
  private working = false;
  private retryScheduled = false;

  constructor(
    private readonly readTab: () => { conversationId: string; storedConversationId: string | undefined },
    private readonly act: (reaction: TabSyncReaction) => void,
    // Called as a function: a browser's setTimeout called as this object's method throws "Illegal invocation".
    private readonly schedule: (run: () => void, delayMs: number) => unknown = (run, delayMs) => setTimeout(run, delayMs),
  ) {}

  hear(message: TabSyncMessage): void {
    this.waiting.push(message);
    if (!this.retryScheduled) this.work();
  }

  private work(): void {
    if (this.working) return;
    this.working = true;
    try {
      for (let message = this.waiting[0]; message !== undefined; message = this.waiting[0]) {
        const tab = this.readTab();
        const reaction = reactionTo(message, tab);
        const storageBehind = reaction.kind === 'ignore' && message.conversationId !== tab.storedConversationId && message.conversationId !== tab.conversationId;
        const delayMs = STORAGE_CATCH_UP_DELAYS_MS[this.attempts];
        if (storageBehind && delayMs !== undefined) {
          this.attempts += 1;
          this.working = false;
          this.retryScheduled = true;
          this.schedule(() => {
            this.retryScheduled = false;
            this.work();
          }, delayMs);
          return;
        }
        this.waiting.shift();
        this.attempts = 0;
        try {
          this.act(reaction);
          if (reaction.kind === 'switch' && message.kind === 'thread_changed' && message.conversationId === reaction.conversationId) this.act({ kind: 'refresh' });
        } catch (error) {
          // The words behind it are still acted on; the error is not swallowed.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    } finally {
      this.working = false;
    }
  }
}

export class TabSync {
  private channel: BroadcastChannel | undefined;
  private listeningWindow: TabSyncEnvironment['window'];
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== TAB_SYNC_STORAGE_KEY || !event.newValue) return;
    try {
      this.receive(JSON.parse(event.newValue));
    } catch {
      // not ours
    }
  };

  constructor(
    private readonly onMessage: (message: TabSyncMessage) => void,
    private readonly environment: () => TabSyncEnvironment = defaultEnvironment,
  ) {}

  /** Starts listening (again, after the element was moved in the page). */
  open(): void {
    if (this.channel || this.listeningWindow) return;
    const { BroadcastChannel: Channel, window } = this.environment();
    try {
      if (Channel) {
        const channel = new Channel(TAB_SYNC_CHANNEL_NAME);
        channel.onmessage = (event: MessageEvent) => this.receive(event.data);
        this.channel = channel;
        return;
      }
    } catch {
      // no channel here: the storage event, if any
    }
    try {
      window?.addEventListener('storage', this.onStorage as EventListener);
      this.listeningWindow = window;
    } catch {
      // no sync
    }
  }

  close(): void {
    try {
      this.channel?.close();
      this.listeningWindow?.removeEventListener('storage', this.onStorage as EventListener);
    } catch {
      // already gone
    }
    this.channel = undefined;
    this.listeningWindow = undefined;
  }

  /** Tells the other tabs (never this one). */
  announce(message: TabSyncMessage): void {
    try {
      if (this.channel) {
        this.channel.postMessage(message);
        return;
      }
      const storage = this.environment().localStorage;
      if (!this.listeningWindow || !storage) return;
      // A nonce: the same message twice in a row is still a change of the key.
      storage.setItem(TAB_SYNC_STORAGE_KEY, JSON.stringify({ ...message, nonce: Math.random() }));
      storage.removeItem(TAB_SYNC_STORAGE_KEY);
    } catch {
      // storage full or blocked, channel closed: this change is not synced
    }
  }

  private receive(data: unknown): void {
    const message = tabSyncMessageOf(data);
    if (message) this.onMessage(message);
  }
}

function defaultEnvironment(): TabSyncEnvironment {
  let localStorage: Storage | undefined;
  try {
    localStorage = globalThis.localStorage;
  } catch {
    // blocked (sandboxed frame)
  }
  return {
    BroadcastChannel: typeof BroadcastChannel === 'function' ? BroadcastChannel : undefined,
    window: typeof window === 'undefined' ? undefined : window,
    localStorage,
  };
}

/**
 * `run` at most once at a time: asked again while it runs, it runs once more after (the last word
 * heard is read, however many came meanwhile).
 */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const start = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run().catch(() => undefined);
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return start;
}
