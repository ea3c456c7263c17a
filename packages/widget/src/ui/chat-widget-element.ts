import type { ChatReply } from '../client/chat-reply.ts';
import { chooseBackend, type BackendVersion } from '../client/backend-split.ts';
import { V1ChatClient } from '../client/v1-chat-client.ts';
import { V2ChatClient, type OutgoingMessage, type SubmittedJob } from '../client/v2-chat-client.ts';
import { showAnswer, showAnswerFailure } from './answer-display.ts';
import { EraseConversationControl } from './erase-conversation-control.ts';
import { ErrorBanner } from './error-banner.ts';
import { HandoverThread } from './handover-thread.ts';
import { MessageLengthGuard } from './message-length-guard.ts';
import { noticeSlowAnswer, showStreamingText, SLOW_ANSWER_NOTICE } from './message-rendering.ts';
import { forgetPendingMessage, rememberPendingMessage } from './pending-messages.ts';
import { SendLocks } from './send-locks.ts';
import { coalesced, SWITCHED_CONVERSATION_TEXTS, TabReactions, TabSync } from './tab-sync.ts';
import { hideRepostedDuplicates, settleAcceptedPost } from './reposted-messages.ts';
import { ThreadLoadingState } from './thread-loading-state.ts';
import { readServerThread, rebuildThread, storedSince } from './thread-refresh.ts';
import { tokenClaimingPostToResend } from './token-claiming-post.ts';
import { retryNoticeOf } from './submit-failure.ts';
import { TabClaims } from './tab-claims.ts';
import { TokenGatedSubmit } from './token-gated-submit.ts';
import { createUuidV4, isUnsentConversation, readConversationId, readConversationToken, readOrCreateConversationId, readOrCreateUserId, startNewConversation } from './visitor-identity.ts';
import { VisitorOutbox } from './visitor-outbox.ts';
import { buildWidgetDom, markUnreadWhenClosed, setPanelOpen, UNREAD_ANSWER_LABEL, wirePanelControls, type WidgetNodes } from './widget-dom.ts';
import { attributeReaderOf, readWidgetOptions, type WidgetOptions } from './widget-options.ts';

/**
 * `<lac-chat-widget>`: a chat bubble and panel in an open Shadow DOM. Submits each message to v2 (or
 * v1, by the progressive split), then waits for the answer (SSE, long-poll, polling) and shows it as
 * it is written, with the agent's badge. Once the conversation exists it also follows the
 * conversation's stream: a person of the team taking over, their replies and the hand-back
 * (handover-thread.ts). The other tabs hear of every change of the thread (tab-sync.ts).
 */
export const WIDGET_TAG_NAME = 'lac-chat-widget';

export class LacChatWidgetElement extends HTMLElement {
  /** How long an answer may stay without a word before the visitor is told it takes longer than usual (a test shortens it). */
  slowAnswerAfterMs = 15_000;
  private nodes: WidgetNodes | undefined;
  private thread!: HandoverThread;
  private banner!: ErrorBanner;
  private lengthGuard!: MessageLengthGuard;
  private eraseControl!: EraseConversationControl;
  /** "Chargement de la conversation…" until the thread is read at load, or why it could not be. */
  private loadingState!: ThreadLoadingState;
  private options!: WidgetOptions;
  private userId = '';
  private conversationId = '';
  private backend: BackendVersion = 'v2';
  private v2Client!: V2ChatClient;
  private v2Submit!: TokenGatedSubmit;
  private v1Client: V1ChatClient | undefined;
  /** Bumped by "nouvelle conversation" (and erasure): answers of an older conversation are dropped. */
  private conversationGeneration = 0;
  /** The visitor's messages on their way, posted one at a time in the order typed, kept for a reload (visitor-outbox.ts). */
  private outbox!: VisitorOutbox;
  private readonly tabs = new TabSync((message) => this.tabReactions.hear(message));
  /** The thread read again from the server (at load, and when another tab changed it), one read at a time. */
  private readonly refreshThread = coalesced(() => this.bringThreadUpToDate());

