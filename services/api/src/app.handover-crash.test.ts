import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startChatWorker, withAnnouncedReplies, withHandover, type ChatPipeline, type ChatWorkerHandle } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { createLocalAgentsPipeline } from './testing/local-agents-pipeline.ts';

/**
 * Issue 12: a worker crashes while a conversation switches state. The visitor's "talk to a person"
 * message is answered by the agents (the escalation reply is stored), then the worker dies before the
 * conversation moves to `waiting_human` (the most dangerous instant: the next message, already
 * queued, must go to the person, not to the agents). Another worker takes the job over after the
 * stall window: the stored reply is returned (not a second one), the state moves, the queued message
 * goes to the person. Then a worker dies once a message went to the person while an operator joins;
 * the next worker takes it over: still the person's, stored once. No agent answer slips through once
 * a person holds the conversation; nothing is lost or doubled.
 */

const ADMIN_PASSWORD = 'operator-secret';
const adminAuthorization = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
// Short, so the crashes are noticed quickly; long enough that a loaded machine renews its locks in time.
const STALL_WINDOW_MS = 3000;
const ESCALATING = "Je veux parler à quelqu'un de l'équipe";
const WHILE_JOINING = 'Vous êtes là ?';
const logger = createLogger({ level: 'silent' });

let database: TestDatabase;
let api: TestApi;
const workers: ChatWorkerHandle[] = [];
/** Runs of the agents' pipeline per job id. */
const agentRuns = new Map<string, number>();

beforeAll(async () => {
  database = await startTestDatabase(logger);
  api = await startTestApi({
    name: 'handover-crash',
    database,
    startWorker: false,
    env: { ADMIN_PASSWORD, CONVERSATION_ACCESS: 'open', STALL_WINDOW_MS: String(STALL_WINDOW_MS), RATE_LIMIT_MESSAGES: '100', HANDOVER_OPERATOR_WAIT_SECONDS: '600' },
    handover: {},
  });
}, 180_000);

afterAll(async () => {
  for (const worker of workers) await worker.close().catch(() => undefined);
  await api?.close();
  await database?.stop();
});

/** After running `message`, the process dies: nothing after it runs (the returned promise never settles). */
function crashingAfter(pipeline: ChatPipeline, message: string, reached: () => void): ChatPipeline {
  return {
    async run(job, hooks) {
      const result = await pipeline.run(job, hooks);
      if (job.data.message !== message) return result;
      reached();
      return new Promise<never>(() => undefined);
    },
  };
}

/**
 * A worker as services/worker wires it: the agents inside the hand-over, replies announced. With
 * `crash`, it dies on `crash.message`, after the agents stored their reply (`agents`) or after the
 * hand-over handled the message (`hand-over`), and `crashed` resolves then.
 */
function startWorker(crash?: { after: 'agents' | 'hand-over'; message: string }): { handle: ChatWorkerHandle; crashed: Promise<void> } {
  const desk = api.handover!.desk;
  let reached!: () => void;
  const crashed = new Promise<void>((resolve) => (reached = resolve));
  const agents = createLocalAgentsPipeline({
    pool: database.pool,
    conversations: withAnnouncedReplies(database.conversations, desk),
    config: api.config,
    logger,
    onRun: (jobId) => agentRuns.set(jobId, (agentRuns.get(jobId) ?? 0) + 1),
  });
  const handedOver = withHandover(crash?.after === 'agents' ? crashingAfter(agents, crash.message, reached) : agents, desk, logger);
  const pipeline = crash?.after === 'hand-over' ? crashingAfter(handedOver, crash.message, reached) : handedOver;
  const handle = startChatWorker({ config: api.config, pipeline, logger });
  workers.push(handle);
  return { handle, crashed };
}

/** The crash: the lock is no longer renewed; the job stays active until the stall window tells. */
const crash = (worker: { handle: ChatWorkerHandle }) => worker.handle.worker.close(true);

