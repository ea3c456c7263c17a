import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { startFaultInjectingProxy } from '../testing/fault-injecting-proxy.ts';
import type { ConversationUpdate } from './chat-reply.ts';
import { followConversation, reasonOfChange } from './conversation-follower.ts';
import { ServerSentEventsParser, type ServerSentEvent } from './server-sent-events-parser.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';

/**
 * The widget's conversation follower against the real API with the hand-over wired: the SSE
 * stream read with fetch (token in Authorization) and the long-poll fallback see the same
 * things — operator joined (with their name), the operator's reply, handed back, closed — and
 * both stop once the conversation is closed.
 */

describe('followConversation', () => {
  const stack = startTestApiAroundTests({ name: 'widget-follower', env: { ADMIN_PASSWORD: 'operator-secret', HANDOVER_OPERATOR_WAIT_SECONDS: '3600' }, handover: {} }, 120_000);

  /** A proxy to the API that spoils (`fault`) the answers of the first `count` requests of the conversation's stream. */
  const startStreamSpoilingProxy = (conversationId: string, count: number, fault: 'drop' | 'hold') =>
    startFaultInjectingProxy({
      targetPort: Number(new URL(stack.api.baseUrl).port),
      requestLinePrefix: `GET /api/v2/conversations/${conversationId}/events`,
      dropResponses: count,
      fault,
    });

  /**
   * The state changes a follower on the long-poll only (started with `from`) tells once `change` is
   * made, as soon as it has told one.
   */
  async function statesToldByLongPoll(
    { conversationId, token }: { conversationId: string; token: string },
    from: Pick<Parameters<typeof followConversation>[0], 'lastEventId' | 'shownState'>,
    change: () => Promise<unknown>,
  ): Promise<ConversationUpdate[]> {
    const updates: ConversationUpdate[] = [];
    const follower = followConversation({ apiBaseUrl: stack.api.baseUrl, conversationId, token, useStreaming: false, longPollSeconds: 5, ...from, onUpdate: (update) => updates.push(update) });
    try {
      await change();
      await waitForCondition(() => updates.some((update) => update.kind === 'state'));
      return updates.filter((update) => update.kind === 'state');
    } finally {
      follower.stop();
    }
  }

  /** A conversation with its token: the first post hands it out. */
  async function startConversation(name: string): Promise<{ conversationId: string; token: string }> {
    const conversationId = `${name}-${Date.now().toString(36)}`;
    const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=10' },
      body: JSON.stringify({ user_id: `visitor-${name}`, conversation_id: conversationId, message: 'Bonjour' }),
    });
    const body = (await response.json()) as { conversation_token: string };
    return { conversationId, token: body.conversation_token };
  }

  it.each([
    ['the event stream', true],
    ['the long-poll fallback', false],
  ])('delivers joined, the reply, handed back and closed through %s', async (_name, useStreaming) => {
    const { conversationId, token } = await startConversation(useStreaming ? 'follow-sse' : 'follow-poll');
    const updates: ConversationUpdate[] = [];
    let ended: string | undefined;
    const follower = followConversation({
      apiBaseUrl: stack.api.baseUrl,
      conversationId,
      token,
      useStreaming,
      longPollSeconds: 5,
      onUpdate: (update) => updates.push(update),
      onEnd: (reason) => (ended = reason),
    });
    try {
      const desk = stack.api.handover!.desk;
      const states = () => updates.flatMap((update) => (update.kind === 'state' ? [update.state] : []));
      await waitForCondition(() => states().length > 0); // the first answer: a snapshot (stream) or the current state (long-poll)
      await desk.escalated(conversationId, `visitor-${conversationId}`);
      await waitForCondition(() => states().includes('waiting_human'));
      await desk.act('join', conversationId, 'Léa');
      await waitForCondition(() => states().includes('human'));
      await desk.reply(conversationId, { fallbackName: 'admin' }, 'Je suis là.');
      await waitForCondition(() => updates.some((update) => update.kind === 'message' && update.entry.author === 'human'));
      await desk.act('handback', conversationId, 'Léa');
      await waitForCondition(() => states().at(-1) === 'ai');
      await desk.act('close', conversationId, 'Léa');
      await waitForCondition(() => ended !== undefined);

      const joined = updates.find((update) => update.kind === 'state' && update.state === 'human');
      expect(joined).toMatchObject({ operatorName: 'Léa', reason: 'joined' });
      const reply = updates.find((update) => update.kind === 'message' && update.entry.author === 'human');
      expect(reply).toMatchObject({ entry: { text: 'Je suis là.', operatorName: 'Léa', role: 'assistant' } });
      expect(states().slice(-4)).toEqual(['waiting_human', 'human', 'ai', 'closed']);
      expect(ended).toBe('closed');
    } finally {
      follower.stop();
    }
  }, 60_000);

  /**
   * A follower behind a proxy that spoils every stream answer (`fault`), while an operator joins and
   * replies: resolves with what it received once the reply came (within `withinMs`), and how many
   * stream requests the proxy saw.
   */
  async function followBehindFaultyProxy(
    name: string,
    fault: 'drop' | 'hold',
    reply: string,
    withinMs: number,
    tuning: { streamFirstByteMs?: number; streamRetryAfterMs?: number; spoiledStreams?: number } = {},
  ) {
    const { conversationId, token } = await startConversation(name);
    const proxy = await startStreamSpoilingProxy(conversationId, tuning.spoiledStreams ?? 1000, fault);
    const updates: ConversationUpdate[] = [];
    const { spoiledStreams: _spoiledStreams, ...timings } = tuning;
    const follower = followConversation({ apiBaseUrl: proxy.url, conversationId, token, longPollSeconds: 5, ...timings, onUpdate: (update) => updates.push(update) });
    try {
      const desk = stack.api.handover!.desk;
      await desk.escalated(conversationId, `visitor-${conversationId}`);
      await desk.act('join', conversationId, 'Léa');
      await desk.reply(conversationId, { fallbackName: 'admin' }, reply);
      await waitForCondition(() => updates.some((update) => update.kind === 'message' && update.entry.text === reply), withinMs);
      return { updates, streamRequests: proxy.matchingRequests.length };
    } finally {
      follower.stop();
      await proxy.close();
    }
  }

  // The four cases behind a stream-spoiling proxy run at once: each has its own conversation and
  // proxy, and their time is the follower's own delays (first byte, retries, the long-poll).
  it.concurrent('falls back to the long-poll by itself when the stream never gets through', async () => {
    // Every stream request reaches the API but its answer is cut: nothing of it arrives.
    const { updates, streamRequests } = await followBehindFaultyProxy('follow-fallback', 'drop', 'Je passe par le long-poll.', 30_000);
    expect(updates.some((update) => update.kind === 'state' && update.state === 'human' && update.operatorName === 'Léa')).toBe(true);
    // Three stream attempts (cut answers, not held back ones), then the long-poll.
    expect(streamRequests).toBe(3);
  }, 60_000);

  it.concurrent('falls back to the long-poll within seconds when a proxy holds the stream back until its end', async () => {
    // Two attempts of 1 s without a byte and a 1 s pause, then the long-poll: well within 15 s
    // (the idle limit alone, 60 s, would not have let it through at all here).
    const { streamRequests } = await followBehindFaultyProxy('follow-buffered', 'hold', 'Malgré le proxy.', 15_000, { streamFirstByteMs: 1_000 });
    expect(streamRequests).toBe(2);
  }, 60_000);

  it.concurrent('goes back to the stream after a while of long-polling, once whatever held it back is gone', async () => {
    const { conversationId, token } = await startConversation('follow-back');
    // Only the first two streams are held back.
    const proxy = await startStreamSpoilingProxy(conversationId, 2, 'hold');
    const updates: ConversationUpdate[] = [];
    const follower = followConversation({
      apiBaseUrl: proxy.url,
      conversationId,
      token,
      longPollSeconds: 2,
      streamFirstByteMs: 1_000,
      streamRetryAfterMs: 3_000,
      onUpdate: (update) => updates.push(update),
    });
    try {
      // Two held-back streams, the long-poll for 3 s, then a third stream that flows.
      await waitForCondition(() => proxy.matchingRequests.length >= 3, 20_000);
      const desk = stack.api.handover!.desk;
      await desk.escalated(conversationId, `visitor-${conversationId}`);
      await desk.act('join', conversationId, 'Léa');
      await desk.reply(conversationId, { fallbackName: 'admin' }, 'Le flux revient.');
      await waitForCondition(() => updates.some((update) => update.kind === 'message' && update.entry.text === 'Le flux revient.'), 15_000);
      expect(proxy.matchingRequests).toHaveLength(3);
    } finally {
      follower.stop();
      await proxy.close();
    }
  }, 60_000);

  it.concurrent('going back from the long-poll to the stream, resumes after what the long-poll told (no change told twice)', async () => {
    const { conversationId, token } = await startConversation('follow-back-resume');
    const desk = stack.api.handover!.desk;
    // What a reload reads: an event id to resume after (the stream, later, would replay from it).
    await desk.escalated(conversationId, `visitor-${conversationId}`);
    const lastEventId = await stack.api.handover!.events.lastEventId(conversationId);
    // The first three streams are cut: the long-poll takes over, then the stream again after 3 s.
    const proxy = await startStreamSpoilingProxy(conversationId, 3, 'drop');
    const states: string[] = [];
    const follower = followConversation({
      apiBaseUrl: proxy.url,
      conversationId,
      token,
      lastEventId: lastEventId!,
      shownState: 'waiting_human',
      longPollSeconds: 1,
      streamRetryAfterMs: 3_000,
      onUpdate: (update) => {
        if (update.kind === 'state') states.push(update.state);
      },
    });
    try {
      await waitForCondition(() => proxy.matchingRequests.length >= 3, 30_000);
      await desk.act('join', conversationId, 'Léa');
      await waitForCondition(() => states.includes('human'), 15_000);
      await desk.act('handback', conversationId, 'Léa');
      await waitForCondition(() => states.includes('ai'), 15_000);
      // The stream is back (a fourth request, passed through): it has nothing to replay.
      await waitForCondition(() => proxy.matchingRequests.length >= 4, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(states).toEqual(['human', 'ai']);
    } finally {
      follower.stop();
      await proxy.close();
    }
  }, 90_000);

  it('a long-poll tells a visitor’s cancel (from another tab) as a cancel, not as a hand-back', async () => {
    const conversation = await startConversation('follow-poll-cancel');
    const desk = stack.api.handover!.desk;
    await desk.escalated(conversation.conversationId, `visitor-${conversation.conversationId}`);
    const told = await statesToldByLongPoll(conversation, { shownState: 'waiting_human' }, () => desk.cancelByVisitor(conversation.conversationId));
    expect(told).toEqual([expect.objectContaining({ state: 'ai', reason: 'cancelled' })]);
  });

  it('a long-poll resuming after a read (an event id, no snapshot) tells a hand-back as one, not as a snapshot', async () => {
    const conversation = await startConversation('follow-resumed-poll');
    const { conversationId } = conversation;
    const desk = stack.api.handover!.desk;
    await desk.escalated(conversationId, `visitor-${conversationId}`);
    await desk.act('join', conversationId, 'Léa');
    // What a reload reads: the state and the stream's newest event id.
    const lastEventId = await stack.api.handover!.events.lastEventId(conversationId);
    expect(lastEventId).toBeDefined();
    const told = await statesToldByLongPoll(conversation, { lastEventId: lastEventId!, shownState: 'human' }, () => desk.act('handback', conversationId, 'Léa'));
    expect(told).toEqual([expect.objectContaining({ state: 'ai', reason: 'handed_back' })]);
  });

  it('stops when the token does not open the conversation', async () => {
    const { conversationId } = await startConversation('follow-refused');
    let ended: string | undefined;
    const follower = followConversation({ apiBaseUrl: stack.api.baseUrl, conversationId, token: 'ct1.wrong', onUpdate: () => undefined, onEnd: (reason) => (ended = reason) });
    await waitForCondition(() => ended !== undefined);
    follower.stop();
    expect(ended).toBe('refused');
  });

  it('the long-poll refuses a state it does not know with a 400 naming the field', async () => {
    const { conversationId, token } = await startConversation('follow-bad-state');
    const response = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}/messages?wait=1&state=bientot`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('state');
  });

  it('infers the reason of a state change seen by a long-poll', () => {
    expect(reasonOfChange(undefined, 'human')).toBe('snapshot');
    expect(reasonOfChange('waiting_human', 'human')).toBe('joined');
    expect(reasonOfChange('human', 'ai')).toBe('handed_back');
    expect(reasonOfChange('closed', 'ai')).toBe('reopened');
    expect(reasonOfChange('ai', 'closed')).toBe('closed');
  });
});

describe('ServerSentEventsParser', () => {
  it('splits events across chunks and line endings, and skips comments', () => {
    const events: ServerSentEvent[] = [];
    const parser = new ServerSentEventsParser((event) => events.push(event));
    for (const chunk of ['retry: 2000\n\n: keep-alive\n\nevent: sta', 'te\r\nid: 1-0\r\ndata: {"a":', '1}\r', '\n\r\nevent: message\nid: 2-0\ndata: x\ndata: y\n\n']) {
      parser.push(chunk);
    }
    expect(events).toEqual([
      { type: 'state', id: '1-0', data: '{"a":1}' },
      { type: 'message', id: '2-0', data: 'x\ny' },
    ]);
  });

  it('keeps the last event id for the events that follow until an id line changes it (the SSE last event ID buffer)', () => {
    const events: ServerSentEvent[] = [];
    const parser = new ServerSentEventsParser((event) => events.push(event));
    parser.push('id: 7-0\ndata: a\n\ndata: b\n\nid: 8-0\ndata: c\n\n');
    expect(events.map((event) => event.id)).toEqual(['7-0', '7-0', '8-0']);
  });
});
