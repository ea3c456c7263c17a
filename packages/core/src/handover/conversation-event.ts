import { z } from 'zod';
import { storedMessageSchema } from '../contract/chat-schemas.ts';
import { conversationStateSchema, stateChangeReasonSchema } from './conversation-state.ts';

/**
 * What a conversation's event stream carries (SSE `data:`, long-poll wake-ups, the inbox): a new
 * message from any author, or a change of the hand-over state. Each event has the id of its entry
 * in the conversation's Redis stream (the SSE id, for `Last-Event-ID`).
 */
export const operatorViewSchema = z.object({ name: z.string() });

export const conversationMessageEventSchema = z.object({
  type: z.literal('message'),
  conversation_id: z.string(),
  message: storedMessageSchema,
});

export const conversationStateEventSchema = z.object({
  type: z.literal('state'),
  conversation_id: z.string(),
  state: conversationStateSchema,
  /** The person holding the conversation (state human), else null. */
  operator: operatorViewSchema.nullable(),
  reason: z.enum([...stateChangeReasonSchema.options, 'snapshot']),
  version: z.number().int().nonnegative(),
  at: z.string(),
});

export const conversationEventSchema = z.discriminatedUnion('type', [conversationMessageEventSchema, conversationStateEventSchema]);
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationStateEvent = z.infer<typeof conversationStateEventSchema>;

/** One entry of a conversation's event stream. */
export interface ConversationEventEntry {
  id: string;
  event: ConversationEvent;
}

/** Orders two stream ids (one rule for every stream: redis/stream-ids.ts). */
export { compareStreamIds } from '../redis/stream-ids.ts';

/** A stream id as sent by a client (`Last-Event-ID`), or undefined when it is not one. */
export function parseStreamId(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && /^\d{1,16}-\d{1,10}$/.test(text.trim()) ? text.trim() : undefined;
}
