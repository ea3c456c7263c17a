import { describe, expect, it } from 'vitest';
import { identifiersNamedIn, namesAnyOf } from './job-data-identifiers.ts';

describe('identifiersNamedIn', () => {
  it('reads ids by field, at any depth, from the JSON fields of a job', () => {
    const named = identifiersNamedIn([
      JSON.stringify({ user_id: 'u-1', conversation_id: 'c-1', message: 'conversation_id "c-9" user_id "u-9"' }),
      JSON.stringify({ event_id: 'e', conversation: { id: 'c-2', state: 'human' }, message: { conversation_id: 'c-3' } }),
      JSON.stringify({ escalation_id: 'esc-1' }),
      'Error: plain text naming "c-4"',
      null,
    ]);
    expect([...named.conversationIds].sort()).toEqual(['c-1', 'c-2', 'c-3']);
    expect([...named.userIds]).toEqual(['u-1']);
    expect([...named.escalationIds]).toEqual(['esc-1']);
  });

  it('never matches an id of one kind against an id of another kind, nor text that merely contains it', () => {
    const job = identifiersNamedIn([JSON.stringify({ user_id: 'victim', conversation_id: 'victim-conv', message: '"attacker-conv"' })]);
    const erased = (ids: { conversationIds?: string[]; userIds?: string[] }) => ({
      conversationIds: new Set(ids.conversationIds ?? []),
      userIds: new Set(ids.userIds ?? []),
      escalationIds: new Set<string>(),
    });
    // A conversation named like the victim's user id, or named in the victim's message text.
    expect(namesAnyOf(job, erased({ conversationIds: ['victim', 'attacker-conv'] }))).toBe(false);
    expect(namesAnyOf(job, erased({ conversationIds: ['victim-conv'] }))).toBe(true);
    expect(namesAnyOf(job, erased({ userIds: ['victim'] }))).toBe(true);
  });
});
