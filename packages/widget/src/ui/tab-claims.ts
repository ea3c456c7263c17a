/**
 * Which page of the browser owns what a widget keeps on the device for itself (its messages not
 * accepted yet, unsent-messages.ts). Every widget page has an id of its own and holds a Web Lock
 * named after it for as long as it lives: the browser lets go of it when the page goes (closed,
 * reloaded, left for another page of the site). Another page takes over what a page kept only once
 * it holds that lock: the page is gone, and no third page can take the same things over meanwhile
 * (two pages loading at once never both send them). A tab's previous page (a reload) is known by the
 * id kept in sessionStorage, which a reload keeps: its lock may take a moment to be let go.
 *
 * Without Web Locks (browsers before 2022) a page cannot tell a live tab from a gone one: it takes
 * over everything kept, as the widget did before tabs had their own (a message held in two tabs at
 * once may then go from both: the Idempotency-Key keeps it once on the server).
 */
const LOCK_NAME_PREFIX = 'lac-widget-tab-';
/** sessionStorage: the id of this tab's current page, read back by the next page of the tab. */
export const TAB_ID_SESSION_KEY = 'lac_widget_tab_id';
/** How long a page waits for its tab's previous page to let its lock go. */
const PREVIOUS_PAGE_WAIT_MS = 3_000;

type Locks = Pick<LockManager, 'request'>;
type Session = Pick<Storage, 'getItem' | 'setItem'>;

/** The page's lock manager and sessionStorage (either may be missing); tests pass their own. */
export interface TabClaimsEnvironment {
  locks?: Locks | undefined;
  session?: Session | undefined;
}

export class TabClaims {
  readonly tabId: string;
  /** The id of the page this tab showed before a reload, if any. */
  readonly previousTabId: string | undefined;

  private readonly locks: Locks | undefined;

  constructor(createId: () => string, environment: TabClaimsEnvironment = { locks: defaultLocks(), session: defaultSession() }) {
    const { locks, session } = environment;
    this.locks = locks;
    this.tabId = createId();
    try {
      this.previousTabId = session?.getItem(TAB_ID_SESSION_KEY) ?? undefined;
      session?.setItem(TAB_ID_SESSION_KEY, this.tabId);
    } catch {
      // sessionStorage blocked: a reload looks like another tab gone
    }
    // Held until the page goes (the callback never ends).
    this.locks?.request(lockNameOf(this.tabId), () => new Promise<never>(() => undefined)).catch(() => undefined);
  }

  /**
   * Runs `takeOver` (synchronous: it moves what `owner` kept to this page) once `owner`'s page is
   * gone, holding its lock meanwhile; resolves false, without running it, when that page is alive.
   * A live page never lets go: this tab's previous page is waited for a moment, any other not at all.
   */
  async whenGone(owner: string, takeOver: () => void): Promise<boolean> {
    if (owner === this.tabId) return false;
    if (!this.locks) {
      takeOver();
      return true;
    }
    const run = (lock: Lock | null) => {
      if (lock === null) return false;
      takeOver();
      return true;
    };
    const wait = owner !== '' && owner === this.previousTabId ? abortedAfter(PREVIOUS_PAGE_WAIT_MS) : undefined;
    try {
      if (wait) return await this.locks.request(lockNameOf(owner), { signal: wait.signal }, run);
      return await this.locks.request(lockNameOf(owner), { ifAvailable: true }, run);
    } catch {
      return false; // still held after the wait (the same tab duplicated), or no lock manager after all
    } finally {
      wait?.stop();
    }
  }
}

/**
 * A signal aborted after `ms`. Not AbortSignal.timeout alone: browsers with Web Locks but without it
 * (Chrome 69 to 102, Firefox 96 to 99, Safari 15.4 to 15.6) threw there, and a reloaded tab never
 * took its previous page's messages over (they waited for another page load).
 */
function abortedAfter(ms: number): { signal: AbortSignal; stop(): void } {
  if (typeof AbortSignal.timeout === 'function') return { signal: AbortSignal.timeout(ms), stop: () => undefined };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('the page before still holds its lock', 'TimeoutError')), ms);
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}

function lockNameOf(tabId: string): string {
  return `${LOCK_NAME_PREFIX}${tabId}`;
}

function defaultLocks(): Locks | undefined {
  try {
    return typeof navigator !== 'undefined' && navigator.locks && typeof navigator.locks.request === 'function' ? navigator.locks : undefined;
  } catch {
    return undefined;
  }
}

function defaultSession(): Session | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}
