import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatExchange, ConversationStore } from '../capabilities/capabilities.ts';
import type { EscalationStore } from '../escalation/escalation-store.ts';
import { chatExchangeFixture } from '../store/chat-exchange-fixture.ts';
import { userExportSchema, type PrivacyStore } from './privacy-store.ts';

/**
 * The behaviour every PrivacyStore must have (GDPR export and erasure, retention), whatever talks
 * to the database: `pg` (DATABASE_URL or the embedded PGlite) or Supabase REST. The data is written
 * through the product's own stores, as the worker writes it. Call it from a test file with a
 * factory that opens the three stores on a fresh, migrated database.
 */

export interface PrivacyStoresUnderTest {
  privacy: PrivacyStore;
  conversations: ConversationStore;
  escalations: EscalationStore;
  /** Writes a conversation row as one stored before migration 0026 (token_issued false: stored before tokens, or unknown). */
  storeConversationOfBeforeTokens(conversationId: string, userId: string): Promise<void>;
  close(): Promise<void>;
}

/** A conversation row as migration 0026 found it (token_issued false), written in SQL: no store writes one so. */
export async function storeConversationOfBeforeTokens(pool: Pick<pg.Pool, 'query'>, conversationId: string, userId: string): Promise<void> {
  await pool.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
  await pool.query('INSERT INTO conversations (id, user_id, token_issued) VALUES ($1, $2, false)', [conversationId, userId]);
}

function exchangeOf(userId: string, conversationId: string, userMessage: string, answeredAt: string): ChatExchange {
  return chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId, userId, userMessage, userSentAt: answeredAt, answeredAt });
}

