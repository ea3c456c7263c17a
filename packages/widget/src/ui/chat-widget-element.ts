import {
  HttpStatusError,
  JobFailedError,
  NetworkError,
  RateLimitedError,
  RATE_LIMITED_MESSAGE,
} from '../client/chat-client-errors.ts';
import type { ChatReply } from '../client/chat-reply.ts';
import { chooseBackend, type BackendVersion } from '../client/backend-split.ts';
import { V1ChatClient } from '../client/v1-chat-client.ts';
import { V2ChatClient, type OutgoingMessage } from '../client/v2-chat-client.ts';
import {
  announcementOf,
  completeAssistantMessage,
  failAssistantMessage,
  renderAssistantMessage,
  renderPendingAssistantMessage,
  renderUserMessage,
  showStreamingText,
} from './message-rendering.ts';
import {
  readConversationId,
  readConversationToken,
  readOrCreateConversationId,
  readOrCreateUserId,
  startNewConversation,
  storeConversationToken,
  createUuidV4,
} from './visitor-identity.ts';
import { attributeReaderOf, readWidgetOptions, type WidgetOptions } from './widget-options.ts';
import { widgetStyles } from './widget-styles.ts';

/**
 * `<lac-chat-widget>`: a chat bubble and panel in an open Shadow DOM. Submits each
 * message to v2 (or v1, by the progressive split), then waits for the answer
 * (SSE, long-poll, polling) and shows it as it is written, with the agent's badge.
 */
export const WIDGET_TAG_NAME = 'lac-chat-widget';
export const MESSAGE_MAX_LENGTH = 2000;

const WELCOME_TEXT = 'Bonjour ! Pose ta question : Audrey (automatisation, tunnels de vente) et Carole (Instagram, contenus) te répondent.';
const NETWORK_ERROR_TEXT = 'Connexion impossible pour le moment. Vérifie ta connexion puis réessaie.';
const CONVERSATION_LOST_TEXT = "Cette conversation n'est plus accessible : une nouvelle conversation a commencé. Renvoie ton message.";
const JOB_FAILED_TEXT = 'Désolée, ta réponse n’a pas pu être écrite. Réessaie dans un instant.';
const SLOW_ANSWER_TEXT = 'La réponse tarde à arriver. Réessaie dans un instant.';
const INVALID_MESSAGE_TEXT = 'Ce message ne peut pas être envoyé.';

interface Nodes {
  bubble: HTMLButtonElement;
  panel: HTMLElement;
  messages: HTMLOListElement;
  welcome: HTMLLIElement;
  error: HTMLDivElement;
  errorText: HTMLParagraphElement;
  errorRetry: HTMLButtonElement;
  announcer: HTMLDivElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
}

export class LacChatWidgetElement extends HTMLElement {
  private nodes: Nodes | undefined;
  private options!: WidgetOptions;
  private userId = '';
  private conversationId = '';
  private backend: BackendVersion = 'v2';
  private v2Client!: V2ChatClient;
  private v1Client: V1ChatClient | undefined;
  /** The post in flight that will hand out the current conversation's token, if any. */
  private tokenClaim: Promise<unknown> | undefined;
  /** Bumped by "nouvelle conversation": answers of an older conversation are dropped. */
  private conversationGeneration = 0;
  private rateLimitedUntil = 0;
  private rateLimitTimer: ReturnType<typeof setInterval> | undefined;
  private retryAction: (() => void) | undefined;

  connectedCallback(): void {
    if (this.nodes) return;
    const defaultApiBaseUrl = typeof location !== 'undefined' ? location.origin : '';
    this.options = readWidgetOptions(attributeReaderOf(this), defaultApiBaseUrl);
    this.userId = readOrCreateUserId();
    this.conversationId = readOrCreateConversationId();
    this.backend = chooseBackend({ userId: this.userId, v2SharePercent: this.options.v2SharePercent, v1Url: this.options.v1Url });
    this.dataset.backend = this.backend;
    this.v2Client = new V2ChatClient({
      apiBaseUrl: this.options.apiBaseUrl,
      onSubmitRetry: () => this.showError('Connexion instable, nouvelle tentative…', undefined),
    });
    if (this.backend === 'v1' && this.options.v1Url) this.v1Client = new V1ChatClient({ v1Url: this.options.v1Url });
    this.nodes = this.buildDom();
    if (this.options.openAtLoad) this.setOpen(true, false);
    void this.restoreHistory();
  }

