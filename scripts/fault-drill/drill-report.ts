import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStreamFollower } from '../../tests/faults/support/event-stream-follower.ts';
import { recordedFetch, type RecordedRequest, type SentMessage } from './drill-clients.ts';
import type { OperatorReply } from './drill-operator.ts';

/**
 * The figures of a fault drill, from what the clients saw and what the product stored:
 * - messages accepted vs answered (completed / failed / never ended), posts retried;
 * - the store (read through the API): every accepted message stored once, in the order sent,
 *   every answer stored once per job, every operator reply stored once;
 * - the visitors' conversation streams: every operator reply and every held message received
 *   once, messages in the order of their timestamps (a late event is listed);
 * - webhooks: each escalation case and each hand-over event received once;
 * - requests: statuses, any 5xx other than 503, any request past its budget, per phase.
 */

export interface Phase {
  name: string;
  from: number;
  to: number;
  healedAt?: number;
}

export async function storeFigures(baseUrl: string, sent: SentMessage[], tokens: Map<string, string>, replies: OperatorReply[], details: string[]) {
  const figures = { lost: 0, doubled: 0, outOfOrder: 0, answersStoredTwice: 0, operatorRepliesMissing: 0, operatorRepliesStoredTwice: 0 };
  for (const [conversationId, token] of tokens) {
    let stored: Array<{ role: string; content: string; job_id: string | null; author?: string }> = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const reply = await recordedFetch('final-read', `${baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/messages?limit=1000`, { headers: { authorization: `Bearer ${token}` } }, 6_000);
      if (reply.status === 200) {
        stored = reply.body.messages;
        break;
      }
      await sleep(1_000);
    }
    const accepted = sent.filter((message) => message.conversationId === conversationId && message.jobId);
    const userTexts = stored.filter((message) => message.role === 'user').map((message) => message.content);
    for (const message of accepted) {
      const count = userTexts.filter((text) => text === message.text).length;
      if (count === 0) details.push(`lost: ${message.text} (${message.end?.status})`);
      if (count > 1) details.push(`stored ${count} times: ${message.text}`);
      figures.lost += count === 0 ? 1 : 0;
      figures.doubled += Math.max(0, count - 1);
    }
    const expected = accepted.map((message) => message.text).filter((text) => userTexts.includes(text));
    const actual = userTexts.filter((text, index) => userTexts.indexOf(text) === index && expected.includes(text));
    const firstDifference = actual.findIndex((text, index) => text !== expected[index]);
    if (firstDifference >= 0) {
      figures.outOfOrder += 1;
      details.push(`out of order in ${conversationId} at ${firstDifference}: ${actual[firstDifference]}, expected ${expected[firstDifference]}`);
    }
    const answersPerJob = new Map<string, number>();
    for (const message of stored) if (message.role === 'assistant' && message.job_id && message.author !== 'system') answersPerJob.set(message.job_id, (answersPerJob.get(message.job_id) ?? 0) + 1);
    for (const [jobId, count] of answersPerJob) if (count > 1) (figures.answersStoredTwice += count - 1), details.push(`answer of job ${jobId} stored ${count} times`);
    for (const reply of replies.filter((candidate) => candidate.conversationId === conversationId && candidate.status === 200)) {
      const count = stored.filter((message) => message.content === reply.text).length;
      figures.operatorRepliesMissing += count === 0 ? 1 : 0;
      figures.operatorRepliesStoredTwice += Math.max(0, count - 1);
    }
  }
  return figures;
}

export function streamFigures(sent: SentMessage[], streams: Map<string, EventStreamFollower>, replies: OperatorReply[], details: string[]) {
  const figures = { operatorRepliesMissing: 0, operatorRepliesTwice: 0, heldMessagesMissing: 0, messageIdsTwice: 0, laterThanANewerMessage: 0, connectionAttemptsByStatus: {} as Record<string, number> };
  for (const [conversationId, stream] of streams) {
    for (const status of stream.attempts) figures.connectionAttemptsByStatus[status] = (figures.connectionAttemptsByStatus[status] ?? 0) + 1;
    const messages = stream.events.filter((event) => (event.data as { type?: string })?.type === 'message').map((event) => (event.data as { message: { id: string; role: string; author?: string; content: string; created_at: string } }).message);
    const contents = messages.map((message) => message.content);
    for (const reply of replies.filter((candidate) => candidate.conversationId === conversationId && candidate.status === 200)) {
      const count = contents.filter((content) => content === reply.text).length;
      figures.operatorRepliesMissing += count === 0 ? 1 : 0;
      figures.operatorRepliesTwice += Math.max(0, count - 1);
    }
    const held = sent.filter((message) => message.conversationId === conversationId && message.end?.result?.handled_by === 'person');
    figures.heldMessagesMissing += held.filter((message) => !contents.includes(message.text)).length;
    figures.messageIdsTwice += messages.length - new Set(messages.map((message) => message.id)).size;
    // A message whose event comes after that of a newer one (its write committed later than its timestamp).
    for (let index = 1; index < messages.length; index++) {
      if (messages[index]!.created_at >= messages[index - 1]!.created_at) continue;
      figures.laterThanANewerMessage += 1;
      const describe = (message: (typeof messages)[number]) => `${message.author ?? message.role} ${message.created_at} "${message.content.slice(0, 30)}"`;
      details.push(`stream of ${conversationId}: ${describe(messages[index]!)} came after ${describe(messages[index - 1]!)}`);
    }
  }
  return figures;
}

