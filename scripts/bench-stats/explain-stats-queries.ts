import type pg from 'pg';

/** Each stats query of migrations 0011, 0013, 0018 and 0019 (inlined SQL functions), as EXPLAIN sees it over a range, days of Paris. */
export const statsQueries = [
  { name: 'admin_stats_answers', sql: 'SELECT * FROM admin_stats_answers($1::timestamptz, $2::timestamptz, $3::text)', days: false },
  { name: 'admin_stats_visitor_messages', sql: 'SELECT * FROM admin_stats_visitor_messages($1::timestamptz, $2::timestamptz, $3::text)', days: false },
  { name: 'admin_stats_escalation_cases', sql: 'SELECT * FROM admin_stats_escalation_cases($1::timestamptz, $2::timestamptz, $3::text)', days: false },
  { name: 'admin_stats_operator_replies', sql: 'SELECT * FROM admin_stats_operator_replies($1::timestamptz, $2::timestamptz, $3::text)', days: false },
  { name: 'admin_stats_takeovers', sql: 'SELECT * FROM admin_stats_takeovers($1::timestamptz, $2::timestamptz, $3::text)', days: false },
  { name: 'admin_stats_provider_costs', sql: 'SELECT * FROM admin_stats_provider_costs($1::date, $2::date)', days: true },
  { name: 'admin_stats_operation_counts', sql: 'SELECT * FROM admin_stats_operation_counts($1::date, $2::date)', days: true },
] as const;

export interface QueryPlanSummary {
  query: string;
  usesIndex: boolean;
  /** `Index Only Scan on messages_role_created_at_author_idx`, ... */
  scans: string[];
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode): string[] {
  const own = /Scan/.test(node['Node Type'])
    ? [`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`]
    : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

/** EXPLAIN (FORMAT JSON) of every stats query over [from, to): the scans each plan makes. */
export async function explainStatsQueries(pool: pg.Pool, from: Date, to: Date): Promise<QueryPlanSummary[]> {
  const summaries: QueryPlanSummary[] = [];
  for (const query of statsQueries) {
    // Literal values (the pg driver would otherwise plan a generic statement for $1/$2).
    const parameters = query.days ? [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)] : [from.toISOString(), to.toISOString(), 'Europe/Paris'];
    const sql = query.sql.replace(/\$(\d)/g, (_match, index: string) => `'${parameters[Number(index) - 1]}'`);
    const result = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`);
    const scans = scansOf(result.rows[0]!['QUERY PLAN'][0]!.Plan);
    summaries.push({ query: query.name, usesIndex: scans.some((scan) => /Index/.test(scan)) && !scans.some((scan) => /^Seq Scan/.test(scan)), scans });
  }
  return summaries;
}
