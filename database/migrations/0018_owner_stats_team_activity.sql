-- 0018_owner_stats_team_activity: the owner's dashboard shows what the team did, beside the agents.
--
-- - conversation_takeovers: one row each time a person takes a conversation over (handover_transition
--   to 'human', from 'waiting_human' or 'ai'). Nothing kept that history before: conversations hold
--   only their current state, and the conversation event streams live in Redis for 7 days. Take-overs
--   before this migration are not counted. Erasing a conversation erases its rows (ON DELETE CASCADE).
-- - handover_transition (0017) records the take-over in the same transaction. Same parameters and
--   columns.
-- - admin_stats_operator_replies: the operators' replies (author 'human', 0009), which 0013 left out
--   of the answers; admin_stats_takeovers: the distinct conversations taken over. Both per UTC day
--   and in all, in admin_stats's document under 'operator_replies' and 'takeovers'.
-- Idempotent (IF NOT EXISTS, CREATE OR REPLACE; every overload of handover_transition is dropped,
-- then re-created).
-- @drop-function-overloads: handover_transition

CREATE TABLE IF NOT EXISTS conversation_takeovers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  taken_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS conversation_takeovers_taken_at_idx ON conversation_takeovers (taken_at) INCLUDE (conversation_id);
CREATE INDEX IF NOT EXISTS conversation_takeovers_conversation_idx ON conversation_takeovers (conversation_id);

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

-- Operators' replies (assistant rows of author 'human', written from the inbox) in
-- [range_start, range_end), per day and in all (per_day says which). An index range scan of
-- messages_role_created_at_author_idx (0013), which includes author.
CREATE OR REPLACE FUNCTION admin_stats_operator_replies(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, replies bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE 'UTC')::date AS day,
         grouping((message.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(*) AS replies
  FROM messages message
  WHERE message.role = 'assistant' AND message.author = 'human'
    AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (((message.created_at AT TIME ZONE 'UTC')::date), ())
$function$;

-- Distinct conversations a person took over in [range_start, range_end), per day and in all.
CREATE OR REPLACE FUNCTION admin_stats_takeovers(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, conversations bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (takeover.taken_at AT TIME ZONE 'UTC')::date AS day,
         grouping((takeover.taken_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(DISTINCT takeover.conversation_id) AS conversations
  FROM conversation_takeovers takeover
  WHERE takeover.taken_at >= range_start AND takeover.taken_at < range_end
  GROUP BY GROUPING SETS (((takeover.taken_at AT TIME ZONE 'UTC')::date), ())
$function$;

-- 0011's document with the two figures above added.
CREATE OR REPLACE FUNCTION admin_stats(range_start timestamptz, range_end timestamptz)
RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  SELECT jsonb_build_object(
    'answers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_answers(range_start, range_end) row_data),
    'visitor_messages', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_visitor_messages(range_start, range_end) row_data),
    'escalation_cases', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_escalation_cases(range_start, range_end) row_data),
    'operator_replies', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_operator_replies(range_start, range_end) row_data),
    'takeovers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_takeovers(range_start, range_end) row_data),
    'provider_costs', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                       FROM admin_stats_provider_costs((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data),
    'operation_counts', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                         FROM admin_stats_operation_counts((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data)
  )
$function$;
