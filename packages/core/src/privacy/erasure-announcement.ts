/**
 * What an erasure announces on the conversation events channel (RedisKeys.conversationEventsChannel,
 * the channel every API process's ConversationEventHub listens to): `{"conversation_id": …,
 * "erased": true}`. A stream or long-poll of the conversation opened before the erasure then ends
 * (the stream closes, the long-poll answers 410) instead of waiting out its time on a conversation
 * that no longer exists. Nothing is stored: the erased conversation's event stream is deleted.
 */
export function erasureAnnouncementOf(conversationId: string): string {
  return JSON.stringify({ conversation_id: conversationId, erased: true });
}

/** The erased conversation an announcement names, or null when it is not an erasure announcement. */
export function erasedConversationAnnounced(announcement: { conversation_id?: unknown; erased?: unknown }): string | null {
  return announcement.erased === true && typeof announcement.conversation_id === 'string' ? announcement.conversation_id : null;
}
