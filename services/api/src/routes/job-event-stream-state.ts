import type { ChatJobView } from '@lac/core';
import { isTerminalJobView } from './wait-for-job-end.ts';

/** One Server-Sent Event to write. `id` is the length of the answer text delivered so far. */
export interface JobStreamEvent {
  event: 'status' | 'delta' | 'reset' | 'completed' | 'failed';
  id: string;
  data: unknown;
}

/**
 * The terminal event (`completed` / `failed`) carries the text length plus this suffix, so a
 * reconnect tells "I have the final event" apart from "I have all the text but not the end".
 */
export const FINAL_EVENT_ID_SUFFIX = '-final';

/** Where a reconnecting client stands: the text length it has, and whether it got the final event. */
export interface ResumePoint {
  offset: number;
  afterFinalEvent: boolean;
}

/** Parses `Last-Event-ID` (`<delivered text length>` or `<length>-final`); anything else restarts from 0. */
export function parseResumePoint(lastEventId: unknown): ResumePoint {
  const match = typeof lastEventId === 'string' ? /^(\d{1,9})(-final)?$/.exec(lastEventId.trim()) : null;
  if (!match) return { offset: 0, afterFinalEvent: false };
  return { offset: Number(match[1]), afterFinalEvent: match[2] !== undefined };
}

/** The delivered text length of a `Last-Event-ID`. */
export function parseTextOffset(lastEventId: unknown): number {
  return parseResumePoint(lastEventId).offset;
}

/** Never cut a UTF-16 surrogate pair (an emoji) in two. */
function safeCutIndex(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return index;
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/**
 * What one SSE connection has told its client, and what to send next for a new job view:
 * a `status` event when the status or position changes, `delta` with only the text appended
 * since the last event (or since the resumed offset), `reset` when the text was replaced (a
 * retry restarted the answer with other words), then `completed` / `failed` with the full view.
 * Text that is a prefix of what was already sent (a stale read, or a retry repeating the same
 * words) sends nothing. Pure: no I/O.
 */
export class JobEventStreamState {
  private deliveredLength: number;
  /** Text known to be on the client; null on a resumed stream until the first view. */
  private deliveredText: string | null = null;
  private lastStatusKey: string | null = null;
  private finished = false;
  /** The resume point could not be checked (the first view had no text): the first text is sent whole. */
  private resumePointDropped = false;

  constructor(resumeOffset: number) {
    this.deliveredLength = resumeOffset;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** The id of the next event: the length of the text delivered so far. */
  get lastEventId(): string {
    return String(this.deliveredLength);
  }

  eventsFor(view: ChatJobView): JobStreamEvent[] {
    if (this.finished) return [];
    const events: JobStreamEvent[] = [];
    const text = view.status === 'completed' ? view.result?.message : view.partial_reply;
    if (text === undefined && this.deliveredText === null && this.deliveredLength > 0) {
      // A resume point beyond any text the job has (a stale id, or another job's): it is dropped,
      // and the first text is sent whole (`reset`), never cut at an offset the client made up.
      this.deliveredLength = 0;
      this.resumePointDropped = true;
    }
    // Position only matters while queued (it counts the messages ahead).
    const statusKey = view.status === 'queued' ? `queued:${view.position ?? ''}` : view.status;
    if (statusKey !== this.lastStatusKey) {
      this.lastStatusKey = statusKey;
      events.push(this.event('status', { job_id: view.job_id, conversation_id: view.conversation_id, status: view.status, position: view.position }));
    }
    if (text !== undefined) events.push(...this.textEvents(text));
    if (isTerminalJobView(view)) {
      this.finished = true;
      events.push(this.event(view.status === 'completed' ? 'completed' : 'failed', view, FINAL_EVENT_ID_SUFFIX));
    }
    return events;
  }

  private textEvents(text: string): JobStreamEvent[] {
    const known = this.deliveredText;
    // A stale read (older than what was sent) or a restarted attempt still repeating the same words: nothing new.
    if (known !== null && known.startsWith(text)) return [];
    const continues = known === null ? text.length >= this.deliveredLength && !this.resumePointDropped : text.startsWith(known);
    if (!continues) {
      this.deliveredText = text;
      this.deliveredLength = text.length;
      return [this.event('reset', { text })];
    }
    this.deliveredText = text;
    if (text.length <= this.deliveredLength) return [];
    const delta = text.slice(safeCutIndex(text, this.deliveredLength));
    this.deliveredLength = text.length;
    return [this.event('delta', { text: delta })];
  }

  private event(event: JobStreamEvent['event'], data: unknown, idSuffix = ''): JobStreamEvent {
    return { event, id: `${this.deliveredLength}${idSuffix}`, data };
  }

  /** The id of a terminal event sent outside eventsFor (the job vanished mid-stream). */
  get finalEventId(): string {
    return `${this.deliveredLength}${FINAL_EVENT_ID_SUFFIX}`;
  }
}

/** The wire form of an event (`data` is one JSON line, so it never contains a newline). */
export function formatServerSentEvent(event: JobStreamEvent): string {
  return `event: ${event.event}\nid: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
