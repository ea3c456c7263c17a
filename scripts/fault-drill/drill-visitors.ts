import { setTimeout as sleep } from 'node:timers/promises';
import { followEventStream, type EventStreamFollower } from '../../tests/faults/support/event-stream-follower.ts';
import { openConversation, sendAndFollow, type SentMessage } from './drill-clients.ts';

/**
 * The visitors of the fault drill: each opens its conversation (Idempotency-Key), follows the
 * conversation's event stream (Last-Event-ID on reconnects, as the widget does), then sends numbered
 * messages one after the other, each followed to its end before the next (alternately by long-poll
 * and by the job's event stream). Every third visitor asks for a person on every 8th message.
 */

export const ASKS_FOR_A_PERSON = "Je veux parler à quelqu'un de l'équipe";

export interface DrillVisitors {
  sent: SentMessage[];
  /** Conversation id → its token. */
  tokens: Map<string, string>;
  /** Conversation id → its event stream. */
  streams: Map<string, EventStreamFollower>;
  /** Stops sending; resolves once every message sent has ended (or used up its budget). */
  stop(): Promise<void>;
}

export function startDrillVisitors(options: { baseUrls: string[]; conversations: number; prefix: string; endBudgetMs: number }): DrillVisitors {
  const sent: SentMessage[] = [];
  const tokens = new Map<string, string>();
  const streams = new Map<string, EventStreamFollower>();
  let stopped = false;

  const visitor = async (index: number) => {
    const { baseUrls } = options;
    const conversationId = `${options.prefix}-c${index}`;
    const token = await openConversation(baseUrls, conversationId);
    tokens.set(conversationId, token);
    const eventsUrl = `${baseUrls[index % baseUrls.length]}/api/v2/conversations/${encodeURIComponent(conversationId)}/events`;
    streams.set(conversationId, followEventStream(eventsUrl, { authorization: `Bearer ${token}` }));
    for (let number = 1; !stopped; number++) {
      const escalating = index % 3 === 0 && number % 8 === 4;
      const text = escalating ? `${ASKS_FOR_A_PERSON} (c${index} m${number})` : `Message ${number} de c${index} : comment automatiser mes emails avec Kajabi ?`;
      const message: SentMessage = { conversationId, text, postAttempts: 0, escalating };
      sent.push(message);
      await sendAndFollow({ baseUrls, startIndex: index, message, token, follow: number % 2 === 0 ? 'long-poll' : 'job-events', endBudgetMs: options.endBudgetMs });
      await sleep(300 + Math.random() * 700);
    }
  };
  const running = Array.from({ length: options.conversations }, (_, index) => visitor(index));

  return {
    sent,
    tokens,
    streams,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}