async function join(conversationId: string): Promise<number> {
  const response = await fetch(`${api.baseUrl}/admin/conversations/${conversationId}/join`, {
    method: 'POST',
    headers: { authorization: adminAuthorization, 'content-type': 'application/json' },
    body: JSON.stringify({ operator_name: 'Sophie' }),
  });
  return response.status;
}

async function post(conversationId: string, message: string): Promise<string> {
  const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'visiteuse-crash', conversation_id: conversationId, message }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { job_id: string }).job_id;
}

async function jobEnd(jobId: string): Promise<{ status: string; result?: { agent: string; handled_by?: string; message: string } }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = (await (await fetch(`${api.baseUrl}/api/v2/chat/jobs/${jobId}?wait=5`)).json()) as { status: string; result?: never };
    if (view.status === 'completed' || view.status === 'failed' || Date.now() > deadline) return view;
  }
}

const conversationOf = async (conversationId: string) => (await (await fetch(`${api.baseUrl}/api/v2/conversations/${conversationId}`)).json()) as { state: string };
const transcriptOf = async (conversationId: string) =>
  ((await (await fetch(`${api.baseUrl}/api/v2/conversations/${conversationId}/messages?limit=100`)).json()) as { messages: Array<{ role: string; content: string }> }).messages;

describe('a worker crash while the conversation goes to a person', () => {
  it('lets no agent answer through once a person holds the conversation, and loses nothing', async () => {
    const conversationId = `conv-crash-${Date.now()}`;
    // Worker A dies right after the agents stored their reply, before the conversation moves to waiting_human.
    const workerA = startWorker({ after: 'agents', message: ESCALATING });
    const escalating = await post(conversationId, ESCALATING);
    const queuedBehind = await post(conversationId, 'Je voudrais un remboursement de ma formation');
    await workerA.crashed;
    await crash(workerA);
    expect((await conversationOf(conversationId)).state).toBe('ai');

    // Worker B takes the job over: the stored reply, then the move; the queued message goes to the person.
    const workerB = startWorker({ after: 'hand-over', message: WHILE_JOINING });
    const [first, second] = await Promise.all([jobEnd(escalating), jobEnd(queuedBehind)]);
    expect(first).toMatchObject({ status: 'completed', result: { agent: 'escalate', handled_by: 'agent' } });
    expect(second).toMatchObject({ status: 'completed', result: { handled_by: 'person' } });
    expect((await conversationOf(conversationId)).state).toBe('waiting_human');

    // Worker B dies once the next message went to the person, and the operator joins meanwhile; worker C takes it over.
    const whileJoining = await post(conversationId, WHILE_JOINING);
    await workerB.crashed;
    expect(await join(conversationId)).toBe(200);
    await crash(workerB);
    startWorker();
    expect(await jobEnd(whileJoining)).toMatchObject({ status: 'completed', result: { handled_by: 'person' } });
    expect((await conversationOf(conversationId)).state).toBe('human');
    const afterJoin = await post(conversationId, 'Merci, je vous attends');
    expect(await jobEnd(afterJoin)).toMatchObject({ status: 'completed', result: { handled_by: 'person' } });

    // The agents ran for the escalating message only (the crashed run and its re-run: more if a loaded
    // machine let a lock lapse; the transcript below shows it was still answered once), never for the person's messages.
    expect(agentRuns.get(escalating)).toBeGreaterThanOrEqual(2);
    expect(agentRuns.get(queuedBehind)).toBeUndefined();
    expect(agentRuns.get(whileJoining)).toBeUndefined();
    expect(agentRuns.get(afterJoin)).toBeUndefined();
    // Nothing lost, nothing doubled: four visitor messages, one agent reply (the escalation), in order.
    const transcript = await transcriptOf(conversationId);
    expect(transcript.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'user', 'user']);
    expect(transcript.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
      ESCALATING,
      'Je voudrais un remboursement de ma formation',
      WHILE_JOINING,
      'Merci, je vous attends',
    ]);
    expect(transcript[1]!.content).toBe(first.result!.message);
  }, 60_000);
});
