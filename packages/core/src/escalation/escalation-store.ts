import type { Escalation, EscalationStatus, NewEscalation } from './escalation-record.ts';

/** Where escalation cases live (Postgres: PgEscalationStore). */
export interface EscalationStore {
  /** Opens the case of a chat job. Idempotent by job id: a second call returns the first case, `created: false`. */
  open(input: NewEscalation): Promise<{ escalation: Escalation; created: boolean }>;
  findById(id: string): Promise<Escalation | null>;
  findByJobId(jobId: string): Promise<Escalation | null>;
  /**
   * Counts one webhook delivery attempt. `delivered: true` moves an open case to `delivered`; a
   * failure keeps the status and records the error. Returns the case, or null when it does not exist.
   */
  recordDeliveryAttempt(id: string, outcome: { delivered: boolean; error?: string }): Promise<Escalation | null>;
  /** Marks a case handled by a person. Returns null when it does not exist. */
  close(id: string): Promise<Escalation | null>;
  /** Cases, oldest first, optionally of one status. */
  list(options?: { status?: EscalationStatus; limit?: number }): Promise<Escalation[]>;
}
