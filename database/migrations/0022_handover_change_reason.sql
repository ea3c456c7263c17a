-- 0022_handover_change_reason: a conversation keeps why its hand-over state last changed.
--
-- conversations.handover_reason: the reason of the latest change of handover_state, in the words of
-- the conversation event stream's `state` events: 'escalated' (the router asked for a person),
-- 'joined' (an operator took it), 'handed_back' (an operator gave it back to the agents),
-- 'cancelled' (the visitor withdrew a hand-over nobody joined), 'closed', 'reopened' (a visitor
-- message in a closed conversation). Only the live event said it before: an inbox opened after a
-- withdrawal showed a conversation "with the agents" and nothing of the visitor's request. Null for
-- changes made before this migration (their reason was not kept).
--
-- handover_transition (0018) takes the reason as p_reason (a caller that gives none, such as a
-- process of the previous version during a deploy, gets the reason its target state implies; a
-- return to 'ai' then reads as a hand-back); handover_hold_visitor_message (0009) records
-- 'reopened'; handover_conversations (0021) returns it as state_reason. Otherwise as before.
-- Idempotent: the column and its check are added once; every overload of the three functions is
-- dropped, then re-created.
-- @drop-function-overloads: handover_transition, handover_hold_visitor_message, handover_conversations

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_reason text;

DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'conversations'::regclass AND conname = 'conversations_handover_reason_check') THEN
    ALTER TABLE conversations ADD CONSTRAINT conversations_handover_reason_check
      CHECK (handover_reason IN ('escalated', 'joined', 'handed_back', 'cancelled', 'closed', 'reopened'));
  END IF;
END
$migration$;

