/**
 * What the thread shows while a reloaded widget reads its conversation: never the welcome text of a
 * new conversation over an empty thread (the visitor took it for their conversation lost), but a
 * discreet "Chargement de la conversation…" with the list `aria-busy`; and when the history cannot
 * be read, a notice that says so, with a retry, instead of an empty thread.
 */
export const THREAD_LOADING_TEXT = 'Chargement de la conversation…';
export const THREAD_LOAD_FAILED_TEXT = 'Impossible d’afficher la conversation pour l’instant : vérifie ta connexion.';

export class ThreadLoadingState {
  private item: HTMLLIElement | undefined;

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
    const item = this.replaceItem('thread-loading', 'status');
    item.textContent = THREAD_LOADING_TEXT;
    this.messages.setAttribute('aria-busy', 'true');
  }

  /** The history could not be read: said, with "Réessayer" (which shows the loading again, then runs `retry`). */
  fail(retry: () => void): void {
    const item = this.replaceItem('thread-load-failed', 'alert');
    const text = this.document.createElement('p');
    text.textContent = THREAD_LOAD_FAILED_TEXT;
    const button = this.document.createElement('button');
    button.type = 'button';
    button.dataset.testid = 'thread-load-retry';
    button.textContent = 'Réessayer';
    button.addEventListener('click', () => {
      this.show();
      retry();
    });
    item.append(text, button);
    this.messages.removeAttribute('aria-busy');
  }

  /** Read: the thread shows it (or the welcome text, for a conversation with nothing stored). */
  done(): void {
    this.item?.remove();
    this.item = undefined;
    this.messages.removeAttribute('aria-busy');
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
