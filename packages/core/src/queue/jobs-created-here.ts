/**
 * The ids of the last chat jobs this API process created (their creation answered), so that a
 * message admitted behind such a head need not ask Redis whether the head's job exists
 * (ChatSubmitter's check for a head abandoned between admission and creation). Bounded: an id
 * older than the last `capacity` creations is forgotten, and the check then asks Redis as before.
 */

/** Enough to cover the heads still waiting for a worker at several thousand messages a second. */
export const JOBS_CREATED_HERE_CAPACITY = 4096;

export class JobsCreatedHere {
  private readonly ids = new Set<string>();
  /**
   * The same ids in a ring, oldest at `next` once full: forgetting the oldest is one delete. (Taking
   * it as the Set's first value cost 4-5 µs a creation: a Set deleted from its front keeps the
   * deleted slots until it is rebuilt, and each `values().next()` walks past them.)
   */
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly capacity = JOBS_CREATED_HERE_CAPACITY) {
    // The ring's index wraps modulo the capacity: 0 made it NaN and a fraction a non-index key; the
    // ids in the slots never reached again were never forgotten, and more ids were kept than asked.
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`JobsCreatedHere capacity must be a positive integer, got ${capacity}`);
  }

  /** The job's creation was answered: it exists in Redis. */
  add(jobId: string): void {
    if (this.ids.has(jobId)) return;
    if (this.ring.length < this.capacity) {
      this.ring.push(jobId);
    } else {
      this.ids.delete(this.ring[this.next]!);
      this.ring[this.next] = jobId;
      this.next = (this.next + 1) % this.capacity;
    }
    this.ids.add(jobId);
  }

  has(jobId: string): boolean {
    return this.ids.has(jobId);
  }
}
