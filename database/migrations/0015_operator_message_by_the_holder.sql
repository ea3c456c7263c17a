-- 0015_operator_message_by_the_holder: handover_operator_message (0009) stores an operator's
-- message only when the conversation is held ('human') and, when the message is signed
-- (p_operator_name), held by that operator (names compared without case or surrounding spaces).
-- A second operator whose join was refused could still write to the visitor under their own name
-- while the visitor was told another person had the conversation. Refused that way, it returns the
-- state and, in operator_name, the name of the operator who holds it (message_id null). Same
-- parameters and columns; an unsigned message is signed with the holder's name, as before.
-- Idempotent: every overload of the name is dropped, then re-created.
-- @drop-function-overloads: handover_operator_message

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
  IF p_operator_name IS NOT NULL AND current_row.operator_name IS NOT NULL
     AND lower(btrim(p_operator_name)) <> lower(btrim(current_row.operator_name)) THEN
    RETURN QUERY SELECT current_row.handover_state, NULL::uuid, NULL::timestamptz, current_row.operator_name;
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
