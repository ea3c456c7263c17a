/**
 * At most `perKey` holders at once for each key (a client address), the others waiting their turn in
 * arrival order. A key nobody holds or waits for is forgotten, so the map holds only busy keys.
 */
export interface KeyedTurn {
  /** Whether this holder waited for its turn (others held the key): what it read before may have changed. */
  readonly waited: boolean;
  /** Gives the turn to the next waiter of the key (idempotent). */
  release(): void;
}

export class KeyedTurns<K> {
  private readonly busy = new Map<K, { holders: number; waiting: Array<() => void> }>();

  constructor(private readonly perKey: number) {
    if (!Number.isInteger(perKey) || perKey < 1) throw new RangeError(`perKey must be a positive integer, got ${perKey}`);
  }

  async take(key: K): Promise<KeyedTurn> {
    const entry = this.busy.get(key) ?? { holders: 0, waiting: [] };
    this.busy.set(key, entry);
    const waited = entry.holders >= this.perKey;
    if (waited) {
      // The releasing holder hands its place over: holders stays the same.
      await new Promise<void>((resolve) => entry.waiting.push(resolve));
    } else {
      entry.holders += 1;
    }
    let released = false;
    return {
      waited,
      release: () => {
        if (released) return;
        released = true;
        const next = entry.waiting.shift();
        if (next !== undefined) return next();
        entry.holders -= 1;
        if (entry.holders === 0) this.busy.delete(key);
      },
    };
  }

  /** Holders and waiters of a key right now (for tests and metrics). */
  countOf(key: K): { holders: number; waiting: number } {
    const entry = this.busy.get(key);
    return { holders: entry?.holders ?? 0, waiting: entry?.waiting.length ?? 0 };
  }
}
