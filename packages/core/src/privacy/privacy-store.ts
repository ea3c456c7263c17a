import { z } from 'zod';
import { escalationViewSchema } from '../escalation/escalation-record.ts';
import type { ConversationOwnerLookup } from './conversation-access.ts';

/**
 * What the database holds about visitors, read and erased for GDPR requests (articles 15 and 17)
 * and for retention. Implemented over `pg` (PgPrivacyStore) and Supabase REST (SupabasePrivacyStore), both held
 * to privacy-store-contract.ts; docs/security.md documents the export.
 */

export const exportedMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  agent: z.string().nullable(),
  job_id: z.string().nullable(),
  created_at: z.string(),
});

export const exportedConversationSchema = z.object({
  id: z.string(),
  user_id: z.string().nullable(),
  status: z.string().nullable(),
  created_at: z.string().nullable(),
  last_message_at: z.string().nullable(),
  messages: z.array(exportedMessageSchema),
});

/** The document of GET /admin/users/:user_id/export. */
export const userExportSchema = z.object({
  user_id: z.string(),
  exported_at: z.string(),
  user: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), created_at: z.string().nullable() }).nullable(),
  conversations: z.array(exportedConversationSchema),
  escalations: z.array(escalationViewSchema),
});
export type UserExport = z.infer<typeof userExportSchema>;

/** Rows erased from the database, by table. */
export interface DatabaseErasureCounts {
  conversations: number;
  messages: number;
  escalations: number;
  users: number;
}

/** What the Redis erasure needs to find the traces: every id the database knew of. */
export interface ErasedIdentifiers {
  conversationIds: string[];
  userIds: string[];
  jobIds: string[];
  escalationIds: string[];
}

/**
 * The database's answer to the erasure's COMMIT was lost (a connection cut, a deadline): the rows may
 * be erased or not. `identifiers` are those the transaction read before it (job ids, users...), which
 * a later attempt cannot read again once the rows are gone. The cause is the database's error.
 */
export class ErasureOutcomeUnknownError extends Error {
  constructor(
    readonly identifiers: ErasedIdentifiers,
    options: { cause: unknown },
  ) {
    super('the database did not answer the erasure commit: the rows may or may not be erased', options);
    this.name = 'ErasureOutcomeUnknownError';
  }
}

export interface PrivacyStore extends ConversationOwnerLookup {
  exportUser(userId: string): Promise<UserExport>;
  /** Conversation ids of the user (stored as owner, or named by one of the user's escalation cases). */
  conversationIdsOfUser(userId: string): Promise<string[]>;
  /**
   * Deletes the conversations (their messages and escalation cases) and, when given, the users rows,
   * in one transaction, and retires the conversations' ids (their digests, kept 400 days). Returns the counts and the identifiers that were stored.
   */
  erase(target: { conversationIds: string[]; userIds: string[] }): Promise<{ counts: DatabaseErasureCounts; identifiers: ErasedIdentifiers }>;
  /** Conversations whose last activity is older than `before`, oldest first. */
  findIdleConversations(before: Date, limit: number): Promise<string[]>;
  /**
   * Deletes the retired conversation ids (digests written by `erase`, see findConversationClaimFacts)
   * retired before `retiredBefore`; returns how many. The retention sweep calls it.
   */
  forgetRetiredConversationIds(retiredBefore: Date): Promise<number>;
  /**
   * Marks the stored conversations among `conversationIds` as having had their token issued
   * (token_issued, migration 0026); returns how many were unmarked. Ids not stored are ignored.
   */
  markTokenIssued(conversationIds: readonly string[]): Promise<number>;
}
