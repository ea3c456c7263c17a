import type { ConversationState, ConversationUpdate, HistoryEntry } from '../client/chat-reply.ts';
import { followConversation, type ConversationFollower } from '../client/conversation-follower.ts';
import {
  CLOSED_NOTICE_TEXT,
  HANDOVER_CANCELLED_NOTICE_TEXT,
  handedBackNoticeText,
  handoverStatusText,
  joinedNoticeText,
  renderHandoverNotice,
  renderHumanMessage,
} from './handover-rendering.ts';
import { HandoverCancelControl, type HandoverCancelTarget } from './handover-cancel-control.ts';

/**
 * The person's side of the visitor's thread (issue 12): follows the conversation stream, shows the
 * operator's replies (person badge, name), the automatic notices of the team's side and the
 * join / hand-back / close notices, and keeps the line saying who holds the conversation. Messages
 * of the visitor and the agents are shown by the widget itself (with streaming): the stream's copies
 * of them are skipped. A message is shown once, whichever way it came (history, stream, long-poll).
 * While the conversation waits for a person, the visitor may withdraw the request
 * (handover-cancel-control.ts).
 */
export interface HandoverThreadView {
  document: Document;
  messages: HTMLOListElement;
  status: HTMLElement;
  announcer: HTMLElement;
  /** The message box: keyboard focus goes there when a control under it hides itself. */
  input?: HTMLElement;
  /** Called before an item is appended (the welcome text goes) and after (scroll, unread mark). */
  beforeAppend(): void;
  afterAppend(): void;
}

export class HandoverThread {
  state: ConversationState = 'ai';
  operatorName: string | undefined;
  /** The state was read, told, or is a new conversation's: not the default of a page still reading it. */
  private stateKnown = false;
  private readonly shownMessageIds = new Set<string>();
  private follower: ConversationFollower | undefined;
  private followedConversationId: string | undefined;
  private cancelTarget: HandoverCancelTarget | undefined;
  private readonly cancelControl: HandoverCancelControl;

  constructor(private readonly view: HandoverThreadView) {
    this.cancelControl = new HandoverCancelControl(view.document, view.status, {
      target: () => this.cancelTarget,
      apply: (update) => this.apply(update),
      failed: (text) => this.notify('cancel_failed', text),
      focusAfter: () => view.input?.focus(),
    });
  }

  /** A person holds the conversation (or is about to): messages go to them, no agent answers. */
  get heldByPerson(): boolean {
    return this.state === 'waiting_human' || this.state === 'human';
  }

  isFollowing(conversationId: string): boolean {
    return this.follower !== undefined && this.followedConversationId === conversationId;
  }

  follow(options: { apiBaseUrl: string; conversationId: string; token: string | undefined; lastEventId?: string; lastMessageId?: string }): void {
    if (this.isFollowing(options.conversationId)) return;
    this.stop();
    this.followedConversationId = options.conversationId;
    this.cancelTarget = { apiBaseUrl: options.apiBaseUrl, conversationId: options.conversationId, token: options.token };
    this.cancelControl.update(this.state);
    const follower = followConversation({
      ...options,
      // A long-poll taking over compares what it reads with what the visitor sees (a change is told);
      // not known yet (a message sent at load before the thread was read), its first state is a snapshot.
      ...(this.stateKnown ? { shownState: this.state } : {}),
      onUpdate: (update) => {
        if (this.follower === follower) this.apply(update);
      },
      onEnd: () => {
        if (this.follower === follower) this.follower = undefined;
      },
    });
    this.follower = follower;
  }

  stop(): void {
    this.follower?.stop();
    this.follower = undefined;
  }

  /** Another conversation starts (new, or erased): nothing of this one stays. */
  reset(): void {
    this.stop();
    this.followedConversationId = undefined;
    this.cancelTarget = undefined;
    this.shownMessageIds.clear();
    this.setState('ai', undefined);
  }

  /** The state read when the page (re)loaded (or a new conversation's): shown, without a notice. */
  setState(state: ConversationState, operatorName: string | undefined): void {
    this.state = state;
    this.stateKnown = true;
    this.operatorName = state === 'human' ? operatorName : undefined;
    const text = handoverStatusText(state, this.operatorName);
    this.view.status.hidden = text === undefined;
    this.view.status.textContent = text ?? '';
    this.cancelControl.update(state);
  }

  /**
   * The state read with the thread (at load, another tab's change): shown when the stream is not
   * followed, or is but told no state yet and none was known (a message sent at load before the
   * thread was read started it; held back by a proxy that buffers, it told nothing for ~20 s and the
   * line said nobody held the conversation Léa held). A stream followed otherwise wins: the read may
   * be older than its last event, and a change it has still to tell is told by it, with its notice.
   */
  applyRead(conversationId: string, state: ConversationState, operatorName: string | undefined): void {
    if (!this.isFollowing(conversationId) || !this.stateKnown) this.setState(state, operatorName);
  }

  /** A stored message shown from the history: rendered here when it is the team's side, remembered either way. */
  renderRestored(entry: HistoryEntry): HTMLLIElement | undefined {
    if (entry.id) this.shownMessageIds.add(entry.id);
    if (entry.author === 'human') return renderHumanMessage(this.view.document, entry);
    if (entry.author === 'system') return renderHandoverNotice(this.view.document, 'system', entry.text, entry.id);
    return undefined;
  }

  apply(update: ConversationUpdate): void {
    if (update.kind === 'message') {
      const { entry } = update;
      if (entry.id !== undefined) {
        if (this.shownMessageIds.has(entry.id)) return;
        this.shownMessageIds.add(entry.id);
      }
      if (entry.author === 'human') {
        this.append(renderHumanMessage(this.view.document, entry));
        this.view.announcer.textContent = `${entry.operatorName ?? 'L’équipe'} : ${entry.text}`;
      } else if (entry.author === 'system') {
        this.append(renderHandoverNotice(this.view.document, 'system', entry.text, entry.id));
        this.view.announcer.textContent = entry.text;
      }
      return;
    }
    const previousState = this.state;
    const previousOperator = this.operatorName;
    this.setState(update.state, update.operatorName);
    // A snapshot, or an event seen already (a replay after a reconnect): no notice.
    if (update.reason === 'snapshot' || (update.state === previousState && this.operatorName === previousOperator)) return;
    let notice: ['joined' | 'handed_back' | 'cancelled' | 'closed', string] | undefined;
    if (update.state === 'human') notice = ['joined', joinedNoticeText(this.operatorName)];
    else if (update.state === 'closed') notice = ['closed', CLOSED_NOTICE_TEXT];
    else if (update.state === 'ai' && update.reason === 'cancelled') notice = ['cancelled', HANDOVER_CANCELLED_NOTICE_TEXT];
    else if (update.state === 'ai' && (previousState === 'human' || previousState === 'waiting_human')) notice = ['handed_back', handedBackNoticeText(previousOperator)];
    if (notice) this.notify(...notice);
  }

  private notify(kind: Parameters<typeof renderHandoverNotice>[1], text: string): void {
    this.append(renderHandoverNotice(this.view.document, kind, text));
    this.view.announcer.textContent = text;
  }

  private append(item: HTMLLIElement): void {
    this.view.beforeAppend();
    this.view.messages.append(item);
    this.view.afterAppend();
  }
}
