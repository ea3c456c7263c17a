import type { ConversationSnapshot, HistoryEntry } from '../client/chat-reply.ts';
import type { HandoverThread } from './handover-thread.ts';
import { renderAssistantMessage, renderPendingAssistantMessage, renderUserMessage } from './message-rendering.ts';

/**
 * What a reloaded widget shows: the stored messages (the team's side rendered by the hand-over
 * thread, which remembers them), then the visitor's messages still waiting for an answer (from the
 * snapshot's `pending_job_ids`; the question's text from this device, or from the snapshot's
 * `pending_messages`, when the server has not stored it yet) with a pending answer each, for the
 * caller to resume.
 */
export function buildRestoredThread(
  document: Document,
  entries: readonly HistoryEntry[],
  snapshot: ConversationSnapshot | undefined,
  options: { thread: HandoverThread; pendingText(jobId: string): string | undefined },
): { fragment: DocumentFragment; resumed: Array<{ jobId: string; item: HTMLLIElement }> } {
  const fragment = document.createDocumentFragment();
  for (const entry of entries) {
    const item =
      options.thread.renderRestored(entry) ??
      (entry.role === 'user'
        ? renderUserMessage(document, entry.text)
        : renderAssistantMessage(document, { text: entry.text, agent: entry.agent, escalated: entry.agent === 'escalate', sourceTitles: entry.sourceTitles }));
    item.dataset.restored = 'true';
    // By its id and job, the next rebuild finds the item again (a live notice stays after it, thread-refresh.ts).
    if (entry.id) item.dataset.messageId = entry.id;
    if (entry.jobId && (item.dataset.testid === 'message-user' || item.dataset.testid === 'message-assistant')) item.dataset.jobId = entry.jobId;
    // The visitor's messages the server holds, by job: a message posted again after a reload is not shown twice (reposted-messages.ts).
    if (entry.role === 'user' && item.dataset.testid === 'message-user') item.dataset.fromServer = 'true';
    fragment.append(item);
  }
  const answered = new Set(entries.filter((entry) => entry.role === 'assistant' && entry.jobId).map((entry) => entry.jobId));
  const asked = new Set(entries.filter((entry) => entry.role === 'user' && entry.jobId).map((entry) => entry.jobId));
  const resumed: Array<{ jobId: string; item: HTMLLIElement }> = [];
  for (const jobId of snapshot?.pendingJobIds ?? []) {
    if (answered.has(jobId)) continue;
    const text = asked.has(jobId) ? undefined : options.pendingText(jobId);
    // Their job id: the next rebuild (thread-refresh.ts) knows them for this job's.
    if (text !== undefined) {
      const question = renderUserMessage(document, text);
      question.dataset.jobId = jobId;
      question.dataset.fromServer = 'true';
      fragment.append(question);
    }
    const item = renderPendingAssistantMessage(document);
    item.dataset.jobId = jobId;
    fragment.append(item);
    resumed.push({ jobId, item });
  }
  return { fragment, resumed };
}
