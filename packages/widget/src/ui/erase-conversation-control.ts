import { eraseConversation } from '../client/conversation-requests.ts';
import type { ErrorBanner } from './error-banner.ts';
import { readConversationToken } from './visitor-identity.ts';
import type { WidgetNodes } from './widget-dom.ts';

const ERASE_FAILED_TEXT = 'La conversation n’a pas pu être effacée. Réessaie dans un instant.';

/**
 * "Effacer cette conversation" (issue 11): a confirmation step ("Oui, effacer" / "Annuler", Escape
 * cancels), then `DELETE /api/v2/conversations/:id` with the conversation's token; once it is gone
 * on the server, `onErased` lets the widget forget it (id, token, thread). A failure says so and
 * offers to try again; nothing is forgotten then.
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
      // A conversation that never reached the server (no token) has nothing to erase there.
      if (token !== undefined) await eraseConversation(this.options.apiBaseUrl, conversationId, token);
    } catch {
      this.show(false, false);
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
