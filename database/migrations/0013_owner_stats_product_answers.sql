-- 0013_owner_stats_product_answers: the owner's dashboard counts the product's own answers only.
--
-- Since 0009 the messages table also holds what people of the team write in a conversation
-- (author 'human': an operator's reply) and the fixed notices of the hand-over (author 'system'),
-- both as assistant rows under agent 'escalate'. Counted as answers, they inflated "Réponses" and
-- the escalation figures, and made the per-agent tiles not add up. Answers are now the rows the
-- agents wrote (author IS NULL), as before the hand-over existed.
-- The covering index gains `author`, so a range stays an index-only scan once vacuumed.
-- Idempotent (IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE).

CREATE INDEX IF NOT EXISTS messages_role_created_at_author_idx
  ON messages (role, created_at) INCLUDE (agent, escalated, latency_ms, conversation_id, author);
DROP INDEX IF EXISTS messages_role_created_at_idx;

CREATE OR REPLACE FUNCTION admin_stats_answers(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (
  day date, agent text, per_day boolean, per_agent boolean, answers bigint, escalated bigint,
  answer_time_samples bigint, answer_time_p50_ms double precision, answer_time_p95_ms double precision
)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE 'UTC')::date AS day,
         coalesce(message.agent, 'unknown') AS agent,
         grouping((message.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         grouping(coalesce(message.agent, 'unknown')) = 0 AS per_agent,
         count(*) AS answers,
         count(*) FILTER (WHERE message.escalated OR message.agent = 'escalate') AS escalated,
         count(message.latency_ms) AS answer_time_samples,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY message.latency_ms) AS answer_time_p50_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY message.latency_ms) AS answer_time_p95_ms
  FROM messages message
  WHERE message.role = 'assistant' AND message.author IS NULL
    AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (
    ((message.created_at AT TIME ZONE 'UTC')::date, coalesce(message.agent, 'unknown')),
    ((message.created_at AT TIME ZONE 'UTC')::date),
    (coalesce(message.agent, 'unknown')),
    ()
  )
$function$;
