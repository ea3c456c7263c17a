/**
 * How many of something each key holds right now (requests at work per client, requests in
 * progress per connection, open connections per address). A key back at 0 is forgotten, so the
 * map holds only the keys that hold something.
 */
export class CountsByKey<K> {
  private readonly counts = new Map<K, number>();

  of(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: K): void {
    this.counts.set(key, this.of(key) + 1);
  }

  remove(key: K): void {
    const left = this.of(key) - 1;
    if (left <= 0) this.counts.delete(key);
    else this.counts.set(key, left);
  }
}
