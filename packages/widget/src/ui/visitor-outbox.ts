import { RateLimitedError } from '../client/chat-client-errors.ts';
import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import type { ErrorBanner } from './error-banner.ts';
import { renderPendingAssistantMessage, renderUserMessage } from './message-rendering.ts';
import { OrderedSubmissions, type SubmissionOutcome } from './ordered-submissions.ts';
import { forgetReposted, hideRepostedDuplicates, markAnswerOfReposted, markReposted } from './reposted-messages.ts';
import { outcomeOfSubmitFailure } from './submit-failure.ts';
import type { TabClaims } from './tab-claims.ts';
import { rememberUnsentMessages, takeOverUnsentMessages } from './unsent-messages.ts';
import type { WidgetNodes } from './widget-dom.ts';

/**
 * The visitor's messages on their way: shown at once as waiting to go, posted one at a time in the
 * order typed (ordered-submissions.ts), held behind a failure, and kept on the device until accepted
 * (unsent-messages.ts) so that a reload posts them again, those of this tab only. What happens once a
 * message is accepted (its answer awaited, the other tabs told) is the widget's (`OutboxHost.post`).
 */
export interface OutboxHost {
  readonly document: Document;
  readonly nodes: WidgetNodes;
  readonly banner: ErrorBanner;
  /** The message box (message-length-guard.ts): texts put back there are checked, never cut. */
  readonly input: { value: string };
  conversationId(): string;
  /** Bumped when the conversation is replaced: a post of an older one is dropped. */
  generation(): number;
  /** Posts `message`; accepted: takes it from there (its answer awaited in `assistantItem`). Throws when refused or unreachable. */
  post(message: OutgoingMessage, userItem: HTMLLIElement, assistantItem: HTMLLIElement, generation: number): Promise<'sent' | 'dropped'>;
  startNewConversation(): void;
  scrollToEnd(): void;
}

interface OutboxEntry {
  message: OutgoingMessage;
  userItem: HTMLLIElement;
  /** Posted, and not surely refused: the server may hold it. */
  posted: boolean;
  /** Accepted, or given up: no longer kept for a reload. */
  settled: boolean;
}

export class VisitorOutbox {
  private readonly submissions = new OrderedSubmissions<OutboxEntry>((entry) => this.deliver(entry));
  /** The takeover at load under way: messages typed meanwhile wait in `typedWhileLoading`, to go after the ones taken over. */
  private loading = false;
  private typedWhileLoading: OutboxEntry[] = [];

  constructor(
    private readonly host: OutboxHost,
    private readonly claims: TabClaims,
  ) {}

  /** The texts of the messages not accepted yet, the first one being posted or held. */
  get waitingTexts(): string[] {
    return this.waiting.map((entry) => entry.message.text);
  }

  private get waiting(): OutboxEntry[] {
    return [...this.submissions.waiting, ...this.typedWhileLoading];
  }

  /**
   * Shows the visitor's message, waiting to go, and puts it in line (`posted`: an earlier page posted
   * it already, the server may show it: reposted-messages.ts); typed during the takeover at load, it
   * goes after the messages taken over.
   */
  add(message: OutgoingMessage, posted = false): void {
    const { nodes, document } = this.host;
    const userItem = renderUserMessage(document, message.text);
    userItem.dataset.state = 'queued';
    if (posted) markReposted(userItem, message.idempotencyKey);
    nodes.welcome.remove();
    const typedFirst = this.typedWhileLoading[0]?.userItem;
    if (!this.loading && typedFirst?.isConnected) typedFirst.before(userItem);
    else nodes.messages.append(userItem);
    const entry: OutboxEntry = { message, userItem, posted, settled: false };
    if (this.loading) this.typedWhileLoading.push(entry);
    else this.submissions.add(entry);
    this.remember();
  }

