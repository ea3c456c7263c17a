-- 0007_agent_analytics_view: per agent and per day, what the assistants answered.
-- Replaces v2's view of the same name (dropped first: CREATE OR REPLACE VIEW cannot change columns).
-- Response time: latency_ms when recorded, else the time since the visitor's message before it.
DROP VIEW IF EXISTS agent_analytics;
CREATE VIEW agent_analytics AS
SELECT assistant.agent,
       date_trunc('day', assistant.created_at) AS day,
       count(*) AS message_count,
       count(DISTINCT assistant.conversation_id) AS conversation_count,
       count(*) FILTER (WHERE assistant.escalated OR assistant.agent = 'escalate') AS escalated_count,
       avg(coalesce(assistant.latency_ms::double precision,
                    extract(epoch FROM assistant.created_at - visitor.created_at) * 1000)) AS avg_response_ms,
       sum(coalesce(assistant.prompt_tokens, 0)) AS prompt_tokens,
       sum(coalesce(assistant.completion_tokens, 0)) AS completion_tokens,
       sum(coalesce(assistant.cost_usd, 0)) AS cost_usd
FROM messages assistant
LEFT JOIN LATERAL (
  SELECT previous.created_at
  FROM messages previous
  WHERE previous.conversation_id = assistant.conversation_id
    AND previous.role = 'user'
    AND previous.created_at <= assistant.created_at
  ORDER BY previous.created_at DESC
  LIMIT 1
) visitor ON true
WHERE assistant.role = 'assistant'
  AND assistant.agent IS NOT NULL
GROUP BY assistant.agent, date_trunc('day', assistant.created_at);
