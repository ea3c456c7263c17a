import type { ChatReply, ReplyAgent } from '../client/chat-reply.ts';
import { agentBadgeLabels } from './agent-badges.ts';
import { withoutCitedSourcesText } from './answer-text.ts';

/**
 * Builds the message list items. Everything that comes from the visitor or the
 * server is set with `textContent` (never innerHTML), so an answer containing
 * `<img src=x onerror=alert(1)>` shows those characters and runs nothing.
 */

export type AssistantState = 'pending' | 'streaming' | 'done' | 'failed';

export function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderUserMessage(document: Document, text: string): HTMLLIElement {
  const item = element(document, 'li', 'message message-user');
  item.dataset.testid = 'message-user';
  item.append(element(document, 'p', 'message-text', text));
  return item;
}

/** An answer still being written: a typing indicator until text arrives. */
export function renderPendingAssistantMessage(document: Document): HTMLLIElement {
  const item = element(document, 'li', 'message message-assistant');
  item.dataset.testid = 'message-assistant';
  item.dataset.state = 'pending';
  const text = element(document, 'p', 'message-text typing', '…');
  text.setAttribute('aria-label', 'Réponse en cours d’écriture');
  item.append(text);
  return item;
}

export const SLOW_ANSWER_NOTICE = 'La réponse prend plus de temps que d’habitude, elle arrive…';

/**
 * A pending answer that no text reaches within `afterMs` (a busy or restarting service) says so,
 * still waiting, and `onSlow` runs (the announcer); returns the cancel (the answer came, or failed).
 */
export function noticeSlowAnswer(item: HTMLLIElement, afterMs: number, onSlow: () => void): () => void {
  const timer = setTimeout(() => {
    const paragraph = item.querySelector('.message-text');
    if (item.dataset.state !== 'pending' || item.hidden || !paragraph) return;
    paragraph.classList.remove('typing');
    paragraph.removeAttribute('aria-label');
    paragraph.textContent = SLOW_ANSWER_NOTICE;
    item.dataset.slow = 'true';
    onSlow();
  }, afterMs);
  return () => clearTimeout(timer);
}

/** Replaces the text of a pending answer with what has been streamed so far. */
export function showStreamingText(item: HTMLLIElement, text: string): void {
  const paragraph = item.querySelector('.message-text');
  if (!paragraph) return;
  paragraph.classList.remove('typing');
  paragraph.removeAttribute('aria-label');
  // The sources are listed once, under the finished answer: not in the text as it is written.
  paragraph.textContent = withoutCitedSourcesText(text);
  item.dataset.state = 'streaming';
}

export function renderAgentBadge(document: Document, agent: ReplyAgent): HTMLSpanElement {
  const badge = element(document, 'span', `agent-badge agent-${agent}`, agentBadgeLabels[agent]);
  badge.dataset.testid = 'agent-badge';
  badge.dataset.agent = agent;
  return badge;
}

/** The answer's text as shown: without the sources it cites in its text when they are listed below it. */
export function textShownFor(reply: ChatReply): string {
  return reply.sourceTitles.length > 0 ? withoutCitedSourcesText(reply.text) : reply.text;
}

/**
 * Fills `item` (pending or streaming) with the final answer: badge, text, sources. An escalation
 * gets its badge and no notice of its own: its text already says who follows up, and the status line
 * under the header says it while the conversation waits for a person.
 */
export function completeAssistantMessage(item: HTMLLIElement, reply: ChatReply): void {
  const document = item.ownerDocument;
  item.replaceChildren();
  item.dataset.state = 'done';
  item.dataset.agent = reply.agent;
  if (reply.escalated) item.classList.add('escalated');
  item.append(renderAgentBadge(document, reply.agent));
  item.append(element(document, 'p', 'message-text', textShownFor(reply)));
  if (reply.sourceTitles.length > 0) {
    const sources = element(document, 'div', 'sources');
    sources.dataset.testid = 'message-sources';
    sources.append(element(document, 'span', 'sources-label', 'Sources :'));
    const list = element(document, 'ul', 'sources-list');
    for (const title of reply.sourceTitles) list.append(element(document, 'li', 'source', title));
    sources.append(list);
    item.append(sources);
  }
}

export function renderAssistantMessage(document: Document, reply: ChatReply): HTMLLIElement {
  const item = renderPendingAssistantMessage(document);
  completeAssistantMessage(item, reply);
  return item;
}

/** A pending answer that will not come: says so, in French. */
export function failAssistantMessage(item: HTMLLIElement, text: string): void {
  const document = item.ownerDocument;
  item.replaceChildren(element(document, 'p', 'message-text', text));
  item.dataset.state = 'failed';
}

/** Short text for the aria-live announcer: "Audrey : …". */
export function announcementOf(reply: ChatReply): string {
  const name = agentBadgeLabels[reply.agent].replace(/^\S+\s/, '');
  return `${name} : ${textShownFor(reply)}`;
}
