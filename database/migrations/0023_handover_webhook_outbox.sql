-- 0023_handover_webhook_outbox: a hand-over's webhook event is stored with the change it tells.
--
-- The desk queued the event (`handover` queue) after the change was committed, and only logged a
-- warning when Redis refused the add: the operator's webhook never heard of that change.
-- handover_transition (0022) now writes the event of an escalation, a hand-back or a withdrawal,
-- and handover_hold_visitor_message (0022) the event of a message held for a person, into
-- handover_webhook_outbox in the same call (one transaction). The desk marks it queued once its add
-- lands; each worker's sweep queues the rows still unmarked after a few seconds under the same job id
-- (so an event is queued once while its job is kept) and forgets rows older than a day.
-- event_key is the key the desk derives the event id from (`<conversation>|<version>|waiting`,
-- `…|handback`, `…|cancel`, `visitor|<chat job id>`). The message itself is not copied: it is read
-- from `messages` when the sweep queues it; an erased conversation takes its rows with it.
-- Idempotent: the table and index are created once; every overload of the functions is dropped,
-- then re-created. Otherwise the functions are 0022's.
-- @drop-function-overloads: handover_transition, handover_hold_visitor_message, handover_webhook_outbox_pending, handover_webhook_outbox_mark_queued, handover_webhook_outbox_prune

CREATE TABLE IF NOT EXISTS handover_webhook_outbox (
  event_key text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  event_type text NOT NULL CHECK (event_type IN ('conversation.waiting_human', 'conversation.visitor_message',
                                                 'conversation.handed_back', 'conversation.handover_cancelled')),
  state text NOT NULL,
  version integer NOT NULL,
  operator_name text,
  waiting_since timestamptz,
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  queued_at timestamptz,
  write_order bigint GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX IF NOT EXISTS handover_webhook_outbox_unqueued_idx ON handover_webhook_outbox (write_order) WHERE queued_at IS NULL;
CREATE INDEX IF NOT EXISTS handover_webhook_outbox_occurred_idx ON handover_webhook_outbox (occurred_at);

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
  -- The webhook event of this change, in the same transaction (delivered by the desk or the sweep).
  INSERT INTO handover_webhook_outbox (event_key, conversation_id, event_type, state, version, operator_name, waiting_since)
  SELECT c.id || '|' || c.handover_version || '|' || CASE c.handover_reason WHEN 'escalated' THEN 'waiting' WHEN 'handed_back' THEN 'handback' ELSE 'cancel' END,
         c.id,
         CASE c.handover_reason WHEN 'escalated' THEN 'conversation.waiting_human' WHEN 'handed_back' THEN 'conversation.handed_back'
                                ELSE 'conversation.handover_cancelled' END,
         c.handover_state, c.handover_version, c.operator_name, c.waiting_since
  FROM conversations c
  WHERE c.id = p_conversation_id AND c.handover_reason IN ('escalated', 'handed_back', 'cancelled')
  ON CONFLICT (event_key) DO NOTHING;
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
  INSERT INTO handover_webhook_outbox (event_key, conversation_id, event_type, state, version, message_id)
  VALUES ('visitor|' || p_job_id, p_conversation_id, 'conversation.visitor_message', current_row.handover_state, current_row.handover_version, stored.id)
  ON CONFLICT (event_key) DO NOTHING;
  UPDATE conversations SET last_message_at = greatest(last_message_at, p_sent_at), updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT true, current_row.handover_state, current_row.handover_version, stored.id, stored.created_at, true, false;
END
$function$;

-- The events not known queued, stored at least p_settled_seconds ago (the desk's own add had its
-- chance) and at most p_keep_seconds ago, oldest first, with their message when they have one.
CREATE FUNCTION handover_webhook_outbox_pending(p_settled_seconds integer, p_keep_seconds integer, p_limit integer DEFAULT 100)
RETURNS TABLE (event_key text, conversation_id text, event_type text, state text, version integer, operator_name text,
               waiting_since timestamptz, occurred_at timestamptz, message_id uuid, message_content text,
               message_created_at timestamptz, message_job_id text)
LANGUAGE sql
AS $function$
  SELECT o.event_key, o.conversation_id, o.event_type, o.state, o.version, o.operator_name, o.waiting_since, o.occurred_at,
         m.id, m.content, m.created_at, m.job_id
  FROM handover_webhook_outbox o
  LEFT JOIN messages m ON m.id = o.message_id
  WHERE o.queued_at IS NULL
    AND o.occurred_at <= clock_timestamp() - make_interval(secs => p_settled_seconds)
    AND o.occurred_at > clock_timestamp() - make_interval(secs => p_keep_seconds)
  ORDER BY o.write_order
  LIMIT p_limit
$function$;

-- The events now in the queue; returns how many were marked.
CREATE FUNCTION handover_webhook_outbox_mark_queued(p_event_keys text[])
RETURNS TABLE (marked integer)
LANGUAGE sql
AS $function$
  WITH marked AS (
    UPDATE handover_webhook_outbox SET queued_at = clock_timestamp()
    WHERE event_key = ANY (p_event_keys) AND queued_at IS NULL
    RETURNING 1
  )
  SELECT count(*)::integer FROM marked
$function$;

-- Forgets the events stored more than p_keep_seconds ago, queued or not; returns how many.
CREATE FUNCTION handover_webhook_outbox_prune(p_keep_seconds integer)
RETURNS TABLE (pruned integer)
LANGUAGE sql
AS $function$
  WITH pruned AS (
    DELETE FROM handover_webhook_outbox WHERE occurred_at <= clock_timestamp() - make_interval(secs => p_keep_seconds)
    RETURNING 1
  )
  SELECT count(*)::integer FROM pruned
$function$;
