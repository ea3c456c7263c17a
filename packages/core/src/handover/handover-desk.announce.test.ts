import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from './conversation-event.ts';
import { HandoverDesk } from './handover-desk.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';

/**
 * A write stored but not announced (the process killed in between, or Redis away for longer than
 * the desk's background attempts, ordered-event-retry.ts) is announced when it is done again, by
 * another process: the job's re-run, the operator's second join. Without it the visitor's widget,
 * which follows only the event stream, never showed the message or the join.
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('handover-desk-announce');

/** Events as published; the first `failures` publications fail (Redis away; Infinity: a process that never reaches it). */
function flakyEvents(failures: number) {
  const published: ConversationEvent[] = [];
  let left = failures;
  return {
    published,
    async publish(event: ConversationEvent): Promise<string> {
      if (left > 0) {
        left -= 1;
        throw new Error('Connection is closed.');
      }
      published.push(event);
      return `${published.length}-0`;
    },
  };
}

/** `retries` false: a process killed before its background attempts (none are made). */
function deskWith(events: ReturnType<typeof flakyEvents>, retries = true) {
  return new HandoverDesk({
    store: new SqlFunctionHandoverStore(pgFunctionCaller(database().pool)),
    events,
    queue: null,
    webhookConfigured: false,
    operatorWaitSeconds: 60,
    logger: context().logger,
    ...(retries ? {} : { eventRetryDelaysMs: [] }),
  });
}

describe('a hand-over write whose announcement was lost', () => {
  it('is announced by the re-run that finds it done: the escalation, the held visitor message, the join', async () => {
    const conversationId = `conv-announce-${Date.now()}`;
    // The first run's process never announces (its publications all fail); the re-run's does.
    const lost = () => flakyEvents(Number.POSITIVE_INFINITY);
    const deskWithout = (failing: ReturnType<typeof flakyEvents>) => deskWith(failing, false);
    const events = flakyEvents(0);
    await deskWithout(lost()).escalated(conversationId, 'visiteuse');
    expect(events.published).toHaveLength(0);
    await deskWith(events).escalated(conversationId, 'visiteuse');
    expect(events.published.map((event) => event.type === 'state' && event.state)).toEqual(['waiting_human']);

    const held = { conversationId, userId: 'visiteuse', jobId: `job-${Date.now()}`, text: 'Vous êtes là ?', sentAt: new Date().toISOString() };
    const first = await deskWithout(lost()).holdVisitorMessage(held);
    expect(first).toMatchObject({ held: true, created: true });
    const heldEvents = flakyEvents(0);
    const again = await deskWith(heldEvents).holdVisitorMessage(held);
    expect(again).toMatchObject({ held: true, created: false });
    expect(heldEvents.published).toMatchObject([{ type: 'message', message: { content: 'Vous êtes là ?', author: 'visitor' } }]);

    await deskWithout(lost()).act('join', conversationId, 'Léa');
    const joinEvents = flakyEvents(0);
    await deskWith(joinEvents).act('join', conversationId, 'Léa');
    expect(joinEvents.published).toMatchObject([{ type: 'state', state: 'human', operator: { name: 'Léa' } }]);
  });

  it('is announced by the desk itself once Redis takes commands again, in order, when Redis refused it for a moment', async () => {
    const conversationId = `conv-announce-later-${Date.now()}`;
    const events = flakyEvents(2);
    const desk = deskWith(events);
    await desk.escalated(conversationId, 'visiteuse');
    await desk.act('join', conversationId, 'Léa');
    await desk.act('handback', conversationId, 'Léa');
    expect(events.published).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(events.published.map((event) => event.type === 'state' && event.state)).toEqual(['waiting_human', 'human', 'ai']);
  });
});
