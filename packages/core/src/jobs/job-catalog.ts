import { z } from 'zod';
import { externalIdSchema, MESSAGE_MAX_CHARS } from '../contract/chat-schemas.ts';

/**
 * The typed job catalog: job name -> schema of its data. The API validates with
 * it before enqueueing; the worker parses with it on receipt (a job that does
 * not parse fails at once with UnrecoverableError).
 */

export const chatJobDataSchema = z.strictObject({
  conversation_id: externalIdSchema,
  user_id: externalIdSchema,
  /** The visitor's message, trimmed. */
  message: z.string().min(1).max(MESSAGE_MAX_CHARS),
  /** When the visitor sent it (client timestamp when given, else receipt time). */
  sent_at: z.iso.datetime({ offset: true }),
  /** When the API accepted it. */
  received_at: z.iso.datetime({ offset: true }),
  /** Request id of the HTTP request that submitted it, for log correlation. */
  request_id: z.string().max(200),
});
export type ChatJobData = z.infer<typeof chatJobDataSchema>;

export const jobCatalog = {
  chat: chatJobDataSchema,
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobDataOf<Name extends JobName> = z.infer<(typeof jobCatalog)[Name]>;

export function parseJobData<Name extends JobName>(name: Name, data: unknown): JobDataOf<Name> {
  return jobCatalog[name].parse(data) as JobDataOf<Name>;
}
