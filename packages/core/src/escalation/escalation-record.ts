import { z } from 'zod';

/**
 * A conversation handed over to a person (table `escalations`, migration 0008): one per chat job.
 * `open` until the webhook accepted it (`delivered`), `closed` once a person handled it.
 */

export const escalationStatusSchema = z.enum(['open', 'delivered', 'closed']);
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

/** Why a person must take over; the router's categories plus out-of-scope requests. */
export const escalationCategorySchema = z.enum([
  'human',
  'billing',
  'complaint',
  'account',
  'personal_data',
  'legal',
  'out_of_scope',
  'other',
]);
export type EscalationCategoryName = z.infer<typeof escalationCategorySchema>;

/** Longest visitor excerpt kept on a case (the whole conversation stays in `messages`). */
export const ESCALATION_EXCERPT_MAX_CHARS = 500;
export const ESCALATION_REASON_MAX_CHARS = 1000;

export interface NewEscalation {
  conversationId: string;
  jobId: string;
  userId: string;
  category: EscalationCategoryName;
  reason: string;
  /** The visitor's message; cut to ESCALATION_EXCERPT_MAX_CHARS when stored. */
  message: string;
}

export interface Escalation {
  id: string;
  conversationId: string;
  jobId: string;
  userId: string;
  category: EscalationCategoryName;
  reason: string;
  messageExcerpt: string;
  status: EscalationStatus;
  deliveryAttempts: number;
  lastDeliveryError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  closedAt: string | null;
}

/** The JSON shape of a case, in the webhook body and on the admin endpoint (snake_case like the HTTP contract). */
export const escalationViewSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  job_id: z.string(),
  user_id: z.string(),
  category: escalationCategorySchema,
  reason: z.string(),
  message_excerpt: z.string(),
  status: escalationStatusSchema,
  delivery_attempts: z.number().int().nonnegative(),
  last_delivery_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  delivered_at: z.string().nullable(),
  closed_at: z.string().nullable(),
});
export type EscalationView = z.infer<typeof escalationViewSchema>;

export function escalationViewOf(escalation: Escalation): EscalationView {
  return {
    id: escalation.id,
    conversation_id: escalation.conversationId,
    job_id: escalation.jobId,
    user_id: escalation.userId,
    category: escalation.category,
    reason: escalation.reason,
    message_excerpt: escalation.messageExcerpt,
    status: escalation.status,
    delivery_attempts: escalation.deliveryAttempts,
    last_delivery_error: escalation.lastDeliveryError,
    created_at: escalation.createdAt,
    updated_at: escalation.updatedAt,
    delivered_at: escalation.deliveredAt,
    closed_at: escalation.closedAt,
  };
}

/** Cuts a text to `maxChars` characters (an ellipsis marks the cut), never inside a surrogate pair. */
export function excerptOf(text: string, maxChars: number): string {
  const characters = Array.from(text.trim());
  if (characters.length <= maxChars) return characters.join('');
  return `${characters.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
