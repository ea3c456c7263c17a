import type { WidgetOptions } from './widget-options.ts';
import { widgetStyles } from './widget-styles.ts';

/**
 * The widget's nodes inside its open Shadow DOM (no behaviour here: chat-widget-element.ts wires
 * the events). French labels; every control has a test id.
 */
export const WELCOME_TEXT = 'Bonjour ! Pose ta question : Audrey (automatisation, tunnels de vente) et Carole (Instagram, contenus) te répondent.';
export const ERASE_CONFIRM_TEXT =
  'Effacer tes conversations ? Tes messages et les réponses, de cette conversation et des précédentes de ce navigateur, seront supprimés définitivement, chez nous aussi.';

export interface WidgetNodes {
  bubble: HTMLButtonElement;
  panel: HTMLElement;
  close: HTMLButtonElement;
  newConversation: HTMLButtonElement;
  erase: HTMLButtonElement;
  eraseConfirm: HTMLDivElement;
  eraseConfirmYes: HTMLButtonElement;
  eraseConfirmNo: HTMLButtonElement;
  handoverStatus: HTMLParagraphElement;
  messages: HTMLOListElement;
  welcome: HTMLLIElement;
  error: HTMLDivElement;
  errorText: HTMLParagraphElement;
  errorRetry: HTMLButtonElement;
  announcer: HTMLDivElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  /** Near the length limit: "1 950 / 2 000" (message-length-guard.ts). */
  lengthCounter: HTMLParagraphElement;
  /** Over the length limit: what to do (the box keeps the whole text). */
  lengthError: HTMLParagraphElement;
}

export function buildWidgetDom(host: HTMLElement, options: WidgetOptions): WidgetNodes {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const document = host.ownerDocument;
  const create = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  if (options.primaryColor) host.style.setProperty('--lac-primary', options.primaryColor);
  if (options.textColor) host.style.setProperty('--lac-on-primary', options.textColor);

  const style = create('style', {}, widgetStyles);
  const bubble = create('button', {
    type: 'button', class: 'bubble', 'data-testid': 'chat-open',
    'aria-label': 'Ouvrir le chat', 'aria-expanded': 'false', 'aria-controls': 'lac-chat-panel',
  }, '💬');
  const panel = create('section', { class: 'panel', id: 'lac-chat-panel', role: 'dialog', 'aria-labelledby': 'lac-chat-title', 'data-testid': 'chat-panel' });
  panel.hidden = true;

  const header = create('div', { class: 'header' });
  const title = create('h2', { class: 'title', id: 'lac-chat-title' }, options.title);
  const close = create('button', { type: 'button', class: 'close', 'aria-label': 'Fermer le chat', 'data-testid': 'chat-close' }, '×');
  header.append(title, close);

  const toolbar = create('div', { class: 'toolbar' });
  const newConversation = create('button', { type: 'button', 'data-testid': 'chat-new-conversation' }, 'Nouvelle conversation');
  const erase = create('button', { type: 'button', 'data-testid': 'chat-erase', 'aria-controls': 'lac-chat-erase-confirm' }, 'Effacer mes conversations');
  toolbar.append(newConversation, erase);

  const eraseConfirm = create('div', { class: 'erase-confirm', id: 'lac-chat-erase-confirm', role: 'alertdialog', 'aria-labelledby': 'lac-chat-erase-text', 'data-testid': 'chat-erase-confirm' });
  eraseConfirm.hidden = true;
  const eraseText = create('p', { id: 'lac-chat-erase-text' }, ERASE_CONFIRM_TEXT);
  const eraseConfirmYes = create('button', { type: 'button', class: 'danger', 'data-testid': 'chat-erase-yes' }, 'Oui, effacer');
  const eraseConfirmNo = create('button', { type: 'button', 'data-testid': 'chat-erase-cancel' }, 'Annuler');
  eraseConfirm.append(eraseText, eraseConfirmYes, eraseConfirmNo);

  const handoverStatus = create('p', { class: 'handover-status', role: 'status', 'data-testid': 'handover-status' });
  handoverStatus.hidden = true;

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
  // No maxlength: it would cut a pasted text silently. The length guard says when it is too long.
  const input = create('textarea', {
    id: 'lac-chat-input', rows: '1', placeholder: 'Écris ton message…', 'data-testid': 'chat-input', enterkeyhint: 'send',
    'aria-describedby': 'lac-chat-length-counter lac-chat-length-error',
  });
  const send = create('button', { type: 'submit', class: 'send', 'data-testid': 'chat-send' }, 'Envoyer');
  const lengthHints = create('div', { class: 'length-hints' });
  const lengthCounter = create('p', { class: 'length-counter', id: 'lac-chat-length-counter', 'data-testid': 'chat-length-counter' });
  const lengthError = create('p', { class: 'length-error', id: 'lac-chat-length-error', 'data-testid': 'chat-length-error' });
  lengthCounter.hidden = true;
  lengthError.hidden = true;
  lengthHints.append(lengthCounter, lengthError);
  form.append(label, input, send, lengthHints);

  panel.append(header, toolbar, eraseConfirm, handoverStatus, messages, error, announcer, form);
  shadow.replaceChildren(style, panel, bubble);
  return {
    bubble, panel, close, newConversation, erase, eraseConfirm, eraseConfirmYes, eraseConfirmNo, handoverStatus,
    messages, welcome, error, errorText, errorRetry, announcer, form, input, send, lengthCounter, lengthError,
  };
}

/** Opens or closes the panel (bubble state, unread mark cleared on open); focus follows when asked. */
export function setPanelOpen(nodes: WidgetNodes, open: boolean, moveFocus: boolean): void {
  nodes.panel.hidden = !open;
  nodes.bubble.setAttribute('aria-expanded', String(open));
  nodes.bubble.setAttribute('aria-label', open ? 'Fermer le chat' : 'Ouvrir le chat');
  if (open) delete nodes.bubble.dataset.unread;
  nodes.bubble.textContent = open ? '×' : '💬';
  if (!moveFocus) return;
  if (open) {
    nodes.input.focus();
    nodes.messages.scrollTop = nodes.messages.scrollHeight;
  } else {
    nodes.bubble.focus();
  }
}

/** The team wrote while the panel is closed: the bubble says so until it is opened. */
export const UNREAD_TEAM_MESSAGE_LABEL = 'Ouvrir le chat : nouveau message de l’équipe';
export const UNREAD_ANSWER_LABEL = 'Ouvrir le chat : nouvelle réponse';

export function markUnreadWhenClosed(nodes: WidgetNodes, label = UNREAD_TEAM_MESSAGE_LABEL): void {
  if (!nodes.panel.hidden) return;
  nodes.bubble.dataset.unread = 'true';
  nodes.bubble.setAttribute('aria-label', label);
}

/** Keyboard and buttons of the panel: bubble and × toggle, Escape, Enter sends (Shift+Enter: new line). */
export function wirePanelControls(nodes: WidgetNodes, handlers: { onEscape(): void; onSubmit(): void; onNewConversation(): void }): void {
  nodes.bubble.addEventListener('click', () => setPanelOpen(nodes, Boolean(nodes.panel.hidden), true));
  nodes.close.addEventListener('click', () => setPanelOpen(nodes, false, true));
  nodes.newConversation.addEventListener('click', () => handlers.onNewConversation());
  nodes.panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    handlers.onEscape();
  });
  nodes.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      nodes.form.requestSubmit();
    }
  });
  nodes.form.addEventListener('submit', (event) => {
    event.preventDefault();
    handlers.onSubmit();
  });
}
