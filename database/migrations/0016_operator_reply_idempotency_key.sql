-- 0016_operator_reply_idempotency_key: handover_operator_message (0015) with an optional
-- p_client_key, the Idempotency-Key the inbox sends with a reply. A reply whose answer was lost (a
-- 503 after the commit landed, a page whose refresh failed after the send) was stored again by its
-- retry: the visitor read it twice. With a key, the reply is stored once, in messages.job_id as
-- 'operator-reply:<key>' (the unique index on (job_id, role) holds it under concurrent retries), and
-- a retry gets the stored message back whatever the state is now (message_id set, created false).
-- Without a key, as in 0015. Returns two more columns: created, and the stored content.
-- Idempotent: every overload of the name is dropped, then re-created.
-- @drop-function-overloads: handover_operator_message

CREATE FUNCTION handover_operator_message(p_conversation_id text, p_operator_name text, p_content text, p_fallback_name text DEFAULT NULL, p_client_key text DEFAULT NULL)
RETURNS TABLE (state text, message_id uuid, created_at timestamptz, operator_name text, created boolean, content text)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
  stored messages%ROWTYPE;
  reply_key text := CASE WHEN p_client_key IS NULL THEN NULL ELSE 'operator-reply:' || p_client_key END;
BEGIN
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF reply_key IS NOT NULL THEN
    SELECT * INTO stored FROM messages WHERE job_id = reply_key AND role = 'assistant' AND conversation_id = p_conversation_id;
    IF FOUND THEN
      RETURN QUERY SELECT current_row.handover_state, stored.id, stored.created_at, stored.operator_name, false, stored.content;
      RETURN;
    END IF;
  END IF;
  IF current_row.handover_state <> 'human' THEN
    RETURN QUERY SELECT current_row.handover_state, NULL::uuid, NULL::timestamptz, NULL::text, false, NULL::text;
    RETURN;
  END IF;
  IF p_operator_name IS NOT NULL AND current_row.operator_name IS NOT NULL
     AND lower(btrim(p_operator_name)) <> lower(btrim(current_row.operator_name)) THEN
    RETURN QUERY SELECT current_row.handover_state, NULL::uuid, NULL::timestamptz, current_row.operator_name, false, NULL::text;
    RETURN;
  END IF;
  INSERT INTO messages (conversation_id, role, content, agent, escalated, author, operator_name, routing_method, model, created_at, job_id)
  VALUES (p_conversation_id, 'assistant', p_content, 'escalate', true, 'human',
          coalesce(p_operator_name, current_row.operator_name, p_fallback_name, 'Équipe'), 'human', 'human', clock_timestamp(), reply_key)
  RETURNING * INTO stored;
  UPDATE conversations SET last_message_at = stored.created_at, updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT current_row.handover_state, stored.id, stored.created_at, stored.operator_name, true, stored.content;
END
$function$;
