import { describe, expect, it } from 'vitest';
import type { ChatJobView } from '@lac/core';
import { JobEventStreamState, formatServerSentEvent, parseTextOffset } from './job-event-stream-state.ts';

const base = { job_id: 'j1', conversation_id: 'c1' };
const active = (partial_reply?: string): ChatJobView => ({ ...base, status: 'active', position: 0, ...(partial_reply === undefined ? {} : { partial_reply }) });

describe('JobEventStreamState', () => {
  it('sends status once per change, then only appended text, then the terminal event', () => {
    const state = new JobEventStreamState(0);
    const first = state.eventsFor({ ...base, status: 'queued', position: 2 });
    expect(first.map((e) => e.event)).toEqual(['status']);
    expect(state.eventsFor({ ...base, status: 'queued', position: 2 })).toEqual([]);
    const deltas = [active('Bon'), active('Bonjour'), active('Bonjour')].flatMap((view) => state.eventsFor(view));
    expect(deltas.map((e) => [e.event, e.id, e.data])).toEqual([
      ['status', '0', { ...base, status: 'active', position: 0 }],
      ['delta', '3', { text: 'Bon' }],
      ['delta', '7', { text: 'jour' }],
    ]);
    const failed = state.eventsFor({ ...base, status: 'failed', error: { code: 'x', message: 'y' } });
    expect(failed.map((e) => e.event)).toEqual(['status', 'failed']);
    expect(state.isFinished).toBe(true);
    expect(state.eventsFor(active('more'))).toEqual([]);
  });

  it('resumes after the delivered offset and never cuts an emoji in two', () => {
    const state = new JobEventStreamState(7);
    const events = state.eventsFor(active('Bonjour 🌸 toi'));
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['status', { ...base, status: 'active', position: 0 }],
      ['delta', { text: ' 🌸 toi' }],
    ]);
    const cut = new JobEventStreamState(2);
    expect(cut.eventsFor(active('a🌸b')).at(-1)?.data).toEqual({ text: '🌸b' });
    // Ids count UTF-16 code units, as docs/http-api.md says (the emoji is two): 'a🌸b' ends at 4.
    expect(new JobEventStreamState(0).eventsFor(active('a🌸b')).at(-1)?.id).toBe('4');
  });

  it('drops a resume point beyond any text the job has (a stale or another job\'s id): the first text comes whole', () => {
    const state = new JobEventStreamState(100);
    const queued = state.eventsFor({ ...base, status: 'queued', position: 0 });
    expect(queued.map((e) => [e.event, e.id])).toEqual([['status', '0']]);
    const events = [active('Bonjour'), active('Bonjour toi')].flatMap((view) => state.eventsFor(view));
    expect(events.map((e) => [e.event, e.id, e.data])).toEqual([
      ['status', '0', { ...base, status: 'active', position: 0 }],
      ['reset', '7', { text: 'Bonjour' }],
      ['delta', '11', { text: ' toi' }],
    ]);
  });

  it('sends reset when a retry restarts the answer with other words, nothing for a stale prefix', () => {
    const state = new JobEventStreamState(0);
    state.eventsFor(active('Première version'));
    expect(state.eventsFor(active('Première'))).toEqual([]);
    const events = state.eventsFor(active('Deux'));
    expect(events.map((e) => [e.event, e.id, e.data])).toEqual([['reset', '4', { text: 'Deux' }]]);
  });

  it('formats one event per block with a JSON data line', () => {
    expect(formatServerSentEvent({ event: 'delta', id: '5', data: { text: 'a\nb' } })).toBe('event: delta\nid: 5\ndata: {"text":"a\\nb"}\n\n');
    expect(parseTextOffset('42')).toBe(42);
    expect(parseTextOffset('abc')).toBe(0);
    expect(parseTextOffset(undefined)).toBe(0);
  });
});
