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

export interface HistoryEntry {
  role: 'user' | 'assistant';
  text: string;
  agent: ReplyAgent;
  sourceTitles: string[];
}

/** `GET /api/v2/conversations/:id/messages` → entries oldest first; malformed rows are skipped. */
export function historyFromMessagesBody(body: unknown): HistoryEntry[] {
  if (!isRecord(body) || !Array.isArray(body.messages)) return [];
  const entries: HistoryEntry[] = [];
  for (const message of body.messages) {
    if (!isRecord(message) || typeof message.content !== 'string') continue;
    if (message.role !== 'user' && message.role !== 'assistant') continue;
    entries.push({ role: message.role, text: message.content, agent: replyAgentOf(message.agent), sourceTitles: sourceTitlesOf(message.sources) });
  }
  return entries;
}
