import type { ConversationSnapshot, HistoryEntry } from '../client/chat-reply.ts';
import { loadConversationSnapshot } from '../client/conversation-requests.ts';
import type { V2ChatClient } from '../client/v2-chat-client.ts';
import type { HandoverThread } from './handover-thread.ts';
import { pendingMessageText } from './pending-messages.ts';
import { buildRestoredThread } from './restored-thread.ts';

/**
 * The thread as the server has it, read at load and again whenever another tab changed it
 * (tab-sync.ts): the snapshot (state, unanswered messages, newest event) and the history, read
 * together. The thread shown is rebuilt in the server's order, keeping what is this tab's own and
 * not yet stored: its messages still to post (the outbox) and the answers it is waiting for (the
 * very items, still filled by their wait), so nothing shows twice and nothing being done here is lost.
 */
export interface ServerThread {
  entries: HistoryEntry[];
  snapshot: ConversationSnapshot | undefined;
}

/**
 * Undefined when the history could not be read. The two reads go together (on a slow network one
 * after the other cost their two round trips before anything showed): the snapshot may then be read
 * after the history, and what was stored in between is neither in the history nor after the
 * snapshot's event id; `storedSince`, read once both are in, tells it.
 */
export async function readServerThread(client: V2ChatClient, apiBaseUrl: string, conversationId: string, token: string | undefined, withSnapshot: boolean): Promise<ServerThread | undefined> {
  // Without the snapshot (an API without the hand-over, a failure) the history still comes back.
  const snapshotRead = withSnapshot && token ? loadConversationSnapshot(apiBaseUrl, conversationId, token).catch(() => undefined) : undefined;
  try {
    const [entries, snapshot] = await Promise.all([client.loadHistory(conversationId, token), snapshotRead]);
    return { entries, snapshot };
  } catch {
    return undefined;
  }
}

/** Whether a message was stored after `lastMessageId` (any at all when undefined); false when it cannot be read. */
export async function storedSince(client: V2ChatClient, conversationId: string, token: string | undefined, lastMessageId: string | undefined): Promise<boolean> {
  const entries = await client.loadHistory(conversationId, token, lastMessageId ? { after: lastMessageId } : {}).catch(() => []);
  return entries.some((entry) => entry.id !== lastMessageId);
}

/**
 * Replaces the items of `messages` with the server's thread, then this tab's own items the server
 * does not hold yet, in their order. Returns the unanswered messages this tab is not waiting for
 * yet (another tab's, or those of a load), for the caller to wait for.
 */
export function rebuildThread(
  document: Document,
  messages: HTMLOListElement,
  welcome: HTMLLIElement,
  server: ServerThread & { conversationId: string; thread: HandoverThread },
): Array<{ jobId: string; item: HTMLLIElement }> {
  const { entries, snapshot, conversationId } = server;
  const { fragment, resumed } = buildRestoredThread(document, entries, snapshot, {
    thread: server.thread,
    // This device's copy first; the server's while the job holds it (a reload before the post's
    // answer came back, another tab).
    pendingText: (jobId) => pendingMessageText(conversationId, jobId) ?? snapshot?.pendingTexts.get(jobId),
  });
  const current = Array.from(messages.children) as HTMLLIElement[];
  const ownAnswerOf = (jobId: string) =>
    current.find((item) => item.dataset.testid === 'message-assistant' && item.dataset.jobId === jobId && item.dataset.state !== 'failed');
  const placed = new Set<string>();
  const toAwait: Array<{ jobId: string; item: HTMLLIElement }> = [];
  for (const pending of resumed) {
    const own = ownAnswerOf(pending.jobId);
    if (own) {
      pending.item.replaceWith(own);
      placed.add(pending.jobId);
    } else {
      toAwait.push(pending);
    }
  }
  keepLiveNotices(current, fragment);
  const answered = new Set(entries.filter((entry) => entry.role === 'assistant').map((entry) => entry.jobId));
  const asked = new Set(entries.filter((entry) => entry.role === 'user').map((entry) => entry.jobId));
  for (const item of current) {
    if (item === welcome || item.dataset.restored === 'true' || !isOwn(item)) continue;
    const jobId = item.dataset.jobId;
    if (jobId !== undefined) {
      if (placed.has(jobId) || answered.has(jobId)) continue;
      if (item.dataset.testid === 'message-user' && asked.has(jobId)) continue;
    }
    fragment.append(item);
  }
  // The visitor reading higher up stays there; at the end, stays at the end.
  const { scrollTop } = messages;
  const atEnd = scrollTop + messages.clientHeight >= messages.scrollHeight - 8;
  messages.replaceChildren(fragment.childNodes.length > 0 ? fragment : welcome);
  messages.scrollTop = atEnd ? messages.scrollHeight : scrollTop;
  return toAwait;
}

/** A notice made from a state event (joined, handed back, closed…): no read of the server gives it back. */
function isLiveNotice(item: HTMLLIElement): boolean {
  return item.dataset.testid === 'handover-notice' && item.dataset.messageId === undefined;
}

/** The item of the rebuilt thread that shows what `item` showed (same stored message, or same job and role). */
function counterpartIn(fragment: DocumentFragment, item: HTMLLIElement): HTMLElement | undefined {
  const { messageId, jobId, testid } = item.dataset;
  return (Array.from(fragment.children) as HTMLElement[]).find((candidate) =>
    messageId !== undefined ? candidate.dataset.messageId === messageId : jobId !== undefined && candidate.dataset.jobId === jobId && candidate.dataset.testid === testid,
  );
}

/**
 * The notices of state events seen on the stream are put back after the item they followed (the
 * stream does not say them again: a rebuild that dropped them lost a hand-back notice for good).
 */
function keepLiveNotices(current: readonly HTMLLIElement[], fragment: DocumentFragment): void {
  let anchor: Element | undefined;
  for (const item of current) {
    if (isLiveNotice(item)) {
      if (anchor) anchor.after(item);
      else fragment.prepend(item);
      anchor = item;
    } else {
      anchor = counterpartIn(fragment, item) ?? anchor;
    }
  }
}

/**
 * This tab's own items: the visitor's messages and the agents' answers it wrote (the team's side
 * and its stored notices come from the server again).
 */
function isOwn(item: HTMLLIElement): boolean {
  return item.dataset.testid === 'message-user' || item.dataset.testid === 'message-assistant';
}
