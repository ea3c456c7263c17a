import { expect, it } from 'vitest';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { ConversationEventHub } from './conversation-event-hub.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { HandoverCancelRefusedError } from './handover-cancel.ts';
import { HandoverDesk } from './handover-desk.ts';
import { ConversationNotFoundError } from './handover-errors.ts';
import { createHandoverQueue, handoverJobId, type HandoverQueue } from './handover-queue.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';

/**
 * The visitor withdraws a hand-over nobody joined: the conversation is the agents' again, its
 * readers (widget, inbox) hear it from the conversation's event stream, the team from its webhook.
 * A person who is there keeps it. Visitor's cancel and operator's join at the same instant: exactly
 * one of them takes the conversation out of `waiting_human`.
 */

const RACES = 8;

await describeOnEachDatabaseEngine('the visitor withdraws a waiting hand-over', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  const context = redisTestContextAroundTests(`handover-cancel-${engine.name.replace(/[^A-Za-z0-9]+/g, '-')}`);

  const desk = (queue: HandoverQueue | null = null) =>
    new HandoverDesk({
      store: new SqlFunctionHandoverStore(pgFunctionCaller(database().pool)),
      events: new ConversationEventPublisher(context().redis, context().keys),
      queue,
      webhookConfigured: queue !== null,
      operatorWaitSeconds: 60,
      logger: context().logger,
    });

  it('moves waiting_human to ai, announces it (reason cancelled) and queues the webhook event', async () => {
    const queue = createHandoverQueue({ connection: context().redis, config: context().config() });
    const hub = new ConversationEventHub({ subscriber: context().redis.duplicate(), reader: context().redis, keys: context().keys, logger: context().logger });
    try {
      const conversationId = `conv-cancel-${Date.now()}`;
      const escalated = await desk(queue).escalated(conversationId, 'visiteuse');
      const result = await desk(queue).cancelByVisitor(conversationId);
      expect(result).toMatchObject({ done: true, outcome: { state: 'ai', previousState: 'waiting_human', version: escalated!.version + 1 } });
      const events = (await hub.readAfter(conversationId, undefined)).map((entry) => entry.event);
      expect(events.at(-1)).toMatchObject({ type: 'state', state: 'ai', reason: 'cancelled', operator: null, version: escalated!.version + 1 });
      const job = await queue.getJob(handoverJobId('notify', `${conversationId}|${escalated!.version + 1}|cancel`));
      expect(job?.data).toMatchObject({ type: 'conversation.handover_cancelled', conversation: { id: conversationId, state: 'ai' } });
      expect(await desk().cancelByVisitor(conversationId)).toEqual({ done: false, refusal: { reason: 'not_waiting', conversationId, state: 'ai' } });
      await expect(desk().cancelByVisitor(`conv-unknown-${Date.now()}`)).rejects.toBeInstanceOf(ConversationNotFoundError);
    } finally {
      await hub.close();
      await queue.close();
    }
  });

  it('is refused once a person joined: the visitor talks to them', async () => {
    const conversationId = `conv-cancel-joined-${Date.now()}`;
    await desk().escalated(conversationId, 'visiteuse');
    await desk().act('join', conversationId, 'Léa');
    const result = await desk().cancelByVisitor(conversationId);
    expect(result).toEqual({ done: false, refusal: { reason: 'operator_joined', conversationId, operatorName: 'Léa' } });
    expect(await desk().get(conversationId)).toMatchObject({ state: 'human', operatorName: 'Léa' });
    const error = new HandoverCancelRefusedError(result.done ? (undefined as never) : result.refusal);
    expect(error).toMatchObject({ status: 409, code: 'handover_operator_joined', details: { state: 'human', operator: { name: 'Léa' } } });
    expect(new HandoverCancelRefusedError({ reason: 'not_waiting', conversationId, state: 'closed' })).toMatchObject({ status: 409, code: 'handover_not_waiting' });
  });

  it('cancel and join at once: exactly one takes the conversation out of waiting_human', async () => {
    const [visitorSide, operatorSide] = [desk(), desk()];
    for (let race = 0; race < RACES; race += 1) {
      const conversationId = `conv-cancel-race-${Date.now()}-${race}`;
      await visitorSide.escalated(conversationId, 'visiteuse');
      const [cancel, join] = await Promise.all([visitorSide.cancelByVisitor(conversationId), operatorSide.attempt('join', conversationId, 'Marc')]);
      // The join always ends holding the conversation: from waiting_human when it came first, else
      // as a take-over of the agents' conversation (an operator may join from ai).
      expect(join).toMatchObject({ done: true, outcome: { state: 'human', operatorName: 'Marc' } });
      const joinLeftWaiting = join.done && join.outcome.previousState === 'waiting_human';
      expect(cancel.done).toBe(!joinLeftWaiting);
      if (!cancel.done) expect(cancel.refusal).toEqual({ reason: 'operator_joined', conversationId, operatorName: 'Marc' });
      else expect(join.done && join.outcome.previousState).toBe('ai');
    }
  });
});
