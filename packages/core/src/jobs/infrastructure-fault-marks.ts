import { z } from 'zod';

/**
 * What a job remembers of the infrastructure outage it is waiting through (see
 * queue/infrastructure-retry.ts): when its first connection-level fault happened and how many
 * times it was put back since. Spread into every job data schema whose worker puts jobs back
 * on infrastructure faults (chat, ingest, escalation delivery, hand-over).
 */
export const infrastructureFaultMarksShape = {
  /** First connection-level failure of Redis or the database met by this job (put back without an attempt). */
  infrastructure_fault_since: z.iso.datetime({ offset: true }).optional(),
  /** How many times the job was put back for an infrastructure fault (drives its backoff). */
  infrastructure_fault_count: z.number().int().nonnegative().optional(),
};

export interface InfrastructureFaultMarks {
  infrastructure_fault_since?: string | undefined;
  infrastructure_fault_count?: number | undefined;
}
