/**
 * What the widget needs of an answer, read defensively from server JSON (v2 job
 * results, stored history, v1 replies). Server data is only ever read into these
 * plain fields and rendered as text.
 */
export type ReplyAgent = 'audrey' | 'carole' | 'escalate' | 'unknown';

export interface ChatReply {
  text: string;
  agent: ReplyAgent;
  escalated: boolean;
  sourceTitles: string[];
}

export function replyAgentOf(value: unknown): ReplyAgent {
  return value === 'audrey' || value === 'carole' || value === 'escalate' ? value : 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A v2 `result` (contract/chat-schemas.ts chatResultSchema), or undefined when it is not one. */
export function replyFromV2Result(result: unknown): ChatReply | undefined {
  if (!isRecord(result) || typeof result.message !== 'string') return undefined;
  const agent = replyAgentOf(result.agent);
  return { text: result.message, agent, escalated: result.escalated === true || agent === 'escalate', sourceTitles: sourceTitlesOf(result.sources) };
}

/** Distinct, non-empty source titles, in order (job results and stored messages carry the same shape). */
function sourceTitlesOf(sources: unknown): string[] {
  const titles: string[] = [];
  for (const source of Array.isArray(sources) ? sources : []) {
    const title = isRecord(source) && typeof source.title === 'string' ? source.title.trim() : '';
    if (title !== '' && !titles.includes(title)) titles.push(title);
  }
  return titles;
}

/** v1's `agentType` named the specialty: creation is Carole's, automation Audrey's. */
export function replyFromV1Response(body: unknown): ChatReply | undefined {
  if (!isRecord(body) || typeof body.response !== 'string') return undefined;
  const agent: ReplyAgent = body.agentType === 'creation' ? 'carole' : body.agentType === 'automation' ? 'audrey' : 'unknown';
  return { text: body.response, agent, escalated: false, sourceTitles: [] };
}

/** Who wrote a stored message: the visitor, the agents, a person of the team, or a hand-over notice. */
export type MessageAuthor = 'visitor' | 'agent' | 'human' | 'system';

export interface HistoryEntry {
  id: string | undefined;
  role: 'user' | 'assistant';
  text: string;
  agent: ReplyAgent;
  sourceTitles: string[];
  author: MessageAuthor;
  /** The person's display name (author human). */
  operatorName: string | undefined;
  jobId: string | undefined;
}

/** One stored message (history, conversation stream, long-poll), or undefined when malformed. */
export function historyEntryOf(message: unknown): HistoryEntry | undefined {
  if (!isRecord(message) || typeof message.content !== 'string') return undefined;
  if (message.role !== 'user' && message.role !== 'assistant') return undefined;
  const declared = message.author;
  const author: MessageAuthor =
    declared === 'visitor' || declared === 'agent' || declared === 'human' || declared === 'system'
      ? declared
      : message.role === 'user'
        ? 'visitor'
        : 'agent';
  return {
    id: typeof message.id === 'string' ? message.id : undefined,
    role: message.role,
    text: message.content,
    agent: replyAgentOf(message.agent),
    sourceTitles: sourceTitlesOf(message.sources),
    author,
    operatorName: typeof message.operator_name === 'string' && message.operator_name.trim() !== '' ? message.operator_name.trim() : undefined,
    jobId: typeof message.job_id === 'string' ? message.job_id : undefined,
  };
}

/** `GET /api/v2/conversations/:id/messages` → entries oldest first; malformed rows are skipped. */
export function historyFromMessagesBody(body: unknown): HistoryEntry[] {
  if (!isRecord(body) || !Array.isArray(body.messages)) return [];
  return body.messages.map(historyEntryOf).filter((entry): entry is HistoryEntry => entry !== undefined);
}

export type ConversationState = 'ai' | 'waiting_human' | 'human' | 'closed';

export function conversationStateOf(value: unknown): ConversationState | undefined {
  return value === 'ai' || value === 'waiting_human' || value === 'human' || value === 'closed' ? value : undefined;
}

/** The operator's display name from `{operator: {name}}`, if any. */
export function operatorNameOf(record: Record<string, unknown>): string | undefined {
  const operator = record.operator;
  return isRecord(operator) && typeof operator.name === 'string' && operator.name.trim() !== '' ? operator.name.trim() : undefined;
}

/** `GET /api/v2/conversations/:id`: what a reloaded widget needs to resume. */
export interface ConversationSnapshot {
  state: ConversationState;
  operatorName: string | undefined;
  pendingJobIds: string[];
  /** The visitor's text of pending messages, by job id, as the server still holds it. */
  pendingTexts: Map<string, string>;
  lastEventId: string | undefined;
}

export function conversationSnapshotOf(body: unknown): ConversationSnapshot | undefined {
  if (!isRecord(body)) return undefined;
  const state = conversationStateOf(body.state);
  if (!state) return undefined;
  return {
    state,
    operatorName: operatorNameOf(body),
    pendingJobIds: Array.isArray(body.pending_job_ids) ? body.pending_job_ids.filter((id): id is string => typeof id === 'string') : [],
    pendingTexts: new Map(
      (Array.isArray(body.pending_messages) ? body.pending_messages : []).flatMap((pending): Array<[string, string]> =>
        isRecord(pending) && typeof pending.job_id === 'string' && typeof pending.message === 'string' ? [[pending.job_id, pending.message]] : [],
      ),
    ),
    lastEventId: typeof body.last_event_id === 'string' ? body.last_event_id : undefined,
  };
}

/** Why the state changed (the stream's `reason`; `unknown` when a long-poll only saw the new state). */
export type StateChangeReason = 'escalated' | 'joined' | 'handed_back' | 'closed' | 'reopened' | 'cancelled' | 'snapshot' | 'unknown';

/** What the conversation stream carries, as the widget uses it. */
export type ConversationUpdate =
  | { kind: 'message'; entry: HistoryEntry }
  | { kind: 'state'; state: ConversationState; operatorName: string | undefined; reason: StateChangeReason };

const stateChangeReasons: readonly StateChangeReason[] = ['escalated', 'joined', 'handed_back', 'closed', 'reopened', 'cancelled', 'snapshot'];

/** A reason the server gave (an event's `reason`, a long-poll's `state_reason`), or undefined when it is none it knows. */
export function stateChangeReasonOf(value: unknown): StateChangeReason | undefined {
  return stateChangeReasons.find((known) => known === value);
}

/** An SSE `message` / `state` event's data, or undefined when it is not one. */
export function conversationUpdateOf(type: string, data: unknown): ConversationUpdate | undefined {
  if (!isRecord(data)) return undefined;
  if (type === 'message') {
    const entry = historyEntryOf(data.message);
    return entry ? { kind: 'message', entry } : undefined;
  }
  if (type === 'state') {
    const state = conversationStateOf(data.state);
    if (!state) return undefined;
    const reason = stateChangeReasonOf(data.reason) ?? 'unknown';
    return { kind: 'state', state, operatorName: operatorNameOf(data), reason };
  }
  return undefined;
}
