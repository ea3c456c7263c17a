import type { ConversationEvent } from './conversation-event.ts';

/** Tests: an assistant message event of a conversation, its id and content the given text. */
export function assistantMessageEvent(conversationId: string, text: string): ConversationEvent {
  return {
    type: 'message',
    conversation_id: conversationId,
    message: { id: text, conversation_id: conversationId, role: 'assistant', content: text, agent: null, job_id: null, created_at: new Date().toISOString() },
  } as ConversationEvent;
}
