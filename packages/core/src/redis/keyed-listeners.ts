/**
 * The in-memory fan-out behind one Redis subscription per process: listeners registered per key
 * (a job id, a conversation id). A listener costs a Map entry, never a Redis command; one that
 * throws is reported and does not stop the others.
 */
export class KeyedListeners<Signal> {
  private readonly byKey = new Map<string, Set<(signal: Signal) => void>>();

  constructor(private readonly onListenerError: (error: unknown, key: string) => void) {}

  /** Keys with at least one listener. */
  get keyCount(): number {
    return this.byKey.size;
  }

  /** The keys with at least one listener (a snapshot). */
  keys(): string[] {
    return [...this.byKey.keys()];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Registers `listener` for `key`; returns its removal. */
  add(key: string, listener: (signal: Signal) => void): () => void {
    let set = this.byKey.get(key);
    if (!set) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(listener);
    return () => {
      const current = this.byKey.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.byKey.delete(key);
    };
  }

  /** Calls the listeners of `key` (a snapshot: a listener may remove itself). */
  emit(key: string, signal: Signal): void {
    for (const listener of [...(this.byKey.get(key) ?? [])]) this.call(listener, signal, key);
  }

  /** Calls every listener of every key. */
  emitToAll(signal: Signal): void {
    for (const [key, set] of [...this.byKey]) for (const listener of [...set]) this.call(listener, signal, key);
  }

  clear(): void {
    this.byKey.clear();
  }

  private call(listener: (signal: Signal) => void, signal: Signal, key: string): void {
    try {
      listener(signal);
    } catch (error) {
      this.onListenerError(error, key);
    }
  }
}