  connectedCallback(): void {
    if (this.nodes) {
      this.tabs.open();
      this.followConversation(); // moved in the page: its stream stopped when it was taken out
      return;
    }
    const defaultApiBaseUrl = typeof location !== 'undefined' ? location.origin : '';
    this.options = readWidgetOptions(attributeReaderOf(this), defaultApiBaseUrl);
    this.userId = readOrCreateUserId();
    this.conversationId = readOrCreateConversationId();
    this.backend = chooseBackend({ userId: this.userId, v2SharePercent: this.options.v2SharePercent, v1Url: this.options.v1Url });
    this.dataset.backend = this.backend;
    this.v2Client = new V2ChatClient({
      apiBaseUrl: this.options.apiBaseUrl,
      onSubmitRetry: ({ error }) => this.banner.showUnlessOffline(retryNoticeOf(error)),
    });
    this.v2Submit = new TokenGatedSubmit(this.v2Client);
    if (this.backend === 'v1' && this.options.v1Url) this.v1Client = new V1ChatClient({ v1Url: this.options.v1Url });
    this.nodes = this.buildDom();
    this.banner.followConnection(this.ownerDocument.defaultView, () => this.outbox.resendWaiting());
    if (this.options.openAtLoad) setPanelOpen(this.nodes, true, false);
    this.tabs.open();
    // The first post's answer (and the token in it) lost to a reload: posted again, nothing readable until then.
    const tokenClaimingPost = this.backend === 'v2' ? tokenClaimingPostToResend(this.conversationId, this.userId) : undefined;
    if (tokenClaimingPost) this.outbox.add(tokenClaimingPost, true);
    if (!tokenClaimingPost && !isUnsentConversation(this.conversationId)) {
      this.loadingState.show();
      void this.refreshThread();
    } else if (!tokenClaimingPost) this.thread.setState('ai', undefined); // not started: the agents', known
    // Messages shown as waiting to go when the page was left (this tab's, or a closed tab's): they go now,
    // while the thread is read. One posted already may be on the server: shown once (reposted-messages.ts).
    if (this.backend === 'v2') void this.outbox.takeOverAtLoad(this.userId, tokenClaimingPost?.idempotencyKey);
  }

  disconnectedCallback(): void {
    this.thread?.stop();
    this.tabs.close();
  }

  /** Another tab changed the thread: read it again; replaced the conversation: show the new one (tab-sync.ts). */
  private readonly tabReactions = new TabReactions(() => ({ conversationId: this.conversationId, storedConversationId: readConversationId() }), (reaction) => {
    if (reaction.kind === 'switch') this.showConversation(reaction.conversationId, SWITCHED_CONVERSATION_TEXTS[reaction.reason]);
    else if (reaction.kind === 'refresh' && this.backend === 'v2') void this.refreshThread();
  });

  /** For tests and the host page: the ids in use and the backend chosen. */
  get state(): { userId: string; conversationId: string; backend: BackendVersion } {
    return { userId: this.userId, conversationId: this.conversationId, backend: this.backend };
  }

  private buildDom(): WidgetNodes {
    const nodes = buildWidgetDom(this, this.options);
    const sendLocks = new SendLocks(nodes.send);
    this.banner = new ErrorBanner(nodes, sendLocks);
    this.lengthGuard = new MessageLengthGuard(nodes, sendLocks);
    this.loadingState = new ThreadLoadingState(this.ownerDocument, nodes.messages, nodes.welcome);
    this.thread = new HandoverThread({
      document: this.ownerDocument,
      messages: nodes.messages,
      status: nodes.handoverStatus,
      announcer: nodes.announcer,
      input: nodes.input,
      beforeAppend: () => nodes.welcome.remove(),
      afterAppend: () => {
        this.scrollToEnd();
        markUnreadWhenClosed(nodes);
      },
    });
    this.eraseControl = new EraseConversationControl(nodes, {
      apiBaseUrl: this.options.apiBaseUrl,
      banner: this.banner,
      currentConversationId: () => this.conversationId,
      onErased: () => this.startNewConversation('Conversations effacées. Une nouvelle conversation commence.', false),
    });
    this.outbox = new VisitorOutbox(
      {
        document: this.ownerDocument,
        nodes,
        banner: this.banner,
        input: this.lengthGuard,
        conversationId: () => this.conversationId,
        generation: () => this.conversationGeneration,
        post: (message, userItem, assistantItem, generation) => this.post(message, userItem, assistantItem, generation),
        startNewConversation: () => this.startNewConversation(undefined, false),
        scrollToEnd: () => this.scrollToEnd(),
      },
      new TabClaims(createUuidV4),
    );
    wirePanelControls(nodes, {
      onEscape: () => (this.eraseControl.isAsking ? this.eraseControl.show(false) : setPanelOpen(nodes, false, true)),
      onSubmit: () => this.submitInput(),
      onNewConversation: () => this.startNewConversation(),
    });
    return nodes;
  }

