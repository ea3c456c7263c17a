-- 0019_owner_stats_local_days: the owner's dashboard counts the agency's days, not UTC days.
--
-- The agency is in France: a message at 00:30 Paris time (22:30 or 23:30 UTC the day before) was
-- counted on the previous day. Every per-day grouping of the stats functions (0011, 0013, 0018)
-- now takes the day in a time zone given by the caller (DASHBOARD_TIME_ZONE, an IANA name):
-- `(created_at AT TIME ZONE time_zone)::date`. The daily counters (provider costs, failed jobs,
-- 5xx) are stored per day of that same zone by the API, so admin_stats reads the days of the range
-- in that zone too.
-- admin_stats(range_start, range_end) stays, for a caller that does not pass a zone (an API of before
-- 0019 still running during a deploy): UTC days, as it expects. No DEFAULT on time_zone: the earlier
-- files, run again by hand, re-create their two-argument functions beside these without ambiguity,
-- and this file then drops them again. The day counters stored before this change are UTC days (a
-- shift of one or two hours at most on those days).
-- Same columns as before. Idempotent: every overload of these functions is dropped, then created.
-- @drop-function-overloads: admin_stats, admin_stats_answers, admin_stats_visitor_messages, admin_stats_escalation_cases, admin_stats_operator_replies, admin_stats_takeovers

-- Answers (assistant rows the agents wrote) in [range_start, range_end): per (day, agent), per day,
-- per agent and in all (per_day / per_agent say which). As 0013, days of time_zone.
CREATE FUNCTION admin_stats_answers(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS TABLE (
  day date, agent text, per_day boolean, per_agent boolean, answers bigint, escalated bigint,
  answer_time_samples bigint, answer_time_p50_ms double precision, answer_time_p95_ms double precision
)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE time_zone)::date AS day,
         coalesce(message.agent, 'unknown') AS agent,
         grouping((message.created_at AT TIME ZONE time_zone)::date) = 0 AS per_day,
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
    ((message.created_at AT TIME ZONE time_zone)::date, coalesce(message.agent, 'unknown')),
    ((message.created_at AT TIME ZONE time_zone)::date),
    (coalesce(message.agent, 'unknown')),
    ()
  )
$function$;

-- Visitor messages (user rows) and distinct conversations that wrote in [range_start, range_end),
-- per day of time_zone and in all.
CREATE FUNCTION admin_stats_visitor_messages(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS TABLE (day date, per_day boolean, visitor_messages bigint, conversations bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE time_zone)::date AS day,
         grouping((message.created_at AT TIME ZONE time_zone)::date) = 0 AS per_day,
         count(*) AS visitor_messages,
         count(DISTINCT message.conversation_id) AS conversations
  FROM messages message
  WHERE message.role = 'user' AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (((message.created_at AT TIME ZONE time_zone)::date), ())
$function$;

-- Escalation cases opened in [range_start, range_end), per day of time_zone and in all.
CREATE FUNCTION admin_stats_escalation_cases(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS TABLE (day date, per_day boolean, cases bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (escalation.created_at AT TIME ZONE time_zone)::date AS day,
         grouping((escalation.created_at AT TIME ZONE time_zone)::date) = 0 AS per_day,
         count(*) AS cases
  FROM escalations escalation
  WHERE escalation.created_at >= range_start AND escalation.created_at < range_end
  GROUP BY GROUPING SETS (((escalation.created_at AT TIME ZONE time_zone)::date), ())
$function$;

-- The operators' replies (author 'human') in [range_start, range_end), per day of time_zone and in all.
CREATE FUNCTION admin_stats_operator_replies(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS TABLE (day date, per_day boolean, replies bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE time_zone)::date AS day,
         grouping((message.created_at AT TIME ZONE time_zone)::date) = 0 AS per_day,
         count(*) AS replies
  FROM messages message
  WHERE message.role = 'assistant' AND message.author = 'human'
    AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (((message.created_at AT TIME ZONE time_zone)::date), ())
$function$;

-- Distinct conversations a person took over in [range_start, range_end), per day of time_zone and in all.
CREATE FUNCTION admin_stats_takeovers(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS TABLE (day date, per_day boolean, conversations bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (takeover.taken_at AT TIME ZONE time_zone)::date AS day,
         grouping((takeover.taken_at AT TIME ZONE time_zone)::date) = 0 AS per_day,
         count(DISTINCT takeover.conversation_id) AS conversations
  FROM conversation_takeovers takeover
  WHERE takeover.taken_at >= range_start AND takeover.taken_at < range_end
  GROUP BY GROUPING SETS (((takeover.taken_at AT TIME ZONE time_zone)::date), ())
$function$;

-- 0018's document; the daily counters cover the days of time_zone the range touches.
CREATE FUNCTION admin_stats(range_start timestamptz, range_end timestamptz, time_zone text)
RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  SELECT jsonb_build_object(
    'answers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_answers(range_start, range_end, time_zone) row_data),
    'visitor_messages', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_visitor_messages(range_start, range_end, time_zone) row_data),
    'escalation_cases', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_escalation_cases(range_start, range_end, time_zone) row_data),
    'operator_replies', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_operator_replies(range_start, range_end, time_zone) row_data),
    'takeovers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_takeovers(range_start, range_end, time_zone) row_data),
    'provider_costs', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                       FROM admin_stats_provider_costs((range_start AT TIME ZONE time_zone)::date, (range_end AT TIME ZONE time_zone)::date) row_data),
    'operation_counts', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                         FROM admin_stats_operation_counts((range_start AT TIME ZONE time_zone)::date, (range_end AT TIME ZONE time_zone)::date) row_data)
  )
$function$;

-- The document of before 0019 (UTC days), for callers that pass no zone.
CREATE FUNCTION admin_stats(range_start timestamptz, range_end timestamptz)
RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  SELECT admin_stats(range_start, range_end, 'UTC')
$function$;
