-- 0017_handback_closes_escalation_cases: handover_transition (0009) closes the conversation's
-- escalation cases on a hand-back too (waiting_human or human -> ai), as it did on a close. After a
-- hand-back the team has dealt with the conversation, yet its case stayed `open`: GET
-- /admin/escalations kept listing it, and an undelivered case webhook was still retried. Same
-- parameters and columns.
-- Idempotent: every overload of the name is dropped, then re-created.
-- @drop-function-overloads: handover_transition

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
  IF p_to = 'closed' OR (p_to = 'ai' AND current_row.handover_state IN ('waiting_human', 'human')) THEN
    UPDATE escalations SET status = 'closed', closed_at = now(), updated_at = now()
    WHERE escalations.conversation_id = p_conversation_id AND escalations.status <> 'closed';
  END IF;
  RETURN QUERY SELECT c.id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
                      current_row.handover_state, true
               FROM conversations c WHERE c.id = p_conversation_id;
END
$function$;
