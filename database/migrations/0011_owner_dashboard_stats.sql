-- 0011_owner_dashboard_stats: what the owner's dashboard (GET /admin/stats) reads, in SQL shared by
-- the Postgres and the Supabase (RPC) modes.
--
-- - Indexes for range scans of a year of messages: answers and visitor messages by time (covering
--   the columns the stats read, so a range is an index-only scan once vacuumed), escalation cases by time.
-- - Two small tables, one row per UTC day, for the counters Redis only keeps for 8 days: provider
--   cost and calls per day (the daily budget's spend hash) and failed jobs and HTTP 5xx per day.
--   The API copies Redis into them (admin_record_daily_counters); values only grow (greatest), so a
--   copy after Redis trimmed old failed jobs never lowers a day.
-- - One set-returning SQL function per stats query (inlined by the planner, so EXPLAIN SELECT * FROM
--   admin_stats_answers(...) shows the index used), and admin_stats(range_start, range_end), one jsonb
--   document of them all: one round trip, called by RPC on Supabase.
-- Days are UTC dates. Idempotent (IF NOT EXISTS, CREATE OR REPLACE).

CREATE INDEX IF NOT EXISTS messages_role_created_at_idx
  ON messages (role, created_at) INCLUDE (agent, escalated, latency_ms, conversation_id);
CREATE INDEX IF NOT EXISTS escalations_created_at_idx ON escalations (created_at);

CREATE TABLE IF NOT EXISTS provider_daily_costs (
  day date NOT NULL,
  provider text NOT NULL,
  cost_usd numeric(18, 9) NOT NULL DEFAULT 0,
  calls integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, provider)
);

CREATE TABLE IF NOT EXISTS operation_daily_counts (
  day date PRIMARY KEY,
  failed_jobs integer NOT NULL DEFAULT 0,
  http_5xx integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Answers (assistant rows) in [range_start, range_end): per (day, agent), per day, per agent and in
-- all (per_day / per_agent say which grouping a row is). Answer time is latency_ms: from the
-- visitor's message reaching the API to the stored answer; rows without it (v1) are not sampled.
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
  WHERE message.role = 'assistant' AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (
    ((message.created_at AT TIME ZONE 'UTC')::date, coalesce(message.agent, 'unknown')),
    ((message.created_at AT TIME ZONE 'UTC')::date),
    (coalesce(message.agent, 'unknown')),
    ()
  )
$function$;

-- Visitor messages (user rows) and distinct conversations that wrote in [range_start, range_end),
-- per day and in all (per_day says which).
CREATE OR REPLACE FUNCTION admin_stats_visitor_messages(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, visitor_messages bigint, conversations bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE 'UTC')::date AS day,
         grouping((message.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(*) AS visitor_messages,
         count(DISTINCT message.conversation_id) AS conversations
  FROM messages message
  WHERE message.role = 'user' AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (((message.created_at AT TIME ZONE 'UTC')::date), ())
$function$;

-- Escalation cases opened (handed over to a person) in [range_start, range_end), per day and in all.
CREATE OR REPLACE FUNCTION admin_stats_escalation_cases(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, cases bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (escalation.created_at AT TIME ZONE 'UTC')::date AS day,
         grouping((escalation.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(*) AS cases
  FROM escalations escalation
  WHERE escalation.created_at >= range_start AND escalation.created_at < range_end
  GROUP BY GROUPING SETS (((escalation.created_at AT TIME ZONE 'UTC')::date), ())
$function$;

CREATE OR REPLACE FUNCTION admin_stats_provider_costs(first_day date, last_day date)
RETURNS TABLE (day date, provider text, cost_usd numeric, calls integer)
LANGUAGE sql STABLE
AS $function$
  SELECT cost.day, cost.provider, cost.cost_usd, cost.calls
  FROM provider_daily_costs cost
  WHERE cost.day >= first_day AND cost.day <= last_day
$function$;

CREATE OR REPLACE FUNCTION admin_stats_operation_counts(first_day date, last_day date)
RETURNS TABLE (day date, failed_jobs integer, http_5xx integer)
LANGUAGE sql STABLE
AS $function$
  SELECT counts.day, counts.failed_jobs, counts.http_5xx
  FROM operation_daily_counts counts
  WHERE counts.day >= first_day AND counts.day <= last_day
$function$;

-- Every stats query in one jsonb document: {answers, visitor_messages, escalation_cases,
-- provider_costs, operation_counts}, each an array of the rows of its function above. The daily
-- counters cover the UTC days the range touches.
CREATE OR REPLACE FUNCTION admin_stats(range_start timestamptz, range_end timestamptz)
RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  SELECT jsonb_build_object(
    'answers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_answers(range_start, range_end) row_data),
    'visitor_messages', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_visitor_messages(range_start, range_end) row_data),
    'escalation_cases', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_escalation_cases(range_start, range_end) row_data),
    'provider_costs', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                       FROM admin_stats_provider_costs((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data),
    'operation_counts', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                         FROM admin_stats_operation_counts((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data)
  )
$function$;

-- Records the Redis day counters: provider_costs is a JSON array of {day, provider, cost_usd, calls},
-- operation_counts of {day, failed_jobs, http_5xx}. A stored value is only ever raised.
CREATE OR REPLACE FUNCTION admin_record_daily_counters(provider_costs jsonb, operation_counts jsonb)
RETURNS void
LANGUAGE sql VOLATILE
AS $function$
  INSERT INTO provider_daily_costs AS stored (day, provider, cost_usd, calls, updated_at)
  SELECT item.day, item.provider, item.cost_usd, item.calls, now()
  FROM jsonb_to_recordset(coalesce(provider_costs, '[]'::jsonb)) AS item(day date, provider text, cost_usd numeric, calls integer)
  WHERE item.day IS NOT NULL AND item.provider IS NOT NULL
  ON CONFLICT (day, provider) DO UPDATE
    SET cost_usd = greatest(stored.cost_usd, EXCLUDED.cost_usd),
        calls = greatest(stored.calls, EXCLUDED.calls),
        updated_at = now();
  INSERT INTO operation_daily_counts AS stored (day, failed_jobs, http_5xx, updated_at)
  SELECT item.day, coalesce(item.failed_jobs, 0), coalesce(item.http_5xx, 0), now()
  FROM jsonb_to_recordset(coalesce(operation_counts, '[]'::jsonb)) AS item(day date, failed_jobs integer, http_5xx integer)
  WHERE item.day IS NOT NULL
  ON CONFLICT (day) DO UPDATE
    SET failed_jobs = greatest(stored.failed_jobs, EXCLUDED.failed_jobs),
        http_5xx = greatest(stored.http_5xx, EXCLUDED.http_5xx),
        updated_at = now();
$function$;
