/** Paths of a job's resources, as given in `poll_url`, `events_url` and `Location`. */
export function jobPollPath(jobId: string): string {
  return `/api/v2/chat/jobs/${encodeURIComponent(jobId)}`;
}

export function jobEventsPath(jobId: string): string {
  return `${jobPollPath(jobId)}/events`;
}
