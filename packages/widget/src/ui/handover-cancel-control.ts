import type { ConversationState, ConversationUpdate } from '../client/chat-reply.ts';
import { cancelHandover, loadConversationSnapshot } from '../client/conversation-requests.ts';
import { element } from './message-rendering.ts';

/**
 * "Annuler et revenir à l’assistante": while the conversation waits for a person nobody has joined
 * yet, the visitor can withdraw the request (a hand-over made by mistake, or one they no longer
 * want) and talk to the agents again. A discreet button under the hand-over line, shown only in
 * `waiting_human`. The answer becomes a state update of the thread: `cancelled` (the thread shows
 * its notice; the next message goes to the agents), or, when a person joined meanwhile, the
 * conversation as it now is (the thread says who joined).
 */
export const CANCEL_HANDOVER_LABEL = 'Annuler et revenir à l’assistante';
export const CANCEL_HANDOVER_FAILED_TEXT = 'Impossible d’annuler pour l’instant : réessaie dans un moment.';

export interface HandoverCancelTarget {
  apiBaseUrl: string;
  conversationId: string;
  token: string | undefined;
}

type StateUpdate = Extract<ConversationUpdate, { kind: 'state' }>;

export class HandoverCancelControl {
  readonly button: HTMLButtonElement;

  constructor(
    document: Document,
    status: HTMLElement,
    private readonly options: {
      target(): HandoverCancelTarget | undefined;
      apply(update: StateUpdate): void;
      failed(text: string): void;
      /** Where keyboard focus goes when the button it was on hides itself (the message box). */
      focusAfter?(): void;
    },
  ) {
    this.button = element(document, 'button', 'handover-cancel', CANCEL_HANDOVER_LABEL);
    this.button.type = 'button';
    this.button.dataset.testid = 'handover-cancel';
    this.button.hidden = true;
    this.button.addEventListener('click', () => void this.cancel());
    status.after(this.button);
  }

  /** Shown while the conversation waits for a person and the widget can reach it (its token). */
  update(state: ConversationState): void {
    this.button.hidden = state !== 'waiting_human' || this.options.target() === undefined;
  }

  private async cancel(): Promise<void> {
    const target = this.options.target();
    if (!target || this.button.disabled) return;
    this.button.disabled = true;
    const root = this.button.getRootNode() as Document | ShadowRoot;
    const focused = root.activeElement === this.button;
    try {
      const answer = await cancelHandover(target.apiBaseUrl, target.conversationId, target.token);
      if (answer.kind === 'cancelled') {
        this.options.apply({ kind: 'state', state: answer.snapshot?.state ?? 'ai', operatorName: answer.snapshot?.operatorName, reason: 'cancelled' });
        return;
      }
      // Someone joined (or nothing waits any more): show the conversation as it now is.
      const snapshot = await loadConversationSnapshot(target.apiBaseUrl, target.conversationId, target.token);
      if (snapshot) this.options.apply({ kind: 'state', state: snapshot.state, operatorName: snapshot.operatorName, reason: answer.kind === 'operator_joined' ? 'joined' : 'unknown' });
    } catch {
      this.options.failed(CANCEL_HANDOVER_FAILED_TEXT);
    } finally {
      this.button.disabled = false;
      // The button hides itself under the keyboard user's focus: the message box takes it, ready for the next question.
      if (focused && this.button.hidden) this.options.focusAfter?.();
    }
  }
}
