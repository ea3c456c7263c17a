import { describe, expect, it } from 'vitest';
import { KeyedTurns } from './keyed-turns.ts';

describe('KeyedTurns', () => {
  it('lets perKey holders of a key in at once, the others in arrival order as turns are given back; other keys never wait', async () => {
    const turns = new KeyedTurns<string>(2);
    const entered: string[] = [];
    const first = await turns.take('a');
    const second = await turns.take('a');
    const third = turns.take('a').then((turn) => (entered.push('third'), turn));
    const fourth = turns.take('a').then((turn) => (entered.push('fourth'), turn));
    const otherKey = await turns.take('b');
    expect(turns.countOf('a')).toEqual({ holders: 2, waiting: 2 });
    expect(entered).toEqual([]);
    expect([first.waited, second.waited, otherKey.waited]).toEqual([false, false, false]);
    first.release();
    first.release(); // idempotent: gives one turn only
    const thirdTurn = await third;
    expect(entered).toEqual(['third']);
    expect(thirdTurn.waited).toBe(true);
    expect(turns.countOf('a')).toEqual({ holders: 2, waiting: 1 });
    second.release();
    const fourthTurn = await fourth;
    expect(entered).toEqual(['third', 'fourth']);
    thirdTurn.release();
    fourthTurn.release();
    otherKey.release();
    expect(turns.countOf('a')).toEqual({ holders: 0, waiting: 0 });
    expect(turns.countOf('b')).toEqual({ holders: 0, waiting: 0 });
  });
});
