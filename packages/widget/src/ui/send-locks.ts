/**
 * Why the send button is disabled: the rate-limit countdown (error-banner.ts), a message over the
 * length limit (message-length-guard.ts), or both. The button is enabled again only once every
 * reason has gone: the end of a countdown does not enable it under a message still too long.
 */
export type SendLock = 'rate_limited' | 'too_long';

export class SendLocks {
  private readonly held = new Set<SendLock>();

  constructor(private readonly send: HTMLButtonElement) {}

  set(lock: SendLock, on: boolean): void {
    if (on) this.held.add(lock);
    else this.held.delete(lock);
    this.send.disabled = this.held.size > 0;
  }

  has(lock: SendLock): boolean {
    return this.held.has(lock);
  }
}
