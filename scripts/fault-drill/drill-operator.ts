import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordedFetch } from './drill-clients.ts';

/**
 * The operator of the fault drill, as the inbox does it: lists the conversations waiting for a
 * person every second, joins each, answers once (with an Idempotency-Key kept across retries),
 * then hands it back. Every call is retried on 503, 429 and connection errors.
 */

export const DRILL_ADMIN_PASSWORD = 'drill-secret';
const authorization = `Basic ${Buffer.from(`admin:${DRILL_ADMIN_PASSWORD}`).toString('base64')}`;

export interface OperatorReply {
  conversationId: string;
  text: string;
  /** 200 once stored (201 counts as 200), else the last status. */
  status: number;
}

export interface DrillOperator {
  replies: OperatorReply[];
  /** Joins, replies or hand-backs that did not succeed, with their status. */
  refusals: string[];
  /** Stops listing; resolves once every conversation taken is handed back. */
  stop(): Promise<void>;
}

export function startDrillOperator(baseUrls: string[]): DrillOperator {
  const replies: OperatorReply[] = [];
  const refusals: string[] = [];
  const handlings: Array<Promise<void>> = [];
  let stopped = false;

  const post = async (path: string, body: unknown, kind: string, idempotencyKey?: string) => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const reply = await recordedFetch(kind, `${baseUrls[attempt % baseUrls.length]}/admin/conversations${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        body: JSON.stringify(body),
      }, 6_000);
      if (reply.status !== 0 && reply.status !== 503 && reply.status !== 429) return reply;
      await sleep(1_000);
    }
    return { status: -1, body: undefined };
  };

  const handle = async (conversationId: string) => {
    const conversationPath = `/${encodeURIComponent(conversationId)}`;
    const join = await post(`${conversationPath}/join`, { operator_name: 'Léa' }, 'admin-join');
    if (join.status !== 200) {
      refusals.push(`join ${conversationId}: ${join.status}`);
      return;
    }
    await sleep(1_000);
    const text = `Bonjour, ici Léa : je regarde votre demande (${randomUUID().slice(0, 8)})`;
    const reply = await post(`${conversationPath}/messages`, { text, operator_name: 'Léa' }, 'admin-reply', randomUUID());
    replies.push({ conversationId, text, status: reply.status === 201 ? 200 : reply.status });
    await sleep(2_000);
    const handBack = await post(`${conversationPath}/handback`, {}, 'admin-handback');
    if (handBack.status !== 200) refusals.push(`handback ${conversationId}: ${handBack.status}`);
  };

  const listing = (async () => {
    const taken = new Set<string>();
    for (let round = 0; !stopped; round++) {
      const list = await recordedFetch('admin-list', `${baseUrls[round % baseUrls.length]}/admin/conversations?state=waiting_human`, { headers: { authorization } }, 6_000);
      for (const conversation of (list.body?.conversations ?? []) as Array<{ conversation_id: string; version: number }>) {
        const key = `${conversation.conversation_id}:${conversation.version}`;
        if (taken.has(key)) continue;
        taken.add(key);
        handlings.push(handle(conversation.conversation_id));
      }
      await sleep(1_000);
    }
  })();

  return {
    replies,
    refusals,
    async stop() {
      stopped = true;
      await listing;
      await Promise.all(handlings);
    },
  };
}
