import type { SupabaseClient } from '@supabase/supabase-js';
import { dataOf } from '../database/supabase-client.ts';
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

/**
 * Escalation cases over Supabase REST (PostgREST), table `escalations` (migration 0008), same
 * behaviour as PgEscalationStore with what REST allows (one statement per request):
 *
 * - open: an insert that ignores a duplicate job id (`on_conflict=job_id`, ignore-duplicates:
 *   ON CONFLICT DO NOTHING, which waits for a concurrent insert of the same job to commit), then,
 *   when nothing was inserted, a select of the existing case (`created: false`).
 * - recordDeliveryAttempt: PATCH cannot increment a column, so it reads the case and writes the
 *   new counter on the condition that the counter is still the one read (optimistic concurrency),
 *   retrying on a lost race: concurrent attempts are all counted.
 * - close: one conditional PATCH that sets closed_at only when it is empty, else a plain one.
 *
 * `updated_at`, `delivered_at` and `closed_at` written by updates take this process's clock
 * (PgEscalationStore uses the database's now()); `created_at` stays the database default.
 */

const COLUMNS =
  'id,conversation_id,job_id,user_id,category,reason,message_excerpt,status,delivery_attempts,last_delivery_error,created_at,updated_at,delivered_at,closed_at';

/** Lost races tolerated by one recordDeliveryAttempt before it gives up. */
const MAX_UPDATE_RACES = 20;





export class EscalationUpdateContentionError extends Error {
  constructor(readonly escalationId: string, readonly attempts: number) {
    super(`escalation ${escalationId}: delivery attempt not recorded after ${attempts} concurrent updates`);
    this.name = 'EscalationUpdateContentionError';
  }
}

export class SupabaseEscalationStore implements EscalationStore {
  constructor(private readonly client: SupabaseClient) {}

  async open(input: NewEscalation): Promise<{ escalation: Escalation; created: boolean }> {
    const inserted = dataOf<EscalationRow[]>(
      'insert escalations',
      await this.client
        .from('escalations')
        .upsert(
          {
            conversation_id: input.conversationId,
            job_id: input.jobId,
            user_id: input.userId,
            category: input.category,
            reason: excerptOf(input.reason, ESCALATION_REASON_MAX_CHARS),
            message_excerpt: excerptOf(input.message, ESCALATION_EXCERPT_MAX_CHARS),
          },
          { onConflict: 'job_id', ignoreDuplicates: true },
        )
        .select(COLUMNS),
    );
    if (inserted[0]) return { escalation: escalationFromRow(inserted[0]), created: true };
    const existing = await this.findByJobId(input.jobId);
    if (!existing) throw new Error(`escalation of job ${input.jobId} was neither stored nor found`);
    return { escalation: existing, created: false };
  }

  async findById(id: string): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    return this.findOne('id', id);
  }

  async findByJobId(jobId: string): Promise<Escalation | null> {
    return this.findOne('job_id', jobId);
  }

  async recordDeliveryAttempt(id: string, outcome: { delivered: boolean; error?: string }): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    const error = outcome.delivered ? null : excerptOf(outcome.error ?? 'delivery failed', ESCALATION_REASON_MAX_CHARS);
    for (let race = 0; race < MAX_UPDATE_RACES; race += 1) {
      const current = await this.findOne('id', id);
      if (!current) return null;
      const now = new Date().toISOString();
      const updated = dataOf<EscalationRow[]>(
        'update escalations',
        await this.client
          .from('escalations')
          .update({
            delivery_attempts: current.deliveryAttempts + 1,
            status: outcome.delivered && current.status === 'open' ? 'delivered' : current.status,
            delivered_at: outcome.delivered ? (current.deliveredAt ?? now) : current.deliveredAt,
            last_delivery_error: error,
            updated_at: now,
          })
          .eq('id', id)
          .eq('delivery_attempts', current.deliveryAttempts)
          .eq('status', current.status)
          .select(COLUMNS),
      );
      if (updated[0]) return escalationFromRow(updated[0]);
    }
    throw new EscalationUpdateContentionError(id, MAX_UPDATE_RACES);
  }

  async close(id: string): Promise<Escalation | null> {
    if (!escalationIdPattern.test(id)) return null;
    const now = new Date().toISOString();
    const firstClose = dataOf<EscalationRow[]>(
      'close escalations',
      await this.client
        .from('escalations')
        .update({ status: 'closed', closed_at: now, updated_at: now })
        .eq('id', id)
        .is('closed_at', null)
        .select(COLUMNS),
    );
    if (firstClose[0]) return escalationFromRow(firstClose[0]);
    const again = dataOf<EscalationRow[]>(
      'close escalations',
      await this.client.from('escalations').update({ status: 'closed', updated_at: now }).eq('id', id).select(COLUMNS),
    );
    return again[0] ? escalationFromRow(again[0]) : null;
  }

  async list(options: { status?: EscalationStatus; limit?: number } = {}): Promise<Escalation[]> {
    const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 100)));
    let query = this.client.from('escalations').select(COLUMNS);
    if (options.status) query = query.eq('status', options.status);
    const rows = dataOf<EscalationRow[]>(
      'select escalations',
      await query.order('created_at', { ascending: true }).order('write_order', { ascending: true }).limit(limit),
    );
    return rows.map(escalationFromRow);
  }

  private async findOne(column: 'id' | 'job_id', value: string): Promise<Escalation | null> {
    const rows = dataOf<EscalationRow[]>(
      'select escalations',
      await this.client.from('escalations').select(COLUMNS).eq(column, value).limit(1),
    );
    return rows[0] ? escalationFromRow(rows[0]) : null;
  }
}
