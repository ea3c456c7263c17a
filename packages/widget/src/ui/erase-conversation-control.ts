import { eraseConversation } from '../client/conversation-requests.ts';
import { HttpStatusError } from '../client/chat-client-errors.ts';
import type { ErrorBanner } from './error-banner.ts';
import { forgetPreviousConversation, readConversationToken, readPreviousConversations } from './visitor-identity.ts';
import type { WidgetNodes } from './widget-dom.ts';

const ERASE_FAILED_TEXT = 'La conversation n’a pas pu être effacée. Réessaie dans un instant.';
const ERASE_REFUSED_TEXT =
  'Cette conversation ne peut pas être effacée depuis ce navigateur (il n’a pas son jeton). Écris-nous pour demander son effacement.';

/** The server refuses this browser the erasure (401/403: it does not hold the conversation's token). */
const refusedFromHere = (error: unknown): boolean => error instanceof HttpStatusError && (error.status === 401 || error.status === 403);

/**
 * "Effacer mes conversations" (issue 11): a confirmation step ("Oui, effacer" / "Annuler", Escape
 * cancels), then `DELETE /api/v2/conversations/:id` with each conversation's token, the earlier ones
 * this browser started first (visitor-identity.ts keeps their tokens), the current one last; once it is gone
 * on the server, `onErased` lets the widget forget it (id, token, thread). A failure says so and
 * offers to try again; nothing is forgotten then. The request is always sent, with the token when
 * the browser has one (a conversation from before tokens, in CONVERSATION_ACCESS=open, has none);
 * a refusal (401/403) says the conversation is still there, and nothing is forgotten either.
 */
export class EraseConversationControl {
  constructor(
    private readonly nodes: Pick<WidgetNodes, 'erase' | 'eraseConfirm' | 'eraseConfirmYes' | 'eraseConfirmNo'>,
    private readonly options: {
      apiBaseUrl: string;
      banner: ErrorBanner;
      currentConversationId(): string;
      onErased(conversationId: string): void;
    },
  ) {
    nodes.erase.addEventListener('click', () => this.show(true));
    nodes.eraseConfirmNo.addEventListener('click', () => this.show(false));
    nodes.eraseConfirmYes.addEventListener('click', () => void this.erase());
  }

  get isAsking(): boolean {
    return !this.nodes.eraseConfirm.hidden;
  }

  /** Opens (focus on "Annuler") or closes (focus back on the control) the confirmation. */
  show(open: boolean, moveFocus = true): void {
    const { nodes } = this;
    nodes.eraseConfirm.hidden = !open;
    nodes.erase.setAttribute('aria-expanded', String(open));
    nodes.eraseConfirmYes.disabled = false;
    if (moveFocus) (open ? nodes.eraseConfirmNo : nodes.erase).focus();
  }

  private async erase(): Promise<void> {
    const conversationId = this.options.currentConversationId();
    const token = readConversationToken(conversationId);
    this.nodes.eraseConfirmYes.disabled = true;
    try {
      // The earlier conversations of this browser first ("Nouvelle conversation" left them on the
      // server, out of the visitor's reach otherwise); one whose token is refused cannot be erased
      // from here and is forgotten. Unknown on the server (404) or already erased (410) counts as erased.
      for (const previous of readPreviousConversations()) {
        await eraseConversation(this.options.apiBaseUrl, previous.conversationId, previous.token).catch((error: unknown) => {
          if (!refusedFromHere(error)) throw error;
        });
        forgetPreviousConversation(previous.conversationId);
      }
      await eraseConversation(this.options.apiBaseUrl, conversationId, token);
    } catch (error) {
      this.show(false, false);
      if (refusedFromHere(error)) {
        this.options.banner.show(ERASE_REFUSED_TEXT, undefined);
        return;
      }
      this.options.banner.show(ERASE_FAILED_TEXT, () => {
        this.options.banner.clear();
        this.show(true);
      });
      return;
    }
    this.show(false, false);
    if (conversationId === this.options.currentConversationId()) this.options.onErased(conversationId);
  }
}