  private submitInput(): void {
    const nodes = this.nodes!;
    const text = nodes.input.value.trim();
    if (text === '' || this.lengthGuard.blocksSend()) return;
    // Replaced in another tab and not heard of yet: never posted to (the text stays in the box).
    if ((readConversationId() ?? this.conversationId) !== this.conversationId) return this.tabReactions.hear({ kind: 'thread_changed', conversationId: this.conversationId });
    if (this.banner.rateLimitSecondsLeft > 0) {
      this.banner.showRateLimit(this.banner.rateLimitSecondsLeft, this.outbox.waitingTexts.length);
      return;
    }
    this.lengthGuard.value = '';
    this.outbox.add({ userId: this.userId, conversationId: this.conversationId, text, idempotencyKey: createUuidV4(), sentAt: new Date().toISOString() });
  }

  /** Posts a message of the outbox (visitor-outbox.ts); accepted, its answer is awaited in `assistantItem`. */
  private async post(message: OutgoingMessage, userItem: HTMLLIElement, assistantItem: HTMLLIElement, generation: number): Promise<'sent' | 'dropped'> {
    if (this.v1Client) {
      const reply = await this.v1Client.send(message);
      if (generation !== this.conversationGeneration) return 'dropped';
      userItem.dataset.state = 'sent';
      this.showReply(reply, assistantItem);
      return 'sent';
    }
    const job = await this.v2Submit.submit(message);
    if (generation !== this.conversationGeneration) return 'dropped';
    userItem.dataset.state = 'sent';
    this.banner.clear();
    userItem.dataset.jobId = assistantItem.dataset.jobId = job.jobId;
    this.tabs.announce({ kind: 'thread_changed', conversationId: message.conversationId });
    this.followConversation();
    if (settleAcceptedPost(this.nodes!.messages, userItem, assistantItem, job.jobId)) return 'sent'; // the thread shows its job already (posted again, or a read raced the post)
    rememberPendingMessage(message.conversationId, job.jobId, message.text);
    void this.awaitAnswer(job, assistantItem, generation, true);
    return 'sent';
  }

  /** Waits for a submitted job's answer and shows it in `assistantItem` (streamed as it is written); `own`: this tab posted it, tells the others. */
  private async awaitAnswer(job: SubmittedJob, assistantItem: HTMLLIElement, generation: number, own = false): Promise<void> {
    const conversationId = this.conversationId;
    // While a person holds the conversation no agent writes: no typing indicator.
    assistantItem.hidden = this.thread.heldByPerson;
    // No word after a while (workers busy or restarting): the visitor is told it is coming, not left on "…".
    const cancelSlowNotice = noticeSlowAnswer(assistantItem, this.slowAnswerAfterMs, () => {
      if (generation === this.conversationGeneration) this.nodes!.announcer.textContent = SLOW_ANSWER_NOTICE;
    });
    try {
      const reply = await this.v2Client.waitForReply(job, {
        onPartialText: (text) => {
          if (generation !== this.conversationGeneration) return;
          assistantItem.hidden = false;
          showStreamingText(assistantItem, text);
          this.scrollToEnd();
        },
      });
      forgetPendingMessage(conversationId, job.jobId);
      // Not for a conversation this tab has left: the others left it too, and waited ~3 s on the word.
      if (generation !== this.conversationGeneration) return;
      if (own) this.tabs.announce({ kind: 'thread_changed', conversationId });
      this.showReply(reply, assistantItem);
    } catch (error) {
      if (generation !== this.conversationGeneration) return;
      showAnswerFailure(assistantItem, error);
    } finally {
      cancelSlowNotice();
    }
  }

