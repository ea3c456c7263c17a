import {
  compareStreamIds,
  type ConversationEvent,
  type ConversationEventEntry,
  ConversationEventListener,
} from '@lac/core';
import type { Request, Response } from 'express';
import { openEventStream, type EventStreamHeartbeat } from '../http/event-stream.ts';

export function formatConversationEvent(id: string, event: ConversationEvent): string {
  return `event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** How many sent message ids a stream remembers to skip on a resync that reads back (see streamConversationEvents). */
const SENT_MESSAGE_IDS_KEPT = 2_000;

/**
 * Streams conversation events as Server-Sent Events (the visitor's conversation stream and the
 * operators' inbox stream). The caller has ALREADY subscribed (`subscribe` registers the listener
 * this function drives; events arriving before the first write are buffered), so nothing falls
 * between the backlog and the live events; ids only move forward within each conversation (a
 * duplicate is dropped; the inbox's stream carries every conversation, whose ids come from separate
 * Redis streams, on a cluster from separate masters' clocks, so they are not compared); after
 * a `resync` (the subscription reconnected or missed messages) the missed events are read back from
 * the stream, or, for a stream without one to read (the inbox), a `resync` event tells the client to
 * read again what it shows; on `erased` (the conversation was erased) the stream ends.
 */
export async function streamConversationEvents(options: {
  req: Request;
  res: Response;
  subscribe(listener: ConversationEventListener): () => void;
  /** Events after an id (stream order), for the backlog and resyncs; omit for streams without one (inbox). */
  readAfter?(afterId: string): Promise<ConversationEventEntry[]>;
  /** Sent first, in order (a snapshot and/or the backlog after Last-Event-ID); 'no_content': answer 204. */
  initial(): Promise<ConversationEventEntry[] | 'no_content'>;
  /** The id the client already has (Last-Event-ID), if any. */
  lastEventId: string | undefined;
  /** The stream ends after an event for which this is true (e.g. the conversation closed). */
  endsAfter?(event: ConversationEvent): boolean;
  heartbeatMs: number;
  /** `ping_event` for the inbox's stream (its page watches for silence), else comments (see openEventStream). */
  heartbeat?: EventStreamHeartbeat;
  shutdownSignal?: AbortSignal;
}): Promise<void> {
  const { req, res } = options;
  /** The id last sent of each conversation (Last-Event-ID counts for the stream's own conversation). */
  const lastSentOf = new Map<string, string>();
  let lastSent = options.lastEventId;
  /** Messages already sent (the latest SENT_MESSAGE_IDS_KEPT): a resync that reads further back sends only the others. */
  const sentMessageIds = new Set<string>();
  const rememberSent = (messageId: string): void => {
    sentMessageIds.add(messageId);
    // An inbox stream open for days must not grow without bound; a resync reads back seconds, not thousands of messages.
    if (sentMessageIds.size > SENT_MESSAGE_IDS_KEPT) sentMessageIds.delete(sentMessageIds.values().next().value!);
  };
  let started = false;
  let closed = false;
  const buffered: ConversationEventEntry[] = [];
  let resyncPending = false;
  let heartbeat: NodeJS.Timeout | undefined;
  /** The stream's writes, once open (openEventStream); a client that stops reading is cut there. */
  let write = (_chunk: string): boolean => false;

  const finish = (): void => {
    if (closed) return;
    closed = true;
    cleanUp();
    if (!res.writableEnded) res.end();
  };
  const send = (entry: ConversationEventEntry): void => {
    if (closed) return;
    const conversationId = entry.event.conversation_id;
    const previous = lastSentOf.get(conversationId) ?? options.lastEventId;
    if (previous !== undefined && compareStreamIds(entry.id, previous) <= 0) return;
    lastSentOf.set(conversationId, entry.id);
    lastSent = entry.id;
    if (entry.event.type === 'message') rememberSent(entry.event.message.id);
    write(formatConversationEvent(entry.id, entry.event));
    if (options.endsAfter?.(entry.event)) finish();
  };
  const resync = async (sinceMs?: number): Promise<void> => {
    // No stream to read back (the inbox's, of every conversation): the client is told to read
    // again what it shows (the subscription missed events it would have refreshed on).
    if (!options.readAfter) {
      if (!closed) write('event: resync\ndata: {}\n\n');
      return;
    }
    if (lastSent === undefined) return;
    const since = sinceMs === undefined ? undefined : `${Math.max(0, Math.floor(sinceMs))}-0`;
    try {
      for (const entry of await options.readAfter(since !== undefined && compareStreamIds(since, lastSent) < 0 ? since : lastSent)) {
        if (compareStreamIds(entry.id, lastSent) > 0) send(entry);
        // Missed by the subscription while later events came live: sent late, out of stream order
        // (the widget places messages by id); a missed state change is older than the state shown.
        else if (!closed && entry.event.type === 'message' && !sentMessageIds.has(entry.event.message.id)) {
          rememberSent(entry.event.message.id);
          write(formatConversationEvent(entry.id, entry.event));
        }
      }
    } catch (error) {
      req.log.warn({ err: String(error) }, 'conversation stream: resync read failed');
    }
  };
  let erasedPending = false;
  const unsubscribe = options.subscribe((signal) => {
    // Erased: the stream ends (a reconnect is answered 410).
    if (signal.kind === 'erased') {
      if (started) finish();
      else erasedPending = true;
      return;
    }
    // The inbox's stream: a conversation was erased; its id only, for the inbox to drop what it shows of it.
    if (signal.kind === 'conversation_erased') {
      if (started) write(`event: erased\ndata: ${JSON.stringify({ conversation_id: signal.conversationId })}\n\n`);
      return;
    }
    if (!started) {
      if (signal.kind === 'event') buffered.push(signal.entry);
      else resyncPending = true; // before the first write: reading after the backlog's last event covers it
      return;
    }
    if (signal.kind === 'event') send(signal.entry);
    else void resync(signal.sinceMs);
  });
  const onShutdown = (): void => finish();
  const onClientGone = (): void => {
    closed = true;
    cleanUp();
  };
  function cleanUp(): void {
    unsubscribe();
    clearInterval(heartbeat);
    options.shutdownSignal?.removeEventListener('abort', onShutdown);
    res.off('close', onClientGone);
  }

  let initial: ConversationEventEntry[] | 'no_content';
  try {
    initial = await options.initial();
  } catch (error) {
    unsubscribe();
    throw error;
  }
  if (initial === 'no_content') {
    unsubscribe();
    res.status(204).end();
    return;
  }
  const stream = openEventStream(res, { heartbeatMs: options.heartbeatMs, isOpen: () => !closed, ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}) });
  heartbeat = stream.heartbeat;
  write = stream.write;
  res.once('close', onClientGone);
  if (options.shutdownSignal?.aborted) return finish();
  options.shutdownSignal?.addEventListener('abort', onShutdown, { once: true });
  for (const entry of initial) send(entry);
  started = true;
  if (erasedPending) return finish();
  for (const entry of buffered.splice(0)) send(entry);
  if (resyncPending) await resync();
}
