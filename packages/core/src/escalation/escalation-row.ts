import type { Escalation, EscalationCategoryName, EscalationStatus } from './escalation-record.ts';

/**
 * A row of the `escalations` table (migration 0008) as the stores read it: `pg` returns
 * timestamps as Date, PostgREST as ISO strings.
 */
export interface EscalationRow {
  id: string;
  conversation_id: string;
  job_id: string;
  user_id: string;
  category: string;
  reason: string;
  message_excerpt: string;
  status: string;
  delivery_attempts: number | string;
  last_delivery_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  delivered_at: Date | string | null;
  closed_at: Date | string | null;
}

/** Escalation ids are UUIDs: anything else cannot exist and is not looked up. */
export const escalationIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isoOf = (timestamp: Date | string): string => new Date(timestamp).toISOString();

export function escalationFromRow(row: EscalationRow): Escalation {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    jobId: row.job_id,
    userId: row.user_id,
    category: row.category as EscalationCategoryName,
    reason: row.reason,
    messageExcerpt: row.message_excerpt,
    status: row.status as EscalationStatus,
    deliveryAttempts: Number(row.delivery_attempts),
    lastDeliveryError: row.last_delivery_error,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    deliveredAt: row.delivered_at === null ? null : isoOf(row.delivered_at),
    closedAt: row.closed_at === null ? null : isoOf(row.closed_at),
  };
}