  private showReply(reply: ChatReply, assistantItem: HTMLLIElement): void {
    if (showAnswer(assistantItem, reply, this.nodes!.announcer)) markUnreadWhenClosed(this.nodes!, UNREAD_ANSWER_LABEL); // panel closed: the bubble says so
    this.scrollToEnd();
  }

  /** Follows the current conversation's stream (operator replies, hand-over notices) once it exists. */
  private followConversation(lastEventId?: string, lastMessageId?: string): void {
    const token = readConversationToken(this.conversationId);
    if (!this.nodes || this.backend !== 'v2' || !token) return;
    this.thread.follow({
      apiBaseUrl: this.options.apiBaseUrl,
      conversationId: this.conversationId,
      token,
      ...(lastEventId ? { lastEventId } : {}),
      ...(lastMessageId ? { lastMessageId } : {}),
    });
  }

  /** `rememberCurrent: false`: the conversation left was erased or is no longer the visitor's (not kept to erase later). */
  private startNewConversation(announcement = 'Nouvelle conversation commencée.', rememberCurrent = true): void {
    this.showConversation(startNewConversation({ rememberCurrent }), announcement);
    this.tabs.announce({ kind: 'conversation_started', conversationId: this.conversationId, reason: rememberCurrent ? 'new' : 'erased' });
  }

  /**
   * Shows `conversationId`, new, instead of the current one: nothing of the old one stays, nothing
   * more is posted to it (its messages not posted yet go back in the box, before what is typed there).
   */
  private showConversation(conversationId: string, announcement: string): void {
    const nodes = this.nodes!;
    this.conversationGeneration += 1;
    const unsent = this.outbox.clear();
    if (unsent.length > 0) this.lengthGuard.value = [...unsent, this.lengthGuard.value].filter((text) => text.trim() !== '').join('\n\n');
    this.thread.reset();
    this.conversationId = conversationId;
    this.banner.reset();
    this.eraseControl.show(false, false);
    this.loadingState.done();
    nodes.messages.replaceChildren(nodes.welcome);
    nodes.announcer.textContent = announcement;
    nodes.input.focus();
  }

  /**
   * At load, and when another tab changed the thread: the stored messages, the hand-over state, the
   * answers still being written (waited for here too), then the stream from the newest event; what was
   * stored between the two reads (made together) is read again. What this tab is doing stays
   * (thread-refresh.ts). At load, a history that cannot be read is said, with a retry.
   */
  private async bringThreadUpToDate(): Promise<void> {
    const { conversationId, conversationGeneration: generation } = this;
    const token = readConversationToken(conversationId);
    const server = await readServerThread(this.v2Client, this.options.apiBaseUrl, conversationId, token, this.backend === 'v2');
    if (generation !== this.conversationGeneration) return;
    if (!server) return this.loadingState.active ? this.loadingState.fail(() => void this.refreshThread()) : undefined;
    const nodes = this.nodes!;
    const resumed = rebuildThread(this.ownerDocument, nodes.messages, nodes.welcome, { ...server, conversationId, thread: this.thread });
    this.loadingState.done();
    hideRepostedDuplicates(nodes.messages);
    // A stream already followed wins (handover-thread.ts): this read's state may be older than its last event.
    if (server.snapshot) this.thread.applyRead(conversationId, server.snapshot.state, server.snapshot.operatorName);
    for (const { jobId, item } of resumed) void this.awaitAnswer(this.v2Client.jobFor(jobId), item, generation);
    const lastMessageId = server.entries.at(-1)?.id;
    this.followConversation(server.snapshot?.lastEventId, lastMessageId);
    if (server.snapshot && (await storedSince(this.v2Client, conversationId, token, lastMessageId)) && generation === this.conversationGeneration) void this.refreshThread();
  }

  private scrollToEnd(): void {
    const messages = this.nodes?.messages;
    if (messages) messages.scrollTop = messages.scrollHeight;
  }
}

export function defineChatWidgetElement(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(WIDGET_TAG_NAME)) registry.define(WIDGET_TAG_NAME, LacChatWidgetElement);
}
