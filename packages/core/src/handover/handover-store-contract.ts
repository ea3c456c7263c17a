import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../capabilities/capabilities.ts';
import type { EscalationStore } from '../escalation/escalation-store.ts';
import { conversationTransitions } from './conversation-state.ts';
import type { HandoverStore } from './handover-store.ts';

/**
 * The behaviour every HandoverStore must have (`pg` and Supabase REST), on a fresh migrated
 * database, beside the conversation and escalation stores of the same database.
 */
export interface HandoverStoresUnderTest {
  handover: HandoverStore;
  conversations: ConversationStore;
  escalations: EscalationStore;
  close(): Promise<void>;
}

export function runHandoverStoreContract(name: string, open: () => Promise<HandoverStoresUnderTest>): void {
  describe(name, () => {
    let stores: HandoverStoresUnderTest;
    beforeAll(async () => {
      stores = await open();
    }, 120_000);
    afterAll(async () => stores?.close());

    const escalate = (conversationId: string, userId = 'visitor-h') =>
      stores.handover.transition({ conversationId, ...conversationTransitions.escalate, createForUserId: userId });

    it('escalates a conversation that has no row yet, then refuses a second escalation', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const first = await escalate(conversationId);
      expect(first).toMatchObject({ conversationId, state: 'waiting_human', previousState: 'ai', transitioned: true, version: 1 });
      expect(first!.waitingSince).not.toBeNull();
      const second = await escalate(conversationId);
      expect(second).toMatchObject({ state: 'waiting_human', transitioned: false, version: 1 });
      expect(await stores.handover.get(conversationId)).toMatchObject({ state: 'waiting_human', userId: 'visitor-h' });
    });

    it('answers null for an unknown conversation and never creates one without a user', async () => {
      const conversationId = `conv-${randomUUID()}`;
      expect(await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' })).toBeNull();
      expect(await stores.handover.addOperatorMessage({ conversationId, operatorName: 'Léa', text: 'Bonjour' })).toBeNull();
      expect(await stores.handover.get(conversationId)).toBeNull();
    });

    it('joins, stores human replies as escalate assistant rows with the operator, hands back', async () => {
      const conversationId = `conv-${randomUUID()}`;
      await escalate(conversationId);
      const refused = await stores.handover.addOperatorMessage({ conversationId, operatorName: 'Léa', text: 'Trop tôt' });
      expect(refused).toEqual({ state: 'waiting_human', message: null });

      const joined = await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: "Léa d'Orsay" });
      expect(joined).toMatchObject({ state: 'human', operatorName: "Léa d'Orsay", previousState: 'waiting_human', transitioned: true });
      const reply = await stores.handover.addOperatorMessage({ conversationId, operatorName: "Léa d'Orsay", text: "Bonjour, c'est Léa !" });
      expect(reply?.state).toBe('human');
      expect(reply?.message?.id).toMatch(/^[0-9a-f-]{36}$/);

      const messages = await stores.conversations.listMessages(conversationId);
      expect(messages).toEqual([
        expect.objectContaining({ role: 'assistant', agent: 'escalate', author: 'human', operator_name: "Léa d'Orsay", content: "Bonjour, c'est Léa !" }),
      ]);

      const handedBack = await stores.handover.transition({ conversationId, ...conversationTransitions.handback });
      expect(handedBack).toMatchObject({ state: 'ai', operatorName: null, waitingSince: null, transitioned: true });
      const late = await stores.handover.addOperatorMessage({ conversationId, operatorName: 'Léa', text: 'Encore moi' });
      expect(late).toEqual({ state: 'ai', message: null });
    });

    it("keeps an operator reply's key to its conversation: the same key in another one stores that reply", async () => {
      const [first, second] = [`conv-${randomUUID()}`, `conv-${randomUUID()}`];
      const clientKey = `reply-${randomUUID()}`;
      const replies = [];
      for (const conversationId of [first, second, first]) {
        if (conversationId !== first || replies.length === 0) {
          await escalate(conversationId);
          await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
        }
        replies.push(await stores.handover.addOperatorMessage({ conversationId, operatorName: 'Léa', text: `Réponse à ${conversationId}`, clientKey }));
      }
      expect(replies.map((reply) => [reply?.message?.created, reply?.message?.content])).toEqual([
        [true, `Réponse à ${first}`],
        [true, `Réponse à ${second}`],
        [false, `Réponse à ${first}`],
      ]);
      expect(replies[2]?.message?.id).toBe(replies[0]?.message?.id);
    });

    it('holds visitor messages while a person holds the conversation, idempotently per job', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const visitor = { conversationId, userId: 'visitor-h', text: "J'attends quelqu'un", sentAt: new Date().toISOString() };
      expect(await stores.handover.holdVisitorMessage({ ...visitor, jobId: `job-${randomUUID()}` })).toMatchObject({ held: false, state: 'ai' });
      await escalate(conversationId);
      const jobId = `job-${randomUUID()}`;
      const held = await stores.handover.holdVisitorMessage({ ...visitor, jobId });
      expect(held).toMatchObject({ held: true, state: 'waiting_human', created: true });
      // The person hands back before the job's re-run: the message stays with the person, stored once.
      await stores.handover.transition({ conversationId, ...conversationTransitions.handback });
      const again = await stores.handover.holdVisitorMessage({ ...visitor, jobId });
      expect(again).toMatchObject({ held: true, created: false, state: 'ai' });
      expect(held.held && again.held && again.message.id === held.message.id).toBe(true);
      const messages = await stores.conversations.listMessages(conversationId);
      expect(messages.filter((message) => message.role === 'user')).toHaveLength(1);
      expect(messages[0]).toMatchObject({ role: 'user', author: 'visitor', job_id: jobId });
    });

    it('reads what the visitor last wrote beside the last message (a waiting case ends with an automatic reply)', async () => {
      const conversationId = `conv-${randomUUID()}`;
      await escalate(conversationId);
      expect((await stores.handover.get(conversationId))?.lastVisitorMessage).toBeNull();
      for (const text of ['Je veux parler à quelqu’un', 'C’est pour ma facture de novembre']) {
        await stores.handover.holdVisitorMessage({ conversationId, userId: 'visitor-h', text, sentAt: new Date().toISOString(), jobId: `job-${randomUUID()}` });
      }
      await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
      await stores.handover.addOperatorMessage({ conversationId, operatorName: 'Léa', text: 'Je regarde ta facture.' });
      const listed = (await stores.handover.list({ states: ['human'], limit: 500 })).find((row) => row.conversationId === conversationId);
      expect(listed).toMatchObject({ lastMessage: { role: 'assistant', author: 'human', content: 'Je regarde ta facture.' }, lastVisitorMessage: 'C’est pour ma facture de novembre' });
      expect((await stores.handover.get(conversationId))?.lastVisitorMessage).toBe('C’est pour ma facture de novembre');
    });

    it('closes the escalation cases of a conversation handed back to the agents', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const { escalation } = await stores.escalations.open({
        conversationId,
        jobId: `job-${randomUUID()}`,
        userId: 'visitor-hb',
        category: 'billing',
        reason: 'remboursement',
        message: 'Je veux un remboursement',
      });
      await escalate(conversationId);
      await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
      expect((await stores.escalations.findById(escalation.id))?.status).toBe('open');
      const handedBack = await stores.handover.transition({ conversationId, ...conversationTransitions.handback, operatorName: 'Léa' });
      expect(handedBack).toMatchObject({ state: 'ai', transitioned: true });
      expect((await stores.escalations.findById(escalation.id))?.status).toBe('closed');
    });

    it('lets the visitor withdraw a waiting hand-over (held messages stay, the next one goes to the agents), not one a person holds', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const { escalation } = await stores.escalations.open({ conversationId, jobId: `job-${randomUUID()}`, userId: 'visitor-c', category: 'other', reason: 'erreur', message: 'Une question simple' });
      const escalated = await escalate(conversationId, 'visitor-c');
      const visitor = { conversationId, userId: 'visitor-c', text: 'Finalement non', sentAt: new Date().toISOString() };
      const heldJob = `job-${randomUUID()}`;
      expect(await stores.handover.holdVisitorMessage({ ...visitor, jobId: heldJob })).toMatchObject({ held: true });
      const cancelled = await stores.handover.transition({ conversationId, ...conversationTransitions.cancel });
      expect(cancelled).toMatchObject({ state: 'ai', previousState: 'waiting_human', transitioned: true, version: escalated!.version + 1, operatorName: null, waitingSince: null });
      expect((await stores.escalations.findById(escalation.id))?.status).toBe('closed');
      expect((await stores.conversations.listMessages(conversationId)).filter((message) => message.role === 'user')).toEqual([expect.objectContaining({ job_id: heldJob, author: 'visitor' })]);
      expect(await stores.handover.holdVisitorMessage({ ...visitor, jobId: `job-${randomUUID()}` })).toMatchObject({ held: false, state: 'ai' });
      expect(await stores.handover.transition({ conversationId, ...conversationTransitions.cancel })).toMatchObject({ state: 'ai', transitioned: false });

      await escalate(conversationId, 'visitor-c');
      await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
      expect(await stores.handover.transition({ conversationId, ...conversationTransitions.cancel })).toMatchObject({ state: 'human', operatorName: 'Léa', transitioned: false });
    });

    it('keeps why the state last changed: a withdrawal by the visitor is told from a hand-back, after the fact', async () => {
      const reasonOf = async (conversationId: string) => (await stores.handover.get(conversationId))?.changeReason;
      const withdrawn = `conv-${randomUUID()}`;
      await escalate(withdrawn, 'visitor-r');
      expect(await reasonOf(withdrawn)).toBe('escalated');
      await stores.handover.transition({ conversationId: withdrawn, ...conversationTransitions.cancel });
      expect(await stores.handover.get(withdrawn)).toMatchObject({ state: 'ai', changeReason: 'cancelled' });
      const listed = (await stores.handover.list({ states: ['ai'], limit: 500 })).find((row) => row.conversationId === withdrawn);
      expect(listed).toMatchObject({ state: 'ai', changeReason: 'cancelled' });

      const handedBack = `conv-${randomUUID()}`;
      await escalate(handedBack, 'visitor-r');
      await stores.handover.transition({ conversationId: handedBack, ...conversationTransitions.join, operatorName: 'Léa' });
      expect(await reasonOf(handedBack)).toBe('joined');
      await stores.handover.transition({ conversationId: handedBack, ...conversationTransitions.handback, operatorName: 'Léa' });
      expect(await stores.handover.get(handedBack)).toMatchObject({ state: 'ai', changeReason: 'handed_back' });
      // A refused change keeps the reason of the last one made.
      await stores.handover.transition({ conversationId: handedBack, ...conversationTransitions.cancel });
      expect(await reasonOf(handedBack)).toBe('handed_back');

      await stores.handover.transition({ conversationId: handedBack, ...conversationTransitions.close, operatorName: 'Léa' });
      expect(await reasonOf(handedBack)).toBe('closed');
      await stores.handover.holdVisitorMessage({ conversationId: handedBack, userId: 'visitor-r', jobId: `job-${randomUUID()}`, text: 'Re', sentAt: new Date().toISOString() });
      expect(await stores.handover.get(handedBack)).toMatchObject({ state: 'ai', changeReason: 'reopened' });

      // A caller that names no reason (a process of the previous version) gets the one its target state implies.
      const unnamed = `conv-${randomUUID()}`;
      await stores.handover.transition({ conversationId: unnamed, from: ['ai'], to: 'waiting_human', createForUserId: 'visitor-r' });
      expect(await reasonOf(unnamed)).toBe('escalated');
      await stores.handover.transition({ conversationId: unnamed, from: ['waiting_human'], to: 'ai' });
      expect(await reasonOf(unnamed)).toBe('handed_back');
    });

    it('closes the conversation and its escalation cases; a visitor message reopens it to ai', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const jobId = `job-${randomUUID()}`;
      const { escalation } = await stores.escalations.open({
        conversationId,
        jobId,
        userId: 'visitor-h',
        category: 'billing',
        reason: 'remboursement',
        message: 'Je veux un remboursement',
      });
      await escalate(conversationId);
      const listed = await stores.handover.get(conversationId);
      expect(listed?.escalation).toEqual({ id: escalation.id, category: 'billing', status: 'open' });

      const closed = await stores.handover.transition({ conversationId, ...conversationTransitions.close, operatorName: 'Léa' });
      expect(closed).toMatchObject({ state: 'closed', transitioned: true });
      expect((await stores.escalations.findById(escalation.id))?.status).toBe('closed');
      const joinClosed = await stores.handover.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
      expect(joinClosed).toMatchObject({ state: 'closed', transitioned: false });

      const reopened = await stores.handover.holdVisitorMessage({
        conversationId,
        userId: 'visitor-h',
        jobId: `job-${randomUUID()}`,
        text: 'Re-bonjour',
        sentAt: new Date().toISOString(),
      });
      expect(reopened).toMatchObject({ held: false, state: 'ai', reopened: true });
    });

    it('stores a system notice once, and only at the version it was planned for', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const escalated = await escalate(conversationId);
      const request = { conversationId, state: 'waiting_human' as const, version: escalated!.version, key: `notice-${conversationId}`, text: "L'équipe revient lundi." };
      const stored = await stores.handover.addSystemNotice(request);
      expect(stored?.id).toBeTruthy();
      expect(await stores.handover.addSystemNotice(request)).toBeNull();
      expect(await stores.handover.addSystemNotice({ ...request, key: 'other', version: escalated!.version + 1 })).toBeNull();
      const messages = await stores.conversations.listMessages(conversationId);
      expect(messages).toEqual([expect.objectContaining({ author: 'system', agent: 'escalate', role: 'assistant' })]);
      // The operators' list says it is a notice (0025): it read as any assistant message, "Réponse :".
      expect((await stores.handover.get(conversationId))?.lastMessage).toEqual({ content: "L'équipe revient lundi.", role: 'assistant', author: 'system' });
    });

    it('lists waiting conversations first, longest wait first', async () => {
      const first = `conv-${randomUUID()}`;
      const second = `conv-${randomUUID()}`;
      const joined = `conv-${randomUUID()}`;
      // PGlite's clock ticks in milliseconds: two escalations within one tick wait equally long and
      // their order is arbitrary, so each escalation here starts on a later tick than the one before.
      await escalate(first);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await escalate(second);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await escalate(joined);
      await stores.handover.transition({ conversationId: joined, ...conversationTransitions.join, operatorName: 'Léa' });
      const listed = (await stores.handover.list({ states: ['waiting_human', 'human'], limit: 500 })).map((row) => row.conversationId);
      expect(listed.indexOf(first)).toBeLessThan(listed.indexOf(second));
      expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(joined));
      const humanOnly = await stores.handover.list({ states: ['human'] });
      expect(humanOnly.every((row) => row.state === 'human')).toBe(true);
    });

    it('stores the webhook event of an escalation, a withdrawal and a held message with the change; marked queued once', async () => {
      const conversationId = `conv-${randomUUID()}`;
      const escalated = await escalate(conversationId);
      await stores.handover.holdVisitorMessage({ conversationId, userId: 'visitor-h', jobId: `job-${conversationId}`, text: 'Toujours là ?', sentAt: new Date().toISOString() });
      await stores.handover.transition({ conversationId, ...conversationTransitions.cancel });
      const ours = async () =>
        (await stores.handover.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 3600, limit: 1000 })).filter((event) => event.conversation.conversationId === conversationId);
      const pending = await ours();
      expect(pending.map((event) => [event.eventKey, event.type])).toEqual([
        [`${conversationId}|${escalated!.version}|waiting`, 'conversation.waiting_human'],
        [`visitor|job-${conversationId}`, 'conversation.visitor_message'],
        [`${conversationId}|${escalated!.version + 1}|cancel`, 'conversation.handover_cancelled'],
      ]);
      expect(pending[1]).toMatchObject({ conversation: { state: 'waiting_human', operatorName: null }, message: { content: 'Toujours là ?', job_id: `job-${conversationId}` } });
      expect(pending[2]).toMatchObject({ conversation: { state: 'ai', version: escalated!.version + 1 }, message: null });
      // Not yet settled: left to the desk that stored them.
      expect((await stores.handover.pendingWebhookEvents({ settledSeconds: 3600, keepSeconds: 7200, limit: 1000 })).some((event) => event.conversation.conversationId === conversationId)).toBe(false);
      expect(await stores.handover.markWebhookEventsQueued(pending.map((event) => event.eventKey))).toBe(3);
      expect(await stores.handover.markWebhookEventsQueued(pending.map((event) => event.eventKey))).toBe(0);
      expect(await ours()).toEqual([]);
      // A join and a close tell the webhook nothing.
      const other = `conv-${randomUUID()}`;
      await escalate(other);
      await stores.handover.transition({ conversationId: other, ...conversationTransitions.join, operatorName: 'Léa' });
      await stores.handover.transition({ conversationId: other, ...conversationTransitions.close });
      const others = (await stores.handover.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 3600, limit: 1000 })).filter((event) => event.conversation.conversationId === other);
      expect(others.map((event) => event.type)).toEqual(['conversation.waiting_human']);
      expect(await stores.handover.pruneWebhookEvents(3600)).toBe(0);
      // Past the keep, queued or not, an event is forgotten (and no longer offered).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await stores.handover.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 1, limit: 1000 })).toEqual([]);
      expect(await stores.handover.pruneWebhookEvents(1)).toBeGreaterThanOrEqual(4);
      expect(await stores.handover.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 3600, limit: 1000 })).toEqual([]);
    });
  });
}