CREATE FUNCTION handover_transition(
  p_conversation_id text,
  p_from text[],
  p_to text,
  p_operator_name text DEFAULT NULL,
  p_user_id text DEFAULT NULL,
  p_reason text DEFAULT NULL
)
RETURNS TABLE (conversation_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, previous_state text, transitioned boolean)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
BEGIN
  IF p_user_id IS NOT NULL THEN
    INSERT INTO users (id) VALUES (p_user_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO conversations (id, user_id, status) VALUES (p_conversation_id, p_user_id, 'active') ON CONFLICT (id) DO NOTHING;
  END IF;
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF NOT (current_row.handover_state = ANY (p_from)) THEN
    RETURN QUERY SELECT current_row.id, current_row.handover_state, current_row.handover_version, current_row.operator_name,
                        current_row.handover_changed_at, current_row.waiting_since, current_row.handover_state, false;
    RETURN;
  END IF;
  UPDATE conversations
  SET handover_state = p_to,
      handover_version = current_row.handover_version + 1,
      handover_changed_at = clock_timestamp(),
      handover_reason = coalesce(p_reason, CASE p_to WHEN 'waiting_human' THEN 'escalated' WHEN 'human' THEN 'joined'
                                                     WHEN 'closed' THEN 'closed' ELSE 'handed_back' END),
      updated_at = now(),
      waiting_since = CASE p_to WHEN 'waiting_human' THEN clock_timestamp() WHEN 'human' THEN current_row.waiting_since ELSE NULL END,
      operator_name = CASE p_to WHEN 'human' THEN p_operator_name WHEN 'closed' THEN coalesce(p_operator_name, current_row.operator_name) ELSE NULL END
  WHERE id = p_conversation_id;
  IF p_to = 'human' THEN
    INSERT INTO conversation_takeovers (conversation_id, taken_at)
    SELECT c.id, c.handover_changed_at FROM conversations c WHERE c.id = p_conversation_id;
  END IF;
  IF p_to = 'closed' OR (p_to = 'ai' AND current_row.handover_state IN ('waiting_human', 'human')) THEN
    UPDATE escalations SET status = 'closed', closed_at = now(), updated_at = now()
    WHERE escalations.conversation_id = p_conversation_id AND escalations.status <> 'closed';
  END IF;
  RETURN QUERY SELECT c.id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
                      current_row.handover_state, true
               FROM conversations c WHERE c.id = p_conversation_id;
END
$function$;

CREATE FUNCTION handover_hold_visitor_message(
  p_conversation_id text,
  p_user_id text,
  p_job_id text,
  p_content text,
  p_sent_at timestamptz
)
RETURNS TABLE (held boolean, state text, version integer, message_id uuid, created_at timestamptz, created boolean, reopened boolean)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
  existing messages%ROWTYPE;
  stored messages%ROWTYPE;
BEGIN
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, 'ai'::text, 0, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  -- Already answered (a re-run after a crash): the agents' pipeline returns the stored reply.
  IF EXISTS (SELECT 1 FROM messages m WHERE m.job_id = p_job_id AND m.role = 'assistant') THEN
    RETURN QUERY SELECT false, current_row.handover_state, current_row.handover_version, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  SELECT * INTO existing FROM messages m WHERE m.job_id = p_job_id AND m.role = 'user';
  IF FOUND THEN
    RETURN QUERY SELECT true, current_row.handover_state, current_row.handover_version, existing.id, existing.created_at, false, false;
    RETURN;
  END IF;
  IF current_row.handover_state = 'closed' THEN
    UPDATE conversations
    SET handover_state = 'ai', handover_version = current_row.handover_version + 1, handover_changed_at = clock_timestamp(),
        handover_reason = 'reopened', operator_name = NULL, waiting_since = NULL, updated_at = now()
    WHERE id = p_conversation_id;
    RETURN QUERY SELECT false, 'ai'::text, current_row.handover_version + 1, NULL::uuid, NULL::timestamptz, false, true;
    RETURN;
  END IF;
  IF current_row.handover_state NOT IN ('waiting_human', 'human') THEN
    RETURN QUERY SELECT false, current_row.handover_state, current_row.handover_version, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  INSERT INTO users (id) VALUES (p_user_id) ON CONFLICT (id) DO NOTHING;
  INSERT INTO messages (conversation_id, role, content, job_id, created_at)
  VALUES (p_conversation_id, 'user', p_content, p_job_id, p_sent_at)
  RETURNING * INTO stored;
  UPDATE conversations SET last_message_at = greatest(last_message_at, p_sent_at), updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT true, current_row.handover_state, current_row.handover_version, stored.id, stored.created_at, true, false;
END
$function$;

CREATE FUNCTION handover_conversations(p_states text[], p_limit integer DEFAULT 100, p_conversation_id text DEFAULT NULL)
RETURNS TABLE (conversation_id text, user_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, last_message_at timestamptz, created_at timestamptz, escalation_id uuid,
               escalation_category text, escalation_status text, last_message text, last_message_role text, state_reason text)
LANGUAGE sql STABLE
AS $function$
  SELECT c.id, c.user_id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
         c.last_message_at, c.created_at, e.id, e.category, e.status, m.content, m.role, c.handover_reason
  FROM conversations c
  LEFT JOIN LATERAL (
    SELECT id, category, status FROM escalations WHERE escalations.conversation_id = c.id
    ORDER BY created_at DESC, write_order DESC LIMIT 1
  ) e ON true
  LEFT JOIN LATERAL (
    SELECT content, role FROM messages WHERE messages.conversation_id = c.id
    ORDER BY created_at DESC, write_order DESC LIMIT 1
  ) m ON true
  WHERE (p_conversation_id IS NULL OR c.id = p_conversation_id)
    AND (p_states IS NULL OR c.handover_state = ANY (p_states))
  ORDER BY (c.handover_state = 'waiting_human') DESC, c.waiting_since ASC NULLS LAST, c.handover_changed_at DESC NULLS LAST, c.id
  LIMIT greatest(1, least(coalesce(p_limit, 100), 500));
$function$;
