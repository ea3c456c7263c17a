import { z } from 'zod';
import { externalIdSchema, messageTextSchema } from '../contract/chat-schemas.ts';
import { infrastructureFaultMarksShape } from './infrastructure-fault-marks.ts';

/**
 * The typed job catalog: job name -> schema of its data. The API validates with
 * it before enqueueing; the worker parses with it on receipt (a job that does
 * not parse fails at once with UnrecoverableError).
 */

export const chatJobDataSchema = z.strictObject({
  conversation_id: externalIdSchema,
  user_id: externalIdSchema,
  /** The visitor's message, trimmed. */
  message: messageTextSchema,
  /** When the visitor sent it (client timestamp when given, else receipt time). */
  sent_at: z.iso.datetime({ offset: true }),
  /** When the API accepted it. */
  received_at: z.iso.datetime({ offset: true }),
  /** Request id of the HTTP request that submitted it, for log correlation. */
  request_id: z.string().max(200),
  ...infrastructureFaultMarksShape,
});
export type ChatJobData = z.infer<typeof chatJobDataSchema>;

// ---- Ingestion jobs (issue 3: knowledge base): one job per file on the `ingest` queue. ----
/**
 * One knowledge-base file to ingest. Workers read it from `path` (the producer and the workers
 * share the filesystem); it is stored under `source_key`. `embedding_model`, when set, is the
 * model the producer expects: a worker whose embedder differs refuses the job rather than mix models.
 */
export const ingestJobDataSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .max(4096)
    .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), { error: 'path must be absolute' }),
  source_key: z.string().min(1).max(1024),
  /** Re-embed even when the file and the model are unchanged. */
  force: z.boolean(),
  /** Groups the jobs of one `pnpm ingest` run. */
  batch_id: z.string().min(1).max(128),
  embedding_model: z.string().min(1).max(200).optional(),
  requested_at: z.iso.datetime({ offset: true }),
  ...infrastructureFaultMarksShape,
});
export type IngestJobData = z.infer<typeof ingestJobDataSchema>;
// ---- end of ingestion jobs ----

export const jobCatalog = {
  chat: chatJobDataSchema,
  ingest: ingestJobDataSchema,
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobDataOf<Name extends JobName> = z.infer<(typeof jobCatalog)[Name]>;

export function parseJobData<Name extends JobName>(name: Name, data: unknown): JobDataOf<Name> {
  return jobCatalog[name].parse(data) as JobDataOf<Name>;
}
