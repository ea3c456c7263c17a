/**
 * What the thread shows while a reloaded widget reads its conversation: never the welcome text of a
 * new conversation over an empty thread (the visitor took it for their conversation lost), but a
 * discreet "Chargement de la conversation…" with the list `aria-busy`; and when the history cannot
 * be read, a notice that says so, with a retry, instead of an empty thread.
 *
 * The read is also tried again by itself: 2 s after a failure, then 4, 8… up to 30 s, and at once
 * when the browser is back online. Found by review: a page loaded while the API could not be reached
 * (restarting, a phone between networks) showed the notice until the visitor pressed "Réessayer",
 * and until then the conversation was not followed either: a person's reply never showed to a
 * visitor who just waited for it.
 */
export const THREAD_LOADING_TEXT = 'Chargement de la conversation…';
export const THREAD_LOAD_FAILED_TEXT = 'Impossible d’afficher la conversation pour l’instant : vérifie ta connexion.';
export const FIRST_AUTOMATIC_RETRY_MS = 2_000;
export const LONGEST_AUTOMATIC_RETRY_MS = 30_000;

export class ThreadLoadingState {
  private item: HTMLLIElement | undefined;
  /** Failures in a row since the thread was last read: the next automatic retry waits longer. */
  private failures = 0;
  private cancelAutomaticRetry: (() => void) | undefined;

  constructor(
    private readonly document: Document,
    private readonly messages: HTMLOListElement,
    private readonly welcome: HTMLLIElement,
  ) {}

  /** Loading shown, or the failure notice: the thread has not been read yet. */
  get active(): boolean {
    return this.item !== undefined;
  }

  show(): void {
    this.cancelAutomaticRetry?.();
    const item = this.replaceItem('thread-loading', 'status');
    item.textContent = THREAD_LOADING_TEXT;
    this.messages.setAttribute('aria-busy', 'true');
  }

  /**
   * The history could not be read: said, with "Réessayer" (which shows the loading again, then runs
   * `retry`), which also happens by itself after a delay, or as the browser comes back online.
   */
  fail(retry: () => void): void {
    this.cancelAutomaticRetry?.();
    const again = () => {
      this.show();
      retry();
    };
    this.scheduleAutomaticRetry(again);
    const item = this.replaceItem('thread-load-failed', 'alert');
    const text = this.document.createElement('p');
    text.textContent = THREAD_LOAD_FAILED_TEXT;
    const button = this.document.createElement('button');
    button.type = 'button';
    button.dataset.testid = 'thread-load-retry';
    button.textContent = 'Réessayer';
    button.addEventListener('click', again);
    item.append(text, button);
    this.messages.removeAttribute('aria-busy');
  }

  /** Read: the thread shows it (or the welcome text, for a conversation with nothing stored). */
  done(): void {
    this.cancelAutomaticRetry?.();
    this.failures = 0;
    this.item?.remove();
    this.item = undefined;
    this.messages.removeAttribute('aria-busy');
  }

  private scheduleAutomaticRetry(again: () => void): void {
    const view = this.document.defaultView;
    if (!view) return;
    const delayMs = Math.min(FIRST_AUTOMATIC_RETRY_MS * 2 ** this.failures, LONGEST_AUTOMATIC_RETRY_MS);
    this.failures += 1;
    const timer = view.setTimeout(again, delayMs);
    view.addEventListener('online', again);
    this.cancelAutomaticRetry = () => {
      view.clearTimeout(timer);
      view.removeEventListener('online', again);
      this.cancelAutomaticRetry = undefined;
    };
  }

  private replaceItem(testid: string, role: string): HTMLLIElement {
    const item = this.document.createElement('li');
    item.className = 'thread-loading';
    item.dataset.testid = testid;
    item.setAttribute('role', role);
    this.welcome.remove();
    if (this.item?.parentNode === this.messages) this.item.replaceWith(item);
    else this.messages.prepend(item);
    this.item = item;
    return item;
  }
}
