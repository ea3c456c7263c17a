import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, RedisKeys, type ChatPipeline, type ConversationStore } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { createLocalAgentsPipeline } from './testing/local-agents-pipeline.ts';
import { handoverVisitor } from './testing/handover-http-stack.ts';

/**
 * A visitor asks for a person on a deployment where nobody can answer: no admin login is configured,
 * so every /admin route, the operators' inbox included, is off. Found by review: the reply said
 * "une personne va te répondre ici même", the widget's status line "Une personne de l’équipe va
 * prendre le relais ici", the conversation went to `waiting_human`, and every later message was held
 * for a person who could never come (the agents no longer answered it). Now the API that serves the
 * inbox says so in Redis (handover/operator-inbox-advert.ts); with none, the reply says nobody can
 * answer in this chat and the conversation stays with the agents. Real stack: API, worker, PGlite,
 * Redis, the agents' pipeline in local mode; the same stack with a shared admin login keeps the
 * hand-over as it was.
 */

let database: TestDatabase;
let withoutInbox: TestApi;
let withInbox: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  const agentsPipeline = (conversations: ConversationStore, config: TestApi['config'], logger: ReturnType<typeof createLogger>): ChatPipeline =>
    createLocalAgentsPipeline({ pool: database.pool, conversations, config, logger });
  [withoutInbox, withInbox] = await Promise.all([
    startTestApi({ name: 'handover-without-inbox', database, env: { RATE_LIMIT_MESSAGES: '100' }, handover: { agentsPipeline } }),
    startTestApi({ name: 'handover-with-inbox', database, env: { ADMIN_PASSWORD: 'operator-secret', RATE_LIMIT_MESSAGES: '100' }, handover: { agentsPipeline } }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([withoutInbox?.close(), withInbox?.close()]);
  await database?.stop();
});

const ASKS_FOR_A_PERSON = "Je veux parler à quelqu'un de l'équipe";
const KAJABI = 'Comment automatiser mes emails avec Kajabi ?';

function visitorOf(api: TestApi) {
  const visitor = handoverVisitor(api.baseUrl, `conv-${randomUUID()}`);
  return {
    async post(message: string): Promise<any> {
      const { status, body } = await visitor.post(message);
      expect(status).toBe(200);
      return body.result;
    },
    async assistantMessages(): Promise<string[]> {
      const { body } = await visitor.get('/messages');
      return body.messages.filter((message: any) => message.role === 'assistant').map((message: any) => message.content);
    },
    async state(): Promise<string> {
      return (await visitor.get('')).body.state;
    },
  };
}

describe('a visitor asks for a person', () => {
  it('with no operator inbox served: told that nobody can answer in this chat, and the agents answer the next question', async () => {
    const keys = new RedisKeys(withoutInbox.config.QUEUE_PREFIX);
    expect(await withoutInbox.redis.exists(keys.operatorInboxServed())).toBe(0);
    expect(await withoutInbox.redis.ttl(keys.operatorInboxNotServed())).toBeGreaterThan(0);
    const visitor = visitorOf(withoutInbox);
    const handedOver = await visitor.post(ASKS_FOR_A_PERSON);
    expect(handedOver).toMatchObject({ agent: 'escalate', escalated: true });
    // Before: "Bien sûr ! J'ai transmis ta demande à l'équipe : une personne va te répondre ici même…"
    expect(handedOver.message).toContain("Personne de l'équipe ne peut te répondre dans ce chat pour le moment");
    expect(handedOver.message).not.toMatch(/va te répondre|un message ici te dira/);
    // Before: waiting_human, and the next message held for nobody (handled_by "person", no answer).
    expect(await visitor.state()).toBe('ai');
    const next = await visitor.post(KAJABI);
    expect(next).toMatchObject({ agent: 'audrey', handled_by: 'agent' });
    expect(next.message.length).toBeGreaterThan(20);
  }, 60_000);

  it('with the inbox served (an admin login): a person is promised, and the conversation waits for them', async () => {
    expect(await withInbox.redis.ttl(new RedisKeys(withInbox.config.QUEUE_PREFIX).operatorInboxServed())).toBeGreaterThan(0);
    const visitor = visitorOf(withInbox);
    const handedOver = await visitor.post(ASKS_FOR_A_PERSON);
    expect(handedOver.message).toContain('une personne va te répondre ici même, dans cette conversation');
    expect(await visitor.state()).toBe('waiting_human');
    expect(await visitor.post(KAJABI)).toMatchObject({ handled_by: 'person', message: '' });
  }, 60_000);

  it("with the inbox served, right after a loss of Redis's data (FLUSHALL, a restart without its append-only file): a person is still promised, and the conversation waits for them", async () => {
    // The advert is gone until the API's next refresh (up to 30 s): found by review, a visitor asking
    // for a person then was told nobody could answer in this chat, the inbox served all along.
    await withInbox.redis.del(new RedisKeys(withInbox.config.QUEUE_PREFIX).operatorInboxServed());
    const visitor = visitorOf(withInbox);
    const handedOver = await visitor.post(ASKS_FOR_A_PERSON);
    expect(handedOver).toMatchObject({ agent: 'escalate', escalated: true, handled_by: 'agent' });
    expect(handedOver.message).toContain('une personne va te répondre ici même, dans cette conversation');
    expect(await visitor.state()).toBe('waiting_human');
  }, 60_000);
});

/**
 * Found by review: only the hand-over reply knew nobody could answer. Every offline answer ended "dis-le-moi et une personne
 * de l'équipe prendra le relais", the clarifying question offered a person for a payment: the visitor who took up the offer
 * was told "Personne de l'équipe ne peut te répondre dans ce chat". The worker now reads the API's advert (as read lately,
 * operator-inbox-advert.ts `recentOperatorInboxServedReader`) before writing those replies too.
 */
describe('the replies that offered a person', () => {
  const PROMISES_A_PERSON = /une personne de l'équipe|prendra le relais|l'équipe est là pour toi|je veux parler à quelqu'un/;

  // The test database holds no document: the offline answer is the one that found nothing, which offered a person too.
  it('with no operator inbox served: the offline answer and the clarifying question point to the agency, and taking that up is told the same', async () => {
    const asker = visitorOf(withoutInbox);
    const answer = await asker.post(KAJABI);
    expect(answer).toMatchObject({ agent: 'audrey', offline: true, handled_by: 'agent' });
    // Before: "Si tu veux, une personne de l'équipe peut te répondre directement : écris simplement « je veux parler à quelqu'un »."
    expect(answer.message).toContain("pour échanger avec une personne, contacte directement l'agence");
    expect(answer.message).not.toMatch(PROMISES_A_PERSON);
    expect(await asker.assistantMessages()).toEqual([answer.message]);

    const visitor = visitorOf(withoutInbox);
    const question = await visitor.post('Bonjour, j’ai une question');
    // Before: "Et s'il s'agit d'un paiement ou de ton compte, dis-le-moi : une personne de l'équipe prendra le relais."
    expect(question.message).toContain("s'il s'agit d'un paiement ou de ton compte, contacte directement l'agence");
    expect(question.message).not.toMatch(PROMISES_A_PERSON);
    expect(await visitor.assistantMessages()).toEqual([question.message]);
    const payment = await visitor.post("c'est un paiement");
    expect(payment).toMatchObject({ agent: 'escalate', escalated: true });
    expect(payment.message).toContain("Personne de l'équipe ne peut te répondre dans ce chat pour le moment");
    expect(await visitor.state()).toBe('ai');
  }, 60_000);

  it('with the inbox served: the offline answer and the clarifying question offer a person, as before', async () => {
    expect((await visitorOf(withInbox).post(KAJABI)).message).toContain("une personne de l'équipe peut te répondre directement : écris simplement « je veux parler à quelqu'un »");
    expect((await visitorOf(withInbox).post('Bonjour, j’ai une question')).message).toContain("dis-le-moi : une personne de l'équipe prendra le relais.");
  }, 60_000);
});
