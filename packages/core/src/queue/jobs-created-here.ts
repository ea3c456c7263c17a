/**
 * The ids of the last chat jobs this API process created (their creation answered), so that a
 * message admitted behind such a head need not ask Redis whether the head's job exists
 * (ChatSubmitter's check for a head abandoned between admission and creation). Bounded: an id
 * older than the last `capacity` creations is forgotten, and the check then asks Redis as before.
 */

/** Enough to cover the heads still waiting for a worker at several thousand messages a second. */
export const JOBS_CREATED_HERE_CAPACITY = 4096;

export class JobsCreatedHere {
  /** In creation order (a Set keeps insertion order): the first is the oldest, forgotten first. */
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = JOBS_CREATED_HERE_CAPACITY) {}

  /** The job's creation was answered: it exists in Redis. */
  add(jobId: string): void {
    if (this.ids.has(jobId)) return;
    if (this.ids.size >= this.capacity) this.ids.delete(this.ids.values().next().value!);
    this.ids.add(jobId);
  }

  has(jobId: string): boolean {
    return this.ids.has(jobId);
  }
}