export function runPrivacyStoreContract(name: string, open: () => Promise<PrivacyStoresUnderTest>): void {
  describe(`privacy store contract: ${name}`, () => {
    let stores: PrivacyStoresUnderTest;
    beforeAll(async () => {
      stores = await open();
    }, 120_000);
    afterAll(async () => stores?.close());

    /** A visitor with two conversations (two exchanges each) and one escalation case in the second. */
    async function visitorWithHistory() {
      const userId = `visitor-${randomUUID()}`;
      const conversationIds = [`conv-${randomUUID()}`, `conv-${randomUUID()}`];
      for (const [index, conversationId] of conversationIds.entries()) {
        await stores.conversations.persistExchange(exchangeOf(userId, conversationId, `Question ${index}a de ${userId}`, '2026-03-01T10:00:00.000Z'));
        await stores.conversations.persistExchange(exchangeOf(userId, conversationId, `Question ${index}b de ${userId}`, '2026-03-01T10:05:00.000Z'));
      }
      const { escalation } = await stores.escalations.open({
        conversationId: conversationIds[1]!,
        jobId: `job-${randomUUID()}`,
        userId,
        category: 'billing',
        reason: 'demande de remboursement',
        message: `Je veux être remboursée (${userId})`,
      });
      return { userId, conversationIds, escalationId: escalation.id };
    }

    it('finds the owner of a conversation stored with its token issued, and nothing for an unknown id', async () => {
      const { userId, conversationIds } = await visitorWithHistory();
      await expect(stores.privacy.findConversationClaimFacts(conversationIds[0]!)).resolves.toEqual({ stored: { userId, tokenIssued: true }, retired: false });
      await expect(stores.privacy.findConversationClaimFacts(`conv-${randomUUID()}`)).resolves.toEqual({ stored: null, retired: false });
    });

    it('tells a conversation stored before tokens, until an exchange is stored in it (its token was issued then)', async () => {
      const userId = `visitor-${randomUUID()}`;
      const conversationId = `conv-${randomUUID()}`;
      await stores.storeConversationOfBeforeTokens(conversationId, userId);
      await expect(stores.privacy.findConversationClaimFacts(conversationId)).resolves.toEqual({ stored: { userId, tokenIssued: false }, retired: false });
      await stores.conversations.persistExchange(exchangeOf(userId, conversationId, 'me revoilà', new Date().toISOString()));
      await expect(stores.privacy.findConversationClaimFacts(conversationId)).resolves.toEqual({ stored: { userId, tokenIssued: true }, retired: false });
    });

    it('marks the stored conversations among some ids as having had their token issued, counting those it changed', async () => {
      const userId = `visitor-${randomUUID()}`;
      const [before, after] = [`conv-${randomUUID()}`, `conv-${randomUUID()}`];
      await stores.storeConversationOfBeforeTokens(before, userId);
      await stores.storeConversationOfBeforeTokens(after, userId);
      await expect(stores.privacy.markTokenIssued([before, `conv-${randomUUID()}`])).resolves.toBe(1);
      await expect(stores.privacy.findConversationClaimFacts(before)).resolves.toMatchObject({ stored: { userId, tokenIssued: true } });
      await expect(stores.privacy.findConversationClaimFacts(after)).resolves.toMatchObject({ stored: { userId, tokenIssued: false } });
      await expect(stores.privacy.markTokenIssued([before])).resolves.toBe(0);
      await expect(stores.privacy.markTokenIssued([])).resolves.toBe(0);
    });

    it('retires the ids it erases, stored or not, until the retired ids are forgotten', async () => {
      const { userId, conversationIds } = await visitorWithHistory();
      const neverStored = `conv-${randomUUID()}`;
      await stores.privacy.erase({ conversationIds: [conversationIds[0]!, neverStored], userIds: [] });
      for (const conversationId of [conversationIds[0]!, neverStored]) {
        await expect(stores.privacy.findConversationClaimFacts(conversationId)).resolves.toEqual({ stored: null, retired: true });
      }
      await expect(stores.privacy.findConversationClaimFacts(conversationIds[1]!)).resolves.toEqual({ stored: { userId, tokenIssued: true }, retired: false });
      // Retired an instant ago: not forgotten with those retired before a past date, forgotten with those retired before now.
      await stores.privacy.forgetRetiredConversationIds(new Date(Date.now() - 60_000));
      await expect(stores.privacy.findConversationClaimFacts(neverStored)).resolves.toMatchObject({ retired: true });
      await expect(stores.privacy.forgetRetiredConversationIds(new Date(Date.now() + 60_000))).resolves.toBeGreaterThanOrEqual(2);
      await expect(stores.privacy.findConversationClaimFacts(neverStored)).resolves.toEqual({ stored: null, retired: false });
    });

    it('exports everything stored about a user: both conversations with their messages, and the escalation case', async () => {
      const { userId, conversationIds, escalationId } = await visitorWithHistory();
      const exported = userExportSchema.parse(await stores.privacy.exportUser(userId));
      expect(exported.user_id).toBe(userId);
      expect(exported.user?.id).toBe(userId);
      expect(exported.conversations.map((conversation) => conversation.id).sort()).toEqual([...conversationIds].sort());
      for (const conversation of exported.conversations) {
        expect(conversation.messages).toHaveLength(4);
        expect(conversation.messages.filter((message) => message.role === 'user').map((message) => message.content).join('\n')).toContain(userId);
      }
      expect(exported.escalations.map((escalation) => escalation.id)).toEqual([escalationId]);
    });

    it('exports an empty document for a user it has never seen', async () => {
      const exported = userExportSchema.parse(await stores.privacy.exportUser(`nobody-${randomUUID()}`));
      expect(exported.user).toBeNull();
      expect(exported.conversations).toEqual([]);
      expect(exported.escalations).toEqual([]);
    });

    it('erases a user: counts what it deleted, returns the ids Redis erasure needs, leaves no row; a second erasure deletes nothing', async () => {
      const { userId, conversationIds, escalationId } = await visitorWithHistory();
      const other = await visitorWithHistory();
      const ids = await stores.privacy.conversationIdsOfUser(userId);
      expect([...ids].sort()).toEqual([...conversationIds].sort());

      const erased = await stores.privacy.erase({ conversationIds: ids, userIds: [userId] });
      expect(erased.counts).toEqual({ conversations: 2, messages: 8, escalations: 1, users: 1 });
      expect(erased.identifiers.userIds).toContain(userId);
      expect(erased.identifiers.escalationIds).toEqual([escalationId]);
      expect(erased.identifiers.jobIds.length).toBe(5);

      const afterwards = userExportSchema.parse(await stores.privacy.exportUser(userId));
      expect(afterwards).toMatchObject({ user: null, conversations: [], escalations: [] });
      for (const conversationId of conversationIds) {
        await expect(stores.privacy.findConversationClaimFacts(conversationId)).resolves.toEqual({ stored: null, retired: true });
        await expect(stores.conversations.listMessages(conversationId)).resolves.toEqual([]);
      }
      // Erasure is idempotent, and another visitor keeps everything.
      const again = await stores.privacy.erase({ conversationIds: ids, userIds: [userId] });
      expect(again.counts).toEqual({ conversations: 0, messages: 0, escalations: 0, users: 0 });
      const kept = userExportSchema.parse(await stores.privacy.exportUser(other.userId));
      expect(kept.conversations).toHaveLength(2);
      expect(kept.escalations).toHaveLength(1);
    });

    it('erases one conversation and keeps the user while another conversation of theirs is left', async () => {
      const { userId, conversationIds } = await visitorWithHistory();
      const erased = await stores.privacy.erase({ conversationIds: [conversationIds[0]!], userIds: [] });
      expect(erased.counts).toEqual({ conversations: 1, messages: 4, escalations: 0, users: 0 });
      const kept = userExportSchema.parse(await stores.privacy.exportUser(userId));
      expect(kept.user?.id).toBe(userId);
      expect(kept.conversations.map((conversation) => conversation.id)).toEqual([conversationIds[1]]);

      // Its last conversation gone, the users row goes too.
      const last = await stores.privacy.erase({ conversationIds: [conversationIds[1]!], userIds: [] });
      expect(last.counts).toMatchObject({ conversations: 1, users: 1 });
    });

    it('lists conversations idle since before a date, oldest first, within the limit', async () => {
      const userId = `visitor-${randomUUID()}`;
      const old = `conv-old-${randomUUID()}`;
      const older = `conv-older-${randomUUID()}`;
      const recent = `conv-recent-${randomUUID()}`;
      await stores.conversations.persistExchange(exchangeOf(userId, old, 'ancienne', '2001-02-01T10:00:00.000Z'));
      await stores.conversations.persistExchange(exchangeOf(userId, older, 'plus ancienne', '2001-01-01T10:00:00.000Z'));
      await stores.conversations.persistExchange(exchangeOf(userId, recent, 'récente', new Date().toISOString()));

      const idle = await stores.privacy.findIdleConversations(new Date('2001-06-01T00:00:00.000Z'), 100);
      expect(idle.indexOf(older)).toBeGreaterThanOrEqual(0);
      expect(idle.indexOf(older)).toBeLessThan(idle.indexOf(old));
      expect(idle).not.toContain(recent);
      await expect(stores.privacy.findIdleConversations(new Date('2001-06-01T00:00:00.000Z'), 1)).resolves.toHaveLength(1);
    });
  });
}
