-- 0025_handover_last_message_author: the operators' list says who wrote the last message.
--
-- handover_conversations (0024) returned the last message's content and role only: the "nobody is
-- available" notice of a hand-over (author 'system') read as any assistant message, and the inbox
-- labelled it "Réponse :" as if someone had answered the visitor. It now also returns
-- last_message_author, the last message's `author` column (0009: 'human', 'system', or null for the
-- visitor and the agents). Otherwise as 0024; a process of the previous version reading it ignores
-- the new column.
-- Idempotent: every overload of the function is dropped, then re-created.
-- @drop-function-overloads: handover_conversations

CREATE FUNCTION handover_conversations(p_states text[], p_limit integer DEFAULT 100, p_conversation_id text DEFAULT NULL)
RETURNS TABLE (conversation_id text, user_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, last_message_at timestamptz, created_at timestamptz, escalation_id uuid,
               escalation_category text, escalation_status text, last_message text, last_message_role text, state_reason text,
               last_visitor_message text, last_message_author text)
LANGUAGE sql STABLE
AS $function$
  SELECT c.id, c.user_id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
         c.last_message_at, c.created_at, e.id, e.category, e.status, m.content, m.role, c.handover_reason,
         v.content, m.author
  FROM (
    SELECT * FROM conversations
    WHERE (p_conversation_id IS NULL OR conversations.id = p_conversation_id)
      AND (p_states IS NULL OR conversations.handover_state = ANY (p_states))
    ORDER BY (conversations.handover_state = 'waiting_human') DESC, conversations.waiting_since ASC NULLS LAST,
             conversations.handover_changed_at DESC NULLS LAST, conversations.id
    LIMIT greatest(1, least(coalesce(p_limit, 100), 500))
  ) c
  LEFT JOIN LATERAL (
    SELECT id, category, status FROM escalations WHERE escalations.conversation_id = c.id
    ORDER BY created_at DESC, write_order DESC LIMIT 1
  ) e ON true
  LEFT JOIN LATERAL (
    SELECT content, role, author FROM messages WHERE messages.conversation_id = c.id
    ORDER BY created_at DESC, write_order DESC LIMIT 1
  ) m ON true
  LEFT JOIN LATERAL (
    SELECT content FROM messages WHERE messages.conversation_id = c.id AND messages.role = 'user'
    ORDER BY created_at DESC, write_order DESC LIMIT 1
  ) v ON true
  ORDER BY (c.handover_state = 'waiting_human') DESC, c.waiting_since ASC NULLS LAST, c.handover_changed_at DESC NULLS LAST, c.id;
$function$;
