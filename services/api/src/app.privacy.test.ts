import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { conversationIdDigest, PgEscalationStore, userExportSchema } from '@lac/core';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';
import { SLOW_MARKER } from './testing/scripted-test-pipeline.ts';

/** GDPR export and erasure through HTTP, then a scan of the database and of every Redis key under the prefix. */

const admin = { authorization: `Basic ${Buffer.from('admin:mot-de-passe-admin').toString('base64')}` };

const stack = startTestApiAroundTests({ name: 'privacy', env: { ADMIN_PASSWORD: 'mot-de-passe-admin' } });

async function post(body: { user_id: string; conversation_id: string; message: string }, token?: string, wait = false) {
  const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(wait ? { prefer: 'wait=20' } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { job_id: string; conversation_token?: string; status: string } };
}

/** Every value of every key under the prefix, as text. */
async function dumpRedis(): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await stack.api.redis.scan(cursor, 'MATCH', `${stack.api.config.QUEUE_PREFIX}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await stack.api.redis.type(key);
      if (type === 'string') parts.push(String(await stack.api.redis.get(key)));
      else if (type === 'hash') parts.push(JSON.stringify(await stack.api.redis.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await stack.api.redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await stack.api.redis.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await stack.api.redis.zrange(key, '0', '-1')));
      else if (type === 'stream') parts.push(JSON.stringify(await stack.api.redis.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

async function dumpDatabase(): Promise<string> {
  const tables = ['users', 'conversations', 'messages', 'escalations'];
  const rows = await Promise.all(tables.map((table) => stack.database.pool.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)));
  return rows.flatMap((result) => result.rows.map((row: { row: string }) => row.row)).join('\n');
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('GDPR export and erasure', () => {
  const userId = `rgpd-user-${randomUUID()}`;
  const first = `rgpd-conv-a-${randomUUID()}`;
  const second = `rgpd-conv-b-${randomUUID()}`;
  const queuedOnly = `rgpd-conv-c-${randomUUID()}`;
  const secret = `Ma patientèle en naturopathie ${randomUUID()}`;

  it('exports a user with two conversations and an escalation case', async () => {
    const a = await post({ user_id: userId, conversation_id: first, message: `${secret} (un)` }, undefined, true);
    expect(a.status).toBe(200);
    await post({ user_id: userId, conversation_id: first, message: `${secret} (deux)` }, a.body.conversation_token, true);
    const b = await post({ user_id: userId, conversation_id: second, message: `${secret} (trois)` }, undefined, true);
    expect(b.status).toBe(200);
    await new PgEscalationStore(stack.database.pool).open({
      conversationId: second,
      jobId: b.body.job_id,
      userId,
      category: 'personal_data',
      reason: 'demande RGPD',
      message: `${secret} (trois)`,
    });

    const response = await fetch(`${stack.api.baseUrl}/admin/users/${userId}/export`, { headers: admin });
    expect(response.status).toBe(200);
    const exported = userExportSchema.parse(await response.json());
    expect(exported.user_id).toBe(userId);
    expect(exported.conversations.map((conversation) => conversation.id).sort()).toEqual([first, second].sort());
    const byId = new Map(exported.conversations.map((conversation) => [conversation.id, conversation]));
    expect(byId.get(first)!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(byId.get(first)!.messages[0]).toMatchObject({ content: `${secret} (un)`, role: 'user' });
    expect(byId.get(first)!.messages[1]!.agent).toBe('carole');
    expect(byId.get(second)!.messages).toHaveLength(2);
    expect(exported.escalations).toHaveLength(1);
    expect(exported.escalations[0]).toMatchObject({ conversation_id: second, category: 'personal_data', user_id: userId });
    expect((await fetch(`${stack.api.baseUrl}/admin/users/${userId}/export`)).status).toBe(401);
  });

  it('DELETE /admin/users/:user_id leaves no trace in the database nor under the Redis prefix, even with messages queued and running', async () => {
    // A message running (slow) and one queued behind it in a stored conversation, and a conversation known only to the queue.
    const c = await post({ user_id: userId, conversation_id: queuedOnly, message: `${secret} ${SLOW_MARKER} (quatre)` });
    expect(c.status).toBe(202);
    const queuedBehind = await post({ user_id: userId, conversation_id: queuedOnly, message: `${secret} (cinq)` }, c.body.conversation_token);
    expect(queuedBehind.status).toBe(202);
    await waitUntil(async () => (await stack.api.queue.getJobState(c.body.job_id)) === 'active', 'the slow job to start');

    const response = await fetch(`${stack.api.baseUrl}/admin/users/${userId}`, { method: 'DELETE', headers: admin });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { user_id: string; erased: Record<string, number> };
    // The two stored conversations; the queued one is found in Redis, and erased again if its running
    // job stored its rows meanwhile (a slow machine: the job ends before the Redis step), then counted too.
    const queuedStoredMeanwhile = report.erased.conversations === 3;
    expect(report.erased).toMatchObject(
      queuedStoredMeanwhile ? { conversations: 3, escalations: 1, users: 2 } : { conversations: 2, messages: 6, escalations: 1, users: 1 },
    );
    if (queuedStoredMeanwhile) expect(report.erased.messages).toBeGreaterThan(6);
    // Each of the five jobs is removed now, or counted running (locked: its worker erases it after
    // it ends; on a loaded machine the slow job may end, and be erased by its worker, between the
    // marking and this removal, and the one behind it be running by then).
    expect(report.erased.jobs_removed).toBeGreaterThanOrEqual(3);
    expect((report.erased.jobs_removed ?? 0) + (report.erased.jobs_running ?? 0)).toBeGreaterThanOrEqual(5);

    // The running job ends, stores nothing, and is erased after it.
    await waitUntil(async () => (await stack.api.queue.getJobState(c.body.job_id)) === 'unknown', 'the running job to be erased after it ended');
    // The running job's last events land as it ends; the erasure after it removes them.
    await waitUntil(async () => {
      const dump = await dumpRedis();
      return [userId, first, second, queuedOnly, secret].every((trace) => !dump.includes(trace));
    }, 'the last Redis traces to go');
    const redisDump = await dumpRedis();
    const databaseDump = await dumpDatabase();
    for (const trace of [userId, first, second, queuedOnly, secret]) {
      expect(redisDump).not.toContain(trace);
      expect(databaseDump).not.toContain(trace);
    }

    const again = await fetch(`${stack.api.baseUrl}/admin/users/${userId}`, { method: 'DELETE', headers: admin });
    expect(((await again.json()) as { erased: Record<string, number> }).erased).toMatchObject({ conversations: 0, messages: 0, users: 0 });
    const exported = userExportSchema.parse(await (await fetch(`${stack.api.baseUrl}/admin/users/${userId}/export`, { headers: admin })).json());
    expect(exported).toMatchObject({ user: null, conversations: [], escalations: [] });
  });

  it('a visitor erases their own conversation with its token; it then answers 410', async () => {
    const conversation = `rgpd-visitor-${randomUUID()}`;
    const created = await post({ user_id: 'visiteuse', conversation_id: conversation, message: 'Bonjour' }, undefined, true);
    const token = created.body.conversation_token!;
    const erase = (headers: Record<string, string>) => fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversation}`, { method: 'DELETE', headers });
    expect((await erase({})).status).toBe(401);
    const erased = await erase({ authorization: `Bearer ${token}` });
    expect(erased.status).toBe(200);
    expect(((await erased.json()) as { erased: Record<string, number> }).erased).toMatchObject({ conversations: 1, messages: 2 });
    const read = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversation}/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(410);
    expect((await post({ user_id: 'visiteuse', conversation_id: conversation, message: 'encore' }, token)).status).toBe(410);
    const rows = await stack.database.pool.query('SELECT 1 FROM messages WHERE conversation_id = $1', [conversation]);
    expect(rows.rowCount).toBe(0);

    // A day later the erasure marker is gone (removed here): someone else's first post of the same id
    // would get the very token the erasing visitor kept, and that token would read their messages.
    await stack.api.redis.del(`${stack.api.config.QUEUE_PREFIX}:erased:${conversationIdDigest(conversation)}`);
    const stranger = await post({ user_id: 'quelquun-d-autre', conversation_id: conversation, message: 'Mon numéro : 06 12 34 56 78' });
    expect(stranger.status).toBe(410);
    expect(stranger.body.conversation_token).toBeUndefined();
    const readWithOldToken = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversation}/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await readWithOldToken.json()) as { messages?: unknown[] }).messages ?? []).toEqual([]);
    // The id stays out of Redis: the retirement is named by its digest.
    expect(await dumpRedis()).not.toContain(conversation);
  });

  it('erasing one conversation touches no other conversation: not the owner’s others, not one named after the owner or in a message', async () => {
    const victim = `victim-${randomUUID()}`;
    const victimConversation = `victim-conv-${randomUUID()}`;
    const victimOther = `victim-other-${randomUUID()}`;
    const first = await post({ user_id: victim, conversation_id: victimConversation, message: 'Ma question privée' }, undefined, true);
    const other = await post({ user_id: victim, conversation_id: victimOther, message: 'Mon autre question' }, undefined, true);
    expect([first.status, other.status]).toEqual([200, 200]);
    // An attacker posts under the victim's user id, into a conversation named after the victim's user
    // id, and quotes the victim's conversation id in a message: then erases their own conversations.
    const attackerConversations = [`attacker-${randomUUID()}`, victim];
    for (const conversationId of attackerConversations) {
      const created = await post({ user_id: victim, conversation_id: conversationId, message: `salut "${victimConversation}"` }, undefined, true);
      expect(created.status).toBe(200);
      const erased = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${created.body.conversation_token!}` },
      });
      expect(erased.status).toBe(200);
      expect(((await erased.json()) as { erased: Record<string, number> }).erased).toMatchObject({ conversations: 1, messages: 2 });
    }
    for (const [conversationId, created] of [[victimConversation, first], [victimOther, other]] as const) {
      const read = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${created.body.conversation_token!}` } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { messages: unknown[] }).messages).toHaveLength(2);
      const job = await fetch(`${stack.api.baseUrl}/api/v2/chat/jobs/${created.body.job_id}`);
      expect(job.status).toBe(200);
    }
    const owner = await stack.database.pool.query('SELECT 1 FROM users WHERE id = $1', [victim]);
    expect(owner.rowCount).toBe(1);
  });
});
