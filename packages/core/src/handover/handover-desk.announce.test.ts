import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from './conversation-event.ts';
import { HandoverDesk } from './handover-desk.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';

/**
 * A write stored but not announced (Redis cut as the event was published, or the process killed in
 * between) is announced when it is done again: the job's re-run, the operator's second join. Without
 * it the visitor's widget, which follows only the event stream, never showed the message or the join.
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('handover-desk-announce');

/** Events as published; the first `failures` publications fail (Redis away). */
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

function deskWith(events: ReturnType<typeof flakyEvents>) {
  return new HandoverDesk({ store: new SqlFunctionHandoverStore(pgFunctionCaller(database().pool)), events, queue: null, webhookConfigured: false, operatorWaitSeconds: 60, logger: context().logger });
}

describe('a hand-over write whose announcement was lost', () => {
  it('is announced by the re-run that finds it done: the escalation, the held visitor message, the join', async () => {
    const conversationId = `conv-announce-${Date.now()}`;
    const events = flakyEvents(1);
    const desk = deskWith(events);
    await desk.escalated(conversationId, 'visiteuse');
    expect(events.published).toHaveLength(0);
    await desk.escalated(conversationId, 'visiteuse');
    expect(events.published.map((event) => event.type === 'state' && event.state)).toEqual(['waiting_human']);

    const held = { conversationId, userId: 'visiteuse', jobId: `job-${Date.now()}`, text: 'Vous êtes là ?', sentAt: new Date().toISOString() };
    const failingOnce = flakyEvents(1);
    const first = await deskWith(failingOnce).holdVisitorMessage(held);
    expect(first).toMatchObject({ held: true, created: true });
    expect(failingOnce.published).toHaveLength(0);
    const again = await deskWith(failingOnce).holdVisitorMessage(held);
    expect(again).toMatchObject({ held: true, created: false });
    expect(failingOnce.published).toMatchObject([{ type: 'message', message: { content: 'Vous êtes là ?', author: 'visitor' } }]);

    const joinEvents = flakyEvents(1);
    await deskWith(joinEvents).act('join', conversationId, 'Léa');
    expect(joinEvents.published).toHaveLength(0);
    await deskWith(joinEvents).act('join', conversationId, 'Léa');
    expect(joinEvents.published).toMatchObject([{ type: 'state', state: 'human', operator: { name: 'Léa' } }]);
  });
});