  disconnectedCallback(): void {
    if (this.rateLimitTimer) clearInterval(this.rateLimitTimer);
  }

  /** For tests and the host page: the ids in use and the backend chosen. */
  get state(): { userId: string; conversationId: string; backend: BackendVersion } {
    return { userId: this.userId, conversationId: this.conversationId, backend: this.backend };
  }

  private buildDom(): Nodes {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const document = this.ownerDocument;
    const create = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      if (text !== undefined) node.textContent = text;
      return node;
    };
    if (this.options.primaryColor) this.style.setProperty('--lac-primary', this.options.primaryColor);
    if (this.options.textColor) this.style.setProperty('--lac-on-primary', this.options.textColor);

    const style = create('style', {}, widgetStyles);
    const bubble = create('button', {
      type: 'button', class: 'bubble', 'data-testid': 'chat-open',
      'aria-label': 'Ouvrir le chat', 'aria-expanded': 'false', 'aria-controls': 'lac-chat-panel',
    }, '💬');
    const panel = create('section', { class: 'panel', id: 'lac-chat-panel', role: 'dialog', 'aria-labelledby': 'lac-chat-title', 'data-testid': 'chat-panel' });
    panel.hidden = true;

    const header = create('div', { class: 'header' });
    const title = create('h2', { class: 'title', id: 'lac-chat-title' }, this.options.title);
    const newConversation = create('button', { type: 'button', class: 'new-conversation', 'data-testid': 'chat-new-conversation' }, 'Nouvelle conversation');
    const close = create('button', { type: 'button', class: 'close', 'aria-label': 'Fermer le chat', 'data-testid': 'chat-close' }, '×');
    header.append(title, newConversation, close);

    const messages = create('ol', { class: 'messages', 'aria-label': 'Messages', 'data-testid': 'chat-messages', tabindex: '0' });
    const welcome = create('li', { class: 'welcome' }, WELCOME_TEXT);
    messages.append(welcome);

    const error = create('div', { class: 'error', role: 'alert', 'data-testid': 'chat-error' });
    error.hidden = true;
    const errorText = create('p', { class: 'error-text' });
    const errorRetry = create('button', { type: 'button', 'data-testid': 'chat-retry' }, 'Réessayer');
    errorRetry.hidden = true;
    error.append(errorText, errorRetry);

