import { expect, it } from 'vitest';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { HandoverDesk, operatorActionRefusalError } from './handover-desk.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';

/**
 * Two operators click "Rejoindre" on the same waiting conversation at the same instant (two desks,
 * as two API processes, on one database pool: on the real PostgreSQL two connections racing for the
 * row lock). Exactly one joins; the other is told the conversation was taken, and by whom — not
 * that it "does not wait for a person", which was false.
 */

const RACES = 8;

await describeOnEachDatabaseEngine('two operators join the same conversation at once', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  const context = redisTestContextAroundTests(`handover-join-race-${engine.name}`);

  const desk = () =>
    new HandoverDesk({
      store: new SqlFunctionHandoverStore(pgFunctionCaller(database().pool)),
      events: new ConversationEventPublisher(context().redis, context().keys),
      queue: null,
      webhookConfigured: false,
      operatorWaitSeconds: 60,
      logger: context().logger,
    });

  it('one joins, the other gets "taken by another operator" naming the winner', async () => {
    const [first, second] = [desk(), desk()];
    for (let race = 0; race < RACES; race += 1) {
      const conversationId = `conv-join-race-${Date.now()}-${race}`;
      await first.escalated(conversationId, 'visiteuse');
      const [lea, marc] = await Promise.all([first.attempt('join', conversationId, 'Léa'), second.attempt('join', conversationId, 'Marc')]);
      const results = [
        { name: 'Léa', result: lea },
        { name: 'Marc', result: marc },
      ];
      const winners = results.filter((entry) => entry.result.done);
      const losers = results.filter((entry) => !entry.result.done);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = winners[0]!.name;
      expect(losers[0]!.result).toEqual({ done: false, refusal: { reason: 'taken_by_another_operator', conversationId, operatorName: winner } });
      expect(await first.get(conversationId)).toMatchObject({ state: 'human', operatorName: winner });
    }
  });

  it('the loser reads who took it (409 conversation_held_by_another_operator), the state conflicts keep their own error', async () => {
    const taken = operatorActionRefusalError({ reason: 'taken_by_another_operator', conversationId: 'c1', operatorName: 'Léa' });
    expect(taken).toMatchObject({ status: 409, code: 'conversation_held_by_another_operator', message: 'Impossible de rejoindre cette conversation : Léa l’a déjà prise.' });
    expect(taken.details).toEqual({ conversation_id: 'c1', operator: { name: 'Léa' } });
    const nameless = operatorActionRefusalError({ reason: 'taken_by_another_operator', conversationId: 'c1', operatorName: null });
    expect(nameless.message).toBe('Impossible de rejoindre cette conversation : une autre personne de l’équipe l’a déjà prise.');
    expect(nameless.details).toEqual({ conversation_id: 'c1', operator: null });
    const closed = operatorActionRefusalError({ reason: 'state_does_not_allow', conversationId: 'c1', action: 'join', state: 'closed', allowedFrom: ['ai', 'waiting_human'] });
    expect(closed).toMatchObject({ status: 409, code: 'conversation_state_conflict', details: { state: 'closed', allowed_from: ['ai', 'waiting_human'] } });
  });
});