/** `received`: only the requests about this drill's conversations (`prefix`): a database shared with an earlier drill may deliver that drill's last events. */
export function webhookFigures(cases: Array<{ id: string; status: string }>, allReceived: Array<{ headers: Record<string, string | string[] | undefined>; body: string }>, prefix: string) {
  const conversationOf = (body: string) => {
    try {
      const parsed = JSON.parse(body) as { escalation?: { conversation_id?: string }; conversation?: { id?: string } };
      return parsed.escalation?.conversation_id ?? parsed.conversation?.id ?? '';
    } catch {
      return '';
    }
  };
  const received = allReceived.filter((request) => conversationOf(request.body).startsWith(`${prefix}-`));
  const perCase = cases.map((row) => received.filter((request) => request.headers['x-lac-escalation-id'] === row.id).length);
  const perEvent = new Map<string, number>();
  const perType: Record<string, number> = {};
  for (const request of received) {
    const eventId = request.headers['x-lac-event-id'];
    if (typeof eventId === 'string') perEvent.set(eventId, (perEvent.get(eventId) ?? 0) + 1);
    const type = String(request.headers['x-lac-event-type'] ?? (request.headers['x-lac-escalation-id'] ? 'escalation.created' : 'other'));
    perType[type] = (perType[type] ?? 0) + 1;
  }
  return {
    requestsAboutEarlierDrills: allReceived.length - received.length,
    cases: cases.length,
    casesByStatus: Object.fromEntries(['open', 'delivered', 'closed'].map((status) => [status, cases.filter((row) => row.status === status).length])),
    casesReceivedOnce: perCase.filter((count) => count === 1).length,
    casesNeverReceived: perCase.filter((count) => count === 0).length,
    casesReceivedTwiceOrMore: perCase.filter((count) => count > 1).length,
    handoverEvents: perEvent.size,
    handoverEventsReceivedTwiceOrMore: [...perEvent.values()].filter((count) => count > 1).length,
    requestsByType: perType,
  };
}

const countByStatus = (requests: RecordedRequest[]) => {
  const counts: Record<string, number> = {};
  for (const request of requests) counts[request.status] = (counts[request.status] ?? 0) + 1;
  return counts;
};

export function requestFigures(requests: RecordedRequest[], phases: Phase[], sent: SentMessage[], startedAt: number) {
  const pastBudget = (request: RecordedRequest) => request.timedOut || request.latencyMs > request.budgetMs;
  return {
    total: requests.length,
    byStatus: countByStatus(requests),
    serverErrorsOtherThan503: requests.filter((request) => request.status >= 500 && request.status !== 503).length,
    pastTheirBudget: requests.filter(pastBudget).map((request) => `${request.kind} ${request.status} ${request.latencyMs} ms at +${Math.round((request.at - startedAt) / 1000)} s`),
    phases: phases.map((phase) => {
      const healedAt = phase.healedAt ?? phase.from;
      const answeredAfter = sent.filter((message) => message.acceptedAt !== undefined && message.acceptedAt >= healedAt && message.end?.status === 'completed').map((message) => message.end!.at);
      return {
        name: phase.name,
        seconds: Math.round((phase.to - phase.from) / 1000),
        requestsByStatus: countByStatus(requests.filter((request) => request.at >= phase.from && request.at < phase.to)),
        firstAnswerAfterHealMs: answeredAfter.length > 0 ? Math.min(...answeredAfter) - healedAt : null,
      };
    }),
  };
}

export function messageFigures(sent: SentMessage[]) {
  const ended = (status: string) => sent.filter((message) => message.end?.status === status).length;
  const latencies = sent.filter((message) => message.end && message.acceptedAt).map((message) => message.end!.at - message.acceptedAt!).sort((a, b) => a - b);
  return {
    sent: sent.length,
    accepted: sent.filter((message) => message.jobId).length,
    completed: ended('completed'),
    failed: ended('failed'),
    neverEnded: ended('timeout'),
    neverAccepted: ended('never-accepted'),
    refused: sent.filter((message) => message.end?.status.startsWith('refused')).length,
    postRetried: sent.filter((message) => message.postAttempts > 1).length,
    askedForAPerson: sent.filter((message) => message.escalating).length,
    heldForAPerson: sent.filter((message) => message.end?.result?.handled_by === 'person').length,
    // From the post's answer (200, or 202 after Prefer: wait) to the end seen by the client.
    endAfterAcceptanceMs: { max: latencies.at(-1) ?? 0, over10s: latencies.filter((ms) => ms > 10_000).length, over30s: latencies.filter((ms) => ms > 30_000).length },
  };
}
