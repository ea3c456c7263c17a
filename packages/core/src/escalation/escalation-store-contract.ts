import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_EXCERPT_MAX_CHARS, ESCALATION_REASON_MAX_CHARS, type NewEscalation } from './escalation-record.ts';
import type { EscalationStore } from './escalation-store.ts';

/**
 * The behaviour every EscalationStore must have, whatever talks to the database: `pg`
 * (PgEscalationStore on DATABASE_URL or the embedded PGlite) or Supabase REST
 * (SupabaseEscalationStore). Call it from a test file with a factory that opens the store on a
 * fresh, migrated database:
 *
 *   runEscalationStoreContract('pg on PGlite', async () => ({ store, close }));
 */

export interface EscalationStoreUnderTest {
  store: EscalationStore;
  close(): Promise<void>;
}

function newEscalation(overrides: Partial<NewEscalation> = {}): NewEscalation {
  return {
    conversationId: `test-conv-${randomUUID()}`,
    jobId: `job-${randomUUID()}`,
    userId: 'visitor-1',
    category: 'billing',
    reason: 'demande de remboursement',
    message: "Je voudrais être remboursée de l'atelier, s'il te plaît.",
    ...overrides,
  };
}

export function runEscalationStoreContract(name: string, open: () => Promise<EscalationStoreUnderTest>): void {
  describe(`escalation store contract: ${name}`, () => {
    let opened: EscalationStoreUnderTest;
    let store: EscalationStore;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => opened?.close());

    it('opens one case per job: a second open returns the first case unchanged', async () => {
      const input = newEscalation();
      const first = await store.open(input);
      expect(first.created).toBe(true);
      expect(first.escalation).toMatchObject({
        conversationId: input.conversationId,
        jobId: input.jobId,
        userId: input.userId,
        category: 'billing',
        reason: 'demande de remboursement',
        messageExcerpt: input.message,
        status: 'open',
        deliveryAttempts: 0,
        lastDeliveryError: null,
        deliveredAt: null,
        closedAt: null,
      });
      expect(first.escalation.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(first.escalation.createdAt)).not.toBeNaN();
      expect(first.escalation.updatedAt).toBe(first.escalation.createdAt);

      const second = await store.open({ ...input, category: 'human', reason: 'autre raison', message: 'autre message' });
      expect(second).toEqual({ escalation: first.escalation, created: false });
      expect(await store.findById(first.escalation.id)).toEqual(first.escalation);
      expect(await store.findByJobId(input.jobId)).toEqual(first.escalation);
    });

    it('opens exactly one case when the same job opens it concurrently', async () => {
      const input = newEscalation({ category: 'complaint' });
      const results = await Promise.all(Array.from({ length: 6 }, () => store.open(input)));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.escalation.id)).size).toBe(1);
      const ofJob = (await store.list({ limit: 1000 })).filter((escalation) => escalation.jobId === input.jobId);
      expect(ofJob).toHaveLength(1);
    });

    it('cuts the visitor excerpt and the reason, and keeps apostrophes and emojis intact', async () => {
      const message = `C'est l’été 🌞 ${'a'.repeat(ESCALATION_EXCERPT_MAX_CHARS * 2)}`;
      const reason = `r${'é'.repeat(ESCALATION_REASON_MAX_CHARS * 2)}`;
      const { escalation } = await store.open(newEscalation({ message, reason }));
      expect(Array.from(escalation.messageExcerpt)).toHaveLength(ESCALATION_EXCERPT_MAX_CHARS);
      expect(escalation.messageExcerpt.startsWith("C'est l’été 🌞 aaa")).toBe(true);
      expect(escalation.messageExcerpt.endsWith('…')).toBe(true);
      expect(Array.from(escalation.reason)).toHaveLength(ESCALATION_REASON_MAX_CHARS);
    });

    it('finds nothing for unknown or malformed ids', async () => {
      expect(await store.findById(randomUUID())).toBeNull();
      expect(await store.findById('not-a-uuid')).toBeNull();
      expect(await store.findByJobId(`job-${randomUUID()}`)).toBeNull();
      expect(await store.recordDeliveryAttempt(randomUUID(), { delivered: true })).toBeNull();
      expect(await store.recordDeliveryAttempt('not-a-uuid', { delivered: false, error: 'x' })).toBeNull();
      expect(await store.close(randomUUID())).toBeNull();
      expect(await store.close('not-a-uuid')).toBeNull();
    });

    it('counts delivery attempts: a failure keeps the case open with its error, a success delivers it once', async () => {
      const { escalation } = await store.open(newEscalation());
      const failed = await store.recordDeliveryAttempt(escalation.id, { delivered: false, error: 'webhook answered 503' });
      expect(failed).toMatchObject({ id: escalation.id, status: 'open', deliveryAttempts: 1, lastDeliveryError: 'webhook answered 503', deliveredAt: null });
      expect(Date.parse(failed!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(escalation.createdAt));

      const withoutMessage = await store.recordDeliveryAttempt(escalation.id, { delivered: false });
      expect(withoutMessage).toMatchObject({ deliveryAttempts: 2, lastDeliveryError: 'delivery failed' });
      const longError = await store.recordDeliveryAttempt(escalation.id, { delivered: false, error: 'x'.repeat(ESCALATION_REASON_MAX_CHARS + 50) });
      expect(Array.from(longError!.lastDeliveryError!)).toHaveLength(ESCALATION_REASON_MAX_CHARS);

      const delivered = await store.recordDeliveryAttempt(escalation.id, { delivered: true });
      expect(delivered).toMatchObject({ status: 'delivered', deliveryAttempts: 4, lastDeliveryError: null });
      expect(delivered!.deliveredAt).not.toBeNull();
      const redelivered = await store.recordDeliveryAttempt(escalation.id, { delivered: true });
      expect(redelivered).toMatchObject({ status: 'delivered', deliveryAttempts: 5, deliveredAt: delivered!.deliveredAt });
      expect(await store.findById(escalation.id)).toEqual(redelivered);
    });

    it('counts every one of concurrent delivery attempts', async () => {
      const { escalation } = await store.open(newEscalation());
      await Promise.all(Array.from({ length: 5 }, (_, index) => store.recordDeliveryAttempt(escalation.id, { delivered: false, error: `attempt ${index}` })));
      const after = await store.findById(escalation.id);
      expect(after).toMatchObject({ status: 'open', deliveryAttempts: 5 });
      expect(after!.lastDeliveryError).toMatch(/^attempt \d$/);
    });

    it('closes a case once: closing again keeps its closing time, a late delivery does not reopen it', async () => {
      const { escalation } = await store.open(newEscalation());
      const closed = await store.close(escalation.id);
      expect(closed).toMatchObject({ id: escalation.id, status: 'closed', deliveredAt: null });
      expect(closed!.closedAt).not.toBeNull();
      const closedAgain = await store.close(escalation.id);
      expect(closedAgain).toMatchObject({ status: 'closed', closedAt: closed!.closedAt });

      const lateDelivery = await store.recordDeliveryAttempt(escalation.id, { delivered: true });
      expect(lateDelivery).toMatchObject({ status: 'closed', deliveryAttempts: 1, closedAt: closed!.closedAt });
      expect(lateDelivery!.deliveredAt).not.toBeNull();
    });

    it('lists cases oldest first, by status, up to a limit', async () => {
      const marker = randomUUID();
      const opened = [];
      for (let index = 0; index < 3; index += 1) {
        opened.push((await store.open(newEscalation({ conversationId: `conv-${marker}`, jobId: `job-${marker}-${index}` }))).escalation);
      }
      await store.recordDeliveryAttempt(opened[1]!.id, { delivered: true });
      await store.close(opened[2]!.id);

      const ofMarker = (escalations: Awaited<ReturnType<EscalationStore['list']>>) =>
        escalations.filter((escalation) => escalation.conversationId === `conv-${marker}`).map((escalation) => [escalation.jobId, escalation.status]);
      expect(ofMarker(await store.list({ limit: 1000 }))).toEqual([
        [`job-${marker}-0`, 'open'],
        [`job-${marker}-1`, 'delivered'],
        [`job-${marker}-2`, 'closed'],
      ]);
      expect(ofMarker(await store.list({ status: 'open', limit: 1000 }))).toEqual([[`job-${marker}-0`, 'open']]);
      expect(ofMarker(await store.list({ status: 'delivered', limit: 1000 }))).toEqual([[`job-${marker}-1`, 'delivered']]);
      expect(ofMarker(await store.list({ status: 'closed', limit: 1000 }))).toEqual([[`job-${marker}-2`, 'closed']]);

      const all = await store.list({ limit: 1000 });
      for (let index = 1; index < all.length; index += 1) {
        expect(Date.parse(all[index]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(all[index - 1]!.createdAt));
      }
      expect(await store.list({ limit: 2 })).toEqual(all.slice(0, 2));
      expect(await store.list({ limit: 0 })).toEqual(all.slice(0, 1));
      expect((await store.list()).length).toBe(Math.min(100, all.length));
    });
  });
}