    const announcer = create('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'chat-announcer' });

    const form = create('form', { class: 'composer', novalidate: '' });
    const label = create('label', { class: 'visually-hidden', for: 'lac-chat-input' }, 'Ton message');
    const input = create('textarea', {
      id: 'lac-chat-input', rows: '1', maxlength: String(MESSAGE_MAX_LENGTH),
      placeholder: 'Écris ton message…', 'data-testid': 'chat-input', enterkeyhint: 'send',
    });
    const send = create('button', { type: 'submit', class: 'send', 'data-testid': 'chat-send' }, 'Envoyer');
    form.append(label, input, send);

    panel.append(header, messages, error, announcer, form);
    shadow.replaceChildren(style, panel, bubble);

    bubble.addEventListener('click', () => this.setOpen(Boolean(panel.hidden), true));
    close.addEventListener('click', () => this.setOpen(false, true));
    newConversation.addEventListener('click', () => this.startNewConversation());
    errorRetry.addEventListener('click', () => this.retryAction?.());
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.setOpen(false, true);
      }
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    return { bubble, panel, messages, welcome, error, errorText, errorRetry, announcer, form, input, send };
  }

  private setOpen(open: boolean, moveFocus: boolean): void {
    const nodes = this.nodes!;
    nodes.panel.hidden = !open;
    nodes.bubble.setAttribute('aria-expanded', String(open));
    nodes.bubble.setAttribute('aria-label', open ? 'Fermer le chat' : 'Ouvrir le chat');
    nodes.bubble.textContent = open ? '×' : '💬';
    if (!moveFocus) return;
    if (open) {
      nodes.input.focus();
      this.scrollToEnd();
    } else {
      nodes.bubble.focus();
    }
  }

  private submitInput(): void {
    const nodes = this.nodes!;
    const text = nodes.input.value.trim();
    if (text === '') return;
    if (text.length > MESSAGE_MAX_LENGTH) {
      this.showError(INVALID_MESSAGE_TEXT, undefined);
      return;
    }
    if (Date.now() < this.rateLimitedUntil) {
      this.showRateLimit(Math.ceil((this.rateLimitedUntil - Date.now()) / 1000));
      return;
    }
    nodes.input.value = '';
    const message: OutgoingMessage = {
      userId: this.userId,
      conversationId: this.conversationId,
      text,
      idempotencyKey: createUuidV4(),
      sentAt: new Date().toISOString(),
    };
    const userItem = renderUserMessage(this.ownerDocument, text);
    nodes.welcome.remove();
    nodes.messages.append(userItem);
    void this.deliver(message, userItem);
  }

  /** Sends `message` (the same idempotency key on every retry) and shows its answer after `userItem`. */
  private async deliver(message: OutgoingMessage, userItem: HTMLLIElement): Promise<void> {
    const generation = this.conversationGeneration;
    const assistantItem = renderPendingAssistantMessage(this.ownerDocument);
    userItem.dataset.state = 'sending';
    userItem.after(assistantItem);
    this.scrollToEnd();
    let phase: 'submit' | 'wait' = 'submit';
    try {
      let reply: ChatReply;
      if (this.v1Client) {
        reply = await this.v1Client.send(message);
      } else {
        const job = await this.submitWithToken(message);
        phase = 'wait';
        userItem.dataset.state = 'sent';
        if (this.retryAction === undefined) this.clearError();
        reply = await this.v2Client.waitForReply(job, {
          onPartialText: (text) => {
            if (generation !== this.conversationGeneration) return;
            showStreamingText(assistantItem, text);
            this.scrollToEnd();
          },
        });
      }
      if (generation !== this.conversationGeneration) return;
      userItem.dataset.state = 'sent';
      if (reply.text === '') {
        // A person holds the conversation: the message went to them, no agent answer to show.
        assistantItem.remove();
        this.nodes!.announcer.textContent = 'Message transmis à la personne de l’équipe qui suit ta conversation.';
        return;
      }
      completeAssistantMessage(assistantItem, reply);
      this.nodes!.announcer.textContent = announcementOf(reply);
      this.scrollToEnd();
    } catch (error) {
      if (generation !== this.conversationGeneration) return;
      this.showDeliveryFailure(error, phase, message, userItem, assistantItem);
    }
  }

  /**
   * Sends with the conversation's token. Only one post of a conversation without a token is in
   * flight at a time: the first one gets the token, the messages typed meanwhile wait for it.
   */
  private async submitWithToken(message: OutgoingMessage) {
    let token = readConversationToken(message.conversationId);
    if (token === undefined && this.tokenClaim !== undefined) {
      await this.tokenClaim.catch(() => undefined);
      token = readConversationToken(message.conversationId);
    }
    const submission = this.v2Client.submit({ ...message, ...(token ? { conversationToken: token } : {}) }).then((job) => {
      if (job.conversationToken) storeConversationToken(message.conversationId, job.conversationToken);
      return job;
    });
    if (token === undefined) this.tokenClaim = submission;
    try {
      return await submission;
    } finally {
      if (this.tokenClaim === submission) this.tokenClaim = undefined;
    }
  }

  private showDeliveryFailure(
    error: unknown,
    phase: 'submit' | 'wait',
    message: OutgoingMessage,
    userItem: HTMLLIElement,
    assistantItem: HTMLLIElement,
  ): void {
    if (phase === 'submit') {
      assistantItem.remove();
      userItem.dataset.state = 'failed';
      this.scrollToEnd();
      if (error instanceof RateLimitedError) {
        if (this.nodes!.input.value === '') this.nodes!.input.value = message.text;
        this.showRateLimit(error.retryAfterSeconds);
        return;
      }
      if (error instanceof HttpStatusError && [401, 403, 410].includes(error.status)) {
        // The conversation is no longer ours (token lost, or erased): start afresh, keep the text.
        this.startNewConversation();
        this.nodes!.input.value = message.text;
        this.showError(CONVERSATION_LOST_TEXT, undefined);
        return;
      }
      if (error instanceof NetworkError || (error as { kind?: string }).kind === 'http') {
        const retry = () => {
          this.clearError();
          void this.deliver(message, userItem);
        };
        this.showError(error instanceof NetworkError ? NETWORK_ERROR_TEXT : serverMessageOr(error, NETWORK_ERROR_TEXT), retry);
        return;
      }
      this.showError(NETWORK_ERROR_TEXT, undefined);
      return;
    }
    failAssistantMessage(assistantItem, error instanceof JobFailedError ? JOB_FAILED_TEXT : SLOW_ANSWER_TEXT);
  }

  private showRateLimit(seconds: number): void {
    const nodes = this.nodes!;
    this.rateLimitedUntil = Date.now() + seconds * 1000;
    nodes.send.disabled = true;
    const render = () => {
      const left = Math.max(0, Math.ceil((this.rateLimitedUntil - Date.now()) / 1000));
      if (left === 0) {
        if (this.rateLimitTimer) clearInterval(this.rateLimitTimer);
        this.rateLimitTimer = undefined;
        nodes.send.disabled = false;
        this.clearError();
        return;
      }
      nodes.error.dataset.kind = 'rate_limited';
      nodes.error.dataset.retryAfterSeconds = String(left);
      nodes.errorText.textContent = `${RATE_LIMITED_MESSAGE} Tu pourras écrire à nouveau dans ${left} s.`;
    };
    this.retryAction = undefined;
    nodes.errorRetry.hidden = true;
    nodes.error.hidden = false;
    if (this.rateLimitTimer) clearInterval(this.rateLimitTimer);
    this.rateLimitTimer = setInterval(render, 1000);
    render();
  }

  private showError(text: string, retry: (() => void) | undefined): void {
    const nodes = this.nodes!;
    if (this.rateLimitTimer) return; // the rate-limit countdown stays until it ends
    nodes.error.dataset.kind = retry ? 'network' : 'info';
    delete nodes.error.dataset.retryAfterSeconds;
    nodes.errorText.textContent = text;
    this.retryAction = retry;
    nodes.errorRetry.hidden = retry === undefined;
    nodes.error.hidden = false;
  }

  private clearError(): void {
    const nodes = this.nodes!;
    if (this.rateLimitTimer) return;
    this.retryAction = undefined;
    nodes.error.hidden = true;
    nodes.errorRetry.hidden = true;
    nodes.errorText.textContent = '';
    delete nodes.error.dataset.kind;
  }

  private startNewConversation(): void {
    const nodes = this.nodes!;
    this.conversationGeneration += 1;
    this.conversationId = startNewConversation();
    this.rateLimitedUntil = 0;
    if (this.rateLimitTimer) clearInterval(this.rateLimitTimer);
    this.rateLimitTimer = undefined;
    nodes.send.disabled = false;
    this.clearError();
    nodes.messages.replaceChildren(nodes.welcome);
    nodes.announcer.textContent = 'Nouvelle conversation commencée.';
    nodes.input.focus();
  }

  private async restoreHistory(): Promise<void> {
    const conversationId = readConversationId();
    if (!conversationId) return;
    const generation = this.conversationGeneration;
    let entries;
    try {
      entries = await this.v2Client.loadHistory(conversationId, readConversationToken(conversationId));
    } catch {
      return; // history is a convenience: the conversation goes on without it
    }
    if (generation !== this.conversationGeneration || entries.length === 0) return;
    const nodes = this.nodes!;
    const fragment = this.ownerDocument.createDocumentFragment();
    for (const entry of entries) {
      fragment.append(
        entry.role === 'user'
          ? renderUserMessage(this.ownerDocument, entry.text)
          : renderAssistantMessage(this.ownerDocument, {
              text: entry.text,
              agent: entry.agent,
              escalated: entry.agent === 'escalate',
              sourceTitles: entry.sourceTitles,
            }),
      );
    }
    for (const item of fragment.children) (item as HTMLElement).dataset.restored = 'true';
    nodes.welcome.remove();
    nodes.messages.prepend(fragment);
    this.scrollToEnd();
  }

  private scrollToEnd(): void {
    const messages = this.nodes?.messages;
    if (messages) messages.scrollTop = messages.scrollHeight;
  }
}

function serverMessageOr(error: unknown, fallback: string): string {
  const message = (error as { serverMessage?: unknown }).serverMessage;
  return typeof message === 'string' && message !== '' ? message : fallback;
}

export function defineChatWidgetElement(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(WIDGET_TAG_NAME)) registry.define(WIDGET_TAG_NAME, LacChatWidgetElement);
}
