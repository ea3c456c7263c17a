-- 0009_conversation_handover: a person takes over a conversation.
--
-- conversations.handover_state: 'ai' (the agents answer, default) -> 'waiting_human' (escalated)
-- -> 'human' (an operator joined) -> back to 'ai' (handed back) or 'closed'. v1's `status` column is
-- left alone (v1 writes 'active' / 'upsell_opportunity' there). handover_version counts transitions:
-- a delayed job (the "nobody joined yet" notice) acts only if the version it saw is still current.
--
-- Human replies are `messages` rows like the agents' (role 'assistant', agent 'escalate', the
-- person's side of the existing check), with author 'human' and the operator's display name: the
-- seed's analytics (messages per agent, average response time per agent, agent_analytics) count
-- them under 'escalate' with no change. author 'system' marks the fixed notices of the hand-over.
--
-- Every state change and human write goes through one of the functions below, so the pg and the
-- Supabase REST (rpc) stores share one atomic implementation. Idempotent.

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_state text NOT NULL DEFAULT 'ai';
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_version integer NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_changed_at timestamptz;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS waiting_since timestamptz;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS operator_name text;

ALTER TABLE messages ADD COLUMN IF NOT EXISTS author text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS operator_name text;

DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'conversations'::regclass AND conname = 'conversations_handover_state_check') THEN
    ALTER TABLE conversations ADD CONSTRAINT conversations_handover_state_check
      CHECK (handover_state IN ('ai', 'waiting_human', 'human', 'closed'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'messages'::regclass AND conname = 'messages_author_check') THEN
    ALTER TABLE messages ADD CONSTRAINT messages_author_check CHECK (author IN ('human', 'system'));
  END IF;
END
$migration$;

CREATE INDEX IF NOT EXISTS conversations_handover_state_idx
  ON conversations (handover_state, waiting_since) WHERE handover_state <> 'ai';

-- Drop every overload first: CREATE OR REPLACE cannot change a result type.
-- @drop-function-overloads: handover_transition, handover_operator_message, handover_hold_visitor_message, handover_system_notice, handover_conversations

-- Moves conversation p_conversation_id to p_to when its state is one of p_from. With p_user_id the
-- conversation (and its user) is created first when missing (an escalation of a first message).
-- Closing also closes the conversation's escalation cases. Returns the conversation after the call
-- with `transitioned` (false: the state was not in p_from, nothing changed); no row: no such
-- conversation.
CREATE FUNCTION handover_transition(
  p_conversation_id text,
  p_from text[],
  p_to text,
  p_operator_name text DEFAULT NULL,
  p_user_id text DEFAULT NULL
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
      updated_at = now(),
      waiting_since = CASE p_to WHEN 'waiting_human' THEN clock_timestamp() WHEN 'human' THEN current_row.waiting_since ELSE NULL END,
      operator_name = CASE p_to WHEN 'human' THEN p_operator_name WHEN 'closed' THEN coalesce(p_operator_name, current_row.operator_name) ELSE NULL END
  WHERE id = p_conversation_id;
  IF p_to = 'closed' THEN
    UPDATE escalations SET status = 'closed', closed_at = now(), updated_at = now()
    WHERE escalations.conversation_id = p_conversation_id AND escalations.status <> 'closed';
  END IF;
  RETURN QUERY SELECT c.id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
                      current_row.handover_state, true
               FROM conversations c WHERE c.id = p_conversation_id;
END
$function$;

-- An operator's reply, stored only while the conversation is 'human' (the row lock orders it
-- against a concurrent hand-back or close), signed p_operator_name, else the name of the person who
-- joined, else p_fallback_name. Returns the state, and the message when stored (message_id null:
-- refused, the state says why); no row: no such conversation.
CREATE FUNCTION handover_operator_message(p_conversation_id text, p_operator_name text, p_content text, p_fallback_name text DEFAULT NULL)
RETURNS TABLE (state text, message_id uuid, created_at timestamptz, operator_name text)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
  stored messages%ROWTYPE;
BEGIN
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF current_row.handover_state <> 'human' THEN
    RETURN QUERY SELECT current_row.handover_state, NULL::uuid, NULL::timestamptz, NULL::text;
    RETURN;
  END IF;
  INSERT INTO messages (conversation_id, role, content, agent, escalated, author, operator_name, routing_method, model, created_at)
  VALUES (p_conversation_id, 'assistant', p_content, 'escalate', true, 'human',
          coalesce(p_operator_name, current_row.operator_name, p_fallback_name, 'Équipe'), 'human', 'human', clock_timestamp())
  RETURNING * INTO stored;
  UPDATE conversations SET last_message_at = stored.created_at, updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT current_row.handover_state, stored.id, stored.created_at, stored.operator_name;
END
$function$;

-- A visitor's message of chat job p_job_id, stored without any answer when a person holds the
-- conversation ('waiting_human' or 'human'), or when this job was already stored that way (a
-- re-run). A 'closed' conversation is reopened to 'ai' (reopened = true) and the agents answer.
-- Returns held = false when the agents must answer (also when the job was already answered by
-- them: a re-run returns the stored reply).
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
        operator_name = NULL, waiting_since = NULL, updated_at = now()
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

-- A fixed notice of the hand-over (author 'system', agent 'escalate'), stored once per p_key and
-- only while the conversation is still in p_state at version p_version. Returns the message when
-- stored now; no row otherwise.
CREATE FUNCTION handover_system_notice(p_conversation_id text, p_state text, p_version integer, p_key text, p_content text)
RETURNS TABLE (message_id uuid, created_at timestamptz)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  stored messages%ROWTYPE;
BEGIN
  PERFORM 1 FROM conversations
  WHERE id = p_conversation_id AND handover_state = p_state AND handover_version = p_version
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO messages (conversation_id, role, content, agent, escalated, author, job_id, routing_method, model, created_at)
  VALUES (p_conversation_id, 'assistant', p_content, 'escalate', true, 'system', p_key, 'human', 'handover-notice', clock_timestamp())
  ON CONFLICT (job_id, role) WHERE job_id IS NOT NULL DO NOTHING
  RETURNING * INTO stored;
  IF stored.id IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT stored.id, stored.created_at;
END
$function$;

-- Conversations for the operators' inbox: those in one of p_states (or the one p_conversation_id),
-- waiting ones first (longest wait first), then the most recently changed; with the category of the
-- latest escalation case and the last message.
CREATE FUNCTION handover_conversations(p_states text[], p_limit integer DEFAULT 100, p_conversation_id text DEFAULT NULL)
RETURNS TABLE (conversation_id text, user_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, last_message_at timestamptz, created_at timestamptz, escalation_id uuid,
               escalation_category text, escalation_status text, last_message text, last_message_role text)
LANGUAGE sql STABLE
AS $function$
  SELECT c.id, c.user_id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
         c.last_message_at, c.created_at, e.id, e.category, e.status, m.content, m.role
  FROM conversations c
  LEFT JOIN LATERAL (
    SELECT id, category, status FROM escalations WHERE escalations.conversation_id = c.id ORDER BY created_at DESC LIMIT 1
  ) e ON true
  LEFT JOIN LATERAL (
    SELECT content, role FROM messages WHERE messages.conversation_id = c.id ORDER BY created_at DESC LIMIT 1
  ) m ON true
  WHERE (p_conversation_id IS NULL OR c.id = p_conversation_id)
    AND (p_states IS NULL OR c.handover_state = ANY (p_states))
  ORDER BY (c.handover_state = 'waiting_human') DESC, c.waiting_since ASC NULLS LAST, c.handover_changed_at DESC NULLS LAST, c.id
  LIMIT greatest(1, least(coalesce(p_limit, 100), 500));
$function$;
