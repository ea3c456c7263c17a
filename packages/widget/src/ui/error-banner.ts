import type { SendLocks } from './send-locks.ts';
import { waitDurationText } from './wait-duration-text.ts';
import type { WidgetNodes } from './widget-dom.ts';

/** The rate limit, in the widget's own voice (the API's "Veuillez patienter" would mix vous and tu). */
export const RATE_LIMITED_TEXT = 'Trop de messages d’affilée.';
/** What becomes of the messages held by the rate limit, as many as they are (none: nothing said). */
export function heldMessagesText(count: number): string {
  if (count <= 0) return '';
  return count === 1 ? 'Ton message en attente partira tout seul.' : `Tes ${count} messages en attente partiront tout seuls.`;
}
/** Said once the countdown ends (the send button comes back without a sound otherwise). */
export const RATE_LIMIT_OVER_TEXT = 'Tu peux écrire à nouveau.';

/** Said as soon as the browser loses the network (a pending answer's "elle arrive" would say nothing of it). */
export const OFFLINE_TEXT = 'Tu es hors ligne : tes messages partiront et les réponses arriveront dès que la connexion sera revenue.';

/**
 * The banner above the composer: an error with an optional "Réessayer", or the rate-limit
 * countdown (sending disabled until it ends; nothing else replaces it meanwhile). The banner is a
 * `role="alert"`: the countdown's seconds change every second in an `aria-hidden` part, and a
 * screen reader is told the wait once (a visually hidden sentence), then that it is over.
 */
export class ErrorBanner {
  private rateLimitedUntil = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retryAction: (() => void) | undefined;
  private view: Window | null = null;

  constructor(
    private readonly nodes: Pick<WidgetNodes, 'error' | 'errorText' | 'errorRetry' | 'announcer'>,
    private readonly sendLocks: SendLocks,
  ) {
    nodes.errorRetry.addEventListener('click', () => this.retryAction?.());
  }

  /** Seconds until the visitor may send again (0: now). */
  get rateLimitSecondsLeft(): number {
    return Math.max(0, Math.ceil((this.rateLimitedUntil - Date.now()) / 1000));
  }

  /** `heldMessages`: how many of the visitor's messages wait for the end of the countdown to go. */
  showRateLimit(seconds: number, heldMessages: number): void {
    const { nodes } = this;
    const held = heldMessagesText(heldMessages);
    const withHeld = (text: string) => (held === '' ? text : `${text} ${held}`);
    this.rateLimitedUntil = Date.now() + seconds * 1000;
    this.sendLocks.set('rate_limited', true);
    const document = nodes.errorText.ownerDocument;
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.textContent = withHeld(`${RATE_LIMITED_TEXT} Tu pourras écrire à nouveau dans ${waitDurationText(this.rateLimitSecondsLeft).spoken}.`);
    const shown = document.createElement('span');
    shown.setAttribute('aria-hidden', 'true');
    nodes.errorText.replaceChildren(said, shown);
    const render = () => {
      const left = this.rateLimitSecondsLeft;
      if (left === 0) {
        this.endRateLimit();
        this.clear();
        nodes.announcer.textContent = RATE_LIMIT_OVER_TEXT;
        return;
      }
      nodes.error.dataset.kind = 'rate_limited';
      nodes.error.dataset.retryAfterSeconds = String(left);
      shown.textContent = withHeld(`${RATE_LIMITED_TEXT} Tu pourras écrire à nouveau dans ${waitDurationText(left).shown}.`);
    };
    this.retryAction = undefined;
    nodes.errorRetry.hidden = true;
    nodes.error.hidden = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(render, 1000);
    render();
  }

  /** The browser's connection: offline, the banner says so at once; back online, `onOnline` (the banner is cleared there). */
  followConnection(view: Window | null, onOnline: () => void): void {
    this.view = view;
    view?.addEventListener('offline', () => {
      this.show(OFFLINE_TEXT, undefined);
      if (!this.timer) this.nodes.error.dataset.kind = 'offline';
    });
    view?.addEventListener('online', onOnline);
  }

  show(text: string, retry: (() => void) | undefined): void {
    const { nodes } = this;
    if (this.timer) return; // the rate-limit countdown stays until it ends
    nodes.error.dataset.kind = retry ? 'network' : 'info';
    delete nodes.error.dataset.retryAfterSeconds;
    nodes.errorText.textContent = text;
    this.retryAction = retry;
    nodes.errorRetry.hidden = retry === undefined;
    nodes.error.hidden = false;
  }

  /**
   * A failure another attempt may cure (its "Réessayer" kept): while the browser says it is offline,
   * the offline notice rather than `text`: the messages go by themselves once the connection is back,
   * and "Connexion impossible" replaced "Tu es hors ligne" when a post's retries ran out offline.
   */
  showRetryable(text: string, retry: () => void): void {
    const offline = this.view?.navigator?.onLine === false;
    this.show(offline ? OFFLINE_TEXT : text, retry);
    if (offline && !this.timer) this.nodes.error.dataset.kind = 'offline';
  }

  /**
   * A passing notice (a post tried again): not shown while the browser says it is offline, where the
   * offline notice says more (the messages go once the connection is back) than "connexion instable".
   */
  showUnlessOffline(text: string): void {
    if (this.view?.navigator?.onLine === false) return;
    this.show(text, undefined);
  }

  clear(): void {
    const { nodes } = this;
    if (this.timer) return;
    this.retryAction = undefined;
    nodes.error.hidden = true;
    nodes.errorRetry.hidden = true;
    nodes.errorText.textContent = '';
    delete nodes.error.dataset.kind;
  }

  /** A new conversation has its own limit: the countdown ends and the banner goes. */
  reset(): void {
    this.endRateLimit();
    this.clear();
  }

  private endRateLimit(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.rateLimitedUntil = 0;
    this.sendLocks.set('rate_limited', false);
  }
}
