import type pg from 'pg';
import {
  ESCALATION_EXCERPT_MAX_CHARS,
  ESCALATION_REASON_MAX_CHARS,
  excerptOf,
  type Escalation,
  type EscalationStatus,
  type NewEscalation,
} from './escalation-record.ts';
import { escalationFromRow, escalationIdPattern, type EscalationRow } from './escalation-row.ts';
import type { EscalationStore } from './escalation-store.ts';

/** Escalation cases in Postgres (table `escalations`, migration 0008), every value bound as a parameter. */

const columns = `id, conversation_id, job_id, user_id, category, reason, message_excerpt, status, delivery_attempts,
  last_delivery_error, created_at, updated_at, delivered_at, closed_at`;

/** Inserts the case of a job, or returns the existing one (one round trip). */
const openSql = `
WITH inserted AS (
  INSERT INTO escalations (conversation_id, job_id, user_id, category, reason, message_excerpt)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (job_id) DO NOTHING
  RETURNING ${columns}
)
SELECT ${columns}, true AS created FROM inserted
UNION ALL
SELECT ${columns}, false AS created FROM escalations WHERE job_id = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`;

const recordAttemptSql = `
UPDATE escalations
SET delivery_attempts = delivery_attempts + 1,
    status = CASE WHEN $2 AND status = 'open' THEN 'delivered' ELSE status END,
    delivered_at = CASE WHEN $2 THEN coalesce(delivered_at, now()) ELSE delivered_at END,
    last_delivery_error = CASE WHEN $2 THEN NULL ELSE $3 END,
    updated_at = now()
WHERE id = $1
RETURNING ${columns}`;




export class PgEscalationStore implements EscalationStore {
  constructor(private readonly pool: pg.Pool) {}

  async open(input: NewEscalation): Promise<{ escalation: Escalation; created: boolean }> {
    const result = await this.pool.query<EscalationRow & { created: boolean }>(openSql, [
      input.conversationId,
      input.jobId,
      input.userId,
      input.category,
      excerptOf(input.reason, ESCALATION_REASON_MAX_CHARS),
      excerptOf(input.message, ESCALATION_EXCERPT_MAX_CHARS),
    ]);
    const row = result.rows[0];
    if (row) return { escalation: escalationFromRow(row), created: row.created };
    // Another run inserted it concurrently and committed after this statement's snapshot.
    const existing = await this.findByJobId(input.jobId);
    if (!existing) throw new Error(`escalation of job ${input.jobId} was neither stored nor found`);
    return { escalation: existing, created: false };
  }

  async findById(id: string): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    const result = await this.pool.query<EscalationRow>(`SELECT ${columns} FROM escalations WHERE id = $1`, [id]);
    return result.rows[0] ? escalationFromRow(result.rows[0]) : null;
  }

  async findByJobId(jobId: string): Promise<Escalation | null> {
    const result = await this.pool.query<EscalationRow>(`SELECT ${columns} FROM escalations WHERE job_id = $1`, [jobId]);
    return result.rows[0] ? escalationFromRow(result.rows[0]) : null;
  }

  async recordDeliveryAttempt(id: string, outcome: { delivered: boolean; error?: string }): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    const result = await this.pool.query<EscalationRow>(recordAttemptSql, [
      id,
      outcome.delivered,
      outcome.delivered ? null : excerptOf(outcome.error ?? 'delivery failed', ESCALATION_REASON_MAX_CHARS),
    ]);
    return result.rows[0] ? escalationFromRow(result.rows[0]) : null;
  }

  async close(id: string): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    const result = await this.pool.query<EscalationRow>(
      `UPDATE escalations SET status = 'closed', closed_at = coalesce(closed_at, now()), updated_at = now()
       WHERE id = $1 RETURNING ${columns}`,
      [id],
    );
    return result.rows[0] ? escalationFromRow(result.rows[0]) : null;
  }

  async list(options: { status?: EscalationStatus; limit?: number } = {}): Promise<Escalation[]> {
    const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 100)));
    const result = await this.pool.query<EscalationRow>(
      `SELECT ${columns} FROM escalations WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at, write_order LIMIT $2`,
      [options.status ?? null, limit],
    );
    return result.rows.map(escalationFromRow);
  }
}
