import { JobNotFoundError, InvalidRequestError } from './api-errors.ts';

/** Job ids are UUIDs; anything much longer cannot exist and is not looked up. */
export const MAX_JOB_ID_LENGTH = 200;

/**
 * Names BullMQ gives to its own keys beside the jobs (`<prefix>:<queue>:<name>`): a job id equal
 * to one of them would read the queue's internals (a list, a stream: WRONGTYPE) instead of a job.
 */
export const QUEUE_INTERNAL_KEY_NAMES: ReadonlySet<string> = new Set([
  'active',
  'wait',
  'waiting-children',
  'paused',
  'id',
  'delayed',
  'prioritized',
  'stalled-check',
  'completed',
  'failed',
  'stalled',
  'repeat',
  'limiter',
  'meta',
  'events',
  'pc',
  'marker',
  'de',
]);

/** Letters, digits, `-` and `_` only: no `:` (it would address a job's sub-keys such as `<id>:lock`). */
const JOB_ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * The `:job_id` path parameter, checked before any Redis command: too long → 404 (no such job can
 * exist); other characters, or a name of the queue's internals → 400 `invalid_request`.
 */
export function parseJobIdParameter(value: unknown): string {
  const jobId = String(value ?? '');
  if (jobId.length > MAX_JOB_ID_LENGTH) throw new JobNotFoundError(jobId.slice(0, MAX_JOB_ID_LENGTH).replace(/[^\x20-\x7e]/g, '?'));
  if (!JOB_ID_CHARACTERS.test(jobId)) {
    throw new InvalidRequestError([{ field: 'job_id', message: 'identifiant de message invalide (lettres, chiffres, - et _ seulement)' }]);
  }
  if (QUEUE_INTERNAL_KEY_NAMES.has(jobId.toLowerCase())) {
    throw new InvalidRequestError([{ field: 'job_id', message: 'identifiant de message réservé' }]);
  }
  return jobId;
}
