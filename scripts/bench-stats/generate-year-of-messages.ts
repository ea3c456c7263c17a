import type pg from 'pg';

/**
 * A year of the agency's traffic at several times its target volume, written set-based in a few
 * statements: `exchanges` visitor messages and as many answers (2 × exchanges rows in `messages`),
 * spread uniformly over 365 days and 2,500 conversations; answers by Audrey and Carole about half
 * each, 6 % handed to the team (with their escalation cases); answer times 0.8-4.8 s; the daily
 * counters (cost per provider, failed jobs, 5xx) for every day. Ends with VACUUM ANALYZE, as
 * autovacuum would have done on a year-old table.
 */
export async function generateYearOfMessages(pool: pg.Pool, exchanges: number): Promise<void> {
  await pool.query(`INSERT INTO conversations (id, created_at) SELECT 'bench-c' || g, now() - interval '365 days' FROM generate_series(1, 2500) g`);
  await pool.query(
    `WITH exchanges AS MATERIALIZED (
       SELECT g AS n,
              now() - make_interval(secs => random() * 365 * 86400) AS asked_at,
              'bench-c' || (1 + g % 2500) AS conversation_id,
              CASE WHEN random() < 0.06 THEN 'escalate' WHEN random() < 0.5 THEN 'audrey' ELSE 'carole' END AS agent,
              (800 + random() * 4000)::int AS latency_ms
       FROM generate_series(1, $1::int) g
     )
     INSERT INTO messages (conversation_id, role, content, agent, agent_type, job_id, created_at, latency_ms, escalated, cost_usd)
     SELECT conversation_id, 'user', 'Une question de visiteur', NULL, NULL, 'bench-job-' || n, asked_at, NULL, NULL, NULL FROM exchanges
     UNION ALL
     SELECT conversation_id, 'assistant', 'Une réponse', agent,
            CASE agent WHEN 'audrey' THEN 'automation' WHEN 'carole' THEN 'creation' END,
            'bench-job-' || n, asked_at + latency_ms * interval '1 millisecond', latency_ms, agent = 'escalate', 0.004
     FROM exchanges`,
    [exchanges],
  );
  await pool.query(
    `INSERT INTO escalations (conversation_id, job_id, user_id, category, created_at)
     SELECT conversation_id, job_id, 'bench-visitor', 'human', created_at FROM messages WHERE role = 'assistant' AND agent = 'escalate'`,
  );
  await pool.query(
    `INSERT INTO provider_daily_costs (day, provider, cost_usd, calls)
     SELECT day::date, provider, round((random() * 0.8)::numeric, 6), (random() * 300)::int
     FROM generate_series(current_date - 365, current_date, interval '1 day') day, unnest(ARRAY['openrouter', 'openai', 'cohere']) provider`,
  );
  await pool.query(
    `INSERT INTO operation_daily_counts (day, failed_jobs, http_5xx)
     SELECT day::date, (random() * 3)::int, (random() * 1.2)::int FROM generate_series(current_date - 365, current_date, interval '1 day') day`,
  );
  await pool.query('VACUUM ANALYZE messages, escalations, conversations, provider_daily_costs, operation_daily_counts');
}