  /**
   * At load: the messages the gone pages of this tab (a reload) or of closed tabs left for the
   * conversation, shown and posted again in their order, except `skipKey` (the first post, sent
   * again on its own way). The thread is read meanwhile: one a page had posted is hidden while the
   * server's thread may show it already (reposted-messages.ts).
   */
  async takeOverAtLoad(userId: string, skipKey: string | undefined): Promise<void> {
    const conversationId = this.host.conversationId();
    this.loading = true;
    try {
      const taken = (await takeOverUnsentMessages(this.claims, conversationId, userId)).filter((unsent) => unsent.message.idempotencyKey !== skipKey);
      this.loading = false;
      if (conversationId !== this.host.conversationId()) {
        // Replaced meanwhile (another tab): nothing more goes to it, the texts go back in the box.
        this.host.input.value = [...taken.map((unsent) => unsent.message.text), this.host.input.value].filter((text) => text.trim() !== '').join('\n\n');
        this.remember();
        return;
      }
      for (const unsent of taken) this.add(unsent.message, unsent.posted);
      hideRepostedDuplicates(this.host.nodes.messages);
    } finally {
      this.loading = false;
      for (const entry of this.typedWhileLoading.splice(0)) this.submissions.add(entry);
    }
  }

  /** Sends the messages waiting behind a failed one again, from the first ("Réessayer", back online). */
  resendWaiting(): void {
    this.host.banner.clear();
    for (const { userItem } of this.waiting) userItem.dataset.state = 'queued';
    this.submissions.resume();
  }

  /** Drops every message not posted yet (the conversation was replaced) and returns their texts. */
  clear(): string[] {
    return [...this.submissions.clear(), ...this.typedWhileLoading.splice(0)].map((entry) => entry.message.text);
  }

  /** Keeps this tab's messages not accepted yet, for a reload. */
  private remember(): void {
    const conversationId = this.host.conversationId();
    const kept = this.waiting.filter((entry) => !entry.settled && entry.message.conversationId === conversationId);
    // During the takeover, what it already moved to this tab's entry stays there until it is in line.
    rememberUnsentMessages(this.claims.tabId, conversationId, kept, this.loading);
  }

  /**
   * Posts the entry's message (the same idempotency key on every retry) once the ones typed before
   * it are accepted, a pending answer after it; the next post does not wait for that answer.
   */
  private async deliver(entry: OutboxEntry): Promise<SubmissionOutcome> {
    const { host } = this;
    const { message, userItem } = entry;
    const generation = host.generation();
    const assistantItem = renderPendingAssistantMessage(host.document);
    userItem.dataset.state = 'sending';
    userItem.after(assistantItem);
    markAnswerOfReposted(assistantItem, userItem);
    hideRepostedDuplicates(host.nodes.messages);
    host.scrollToEnd();
    entry.posted = true;
    this.remember();
    try {
      const outcome = await host.post(message, userItem, assistantItem, generation);
      if (outcome === 'dropped') return { kind: 'dropped' };
      entry.settled = true;
      this.remember();
      return { kind: 'sent' };
    } catch (error) {
      if (generation !== host.generation()) return { kind: 'dropped' };
      // Refused by the rate limit, the server holds nothing of it.
      if (error instanceof RateLimitedError) {
        entry.posted = false;
        forgetReposted(host.nodes.messages, userItem);
      }
      const outcome = this.showSubmitFailure(error, message, userItem, assistantItem);
      if (outcome.kind === 'dropped') entry.settled = true;
      if (generation === host.generation()) this.remember();
      return outcome;
    }
  }

  private showSubmitFailure(error: unknown, message: OutgoingMessage, userItem: HTMLLIElement, assistantItem: HTMLLIElement): SubmissionOutcome {
    assistantItem.remove();
    const outcome = outcomeOfSubmitFailure(error, message.text, {
      banner: this.host.banner,
      input: this.host.input,
      unsentTexts: () => this.waitingTexts,
      startNewConversation: () => this.host.startNewConversation(),
      resendWaiting: () => this.resendWaiting(),
    });
    userItem.dataset.state = outcome.kind === 'stalled' && outcome.resumeAfterMs !== undefined ? 'queued' : 'failed';
    this.host.scrollToEnd();
    return outcome;
  }
}
