import { AppError } from '../errors/app-error.ts';

/**
 * How a chat job's failure travels from the worker to the API: BullMQ keeps only a message
 * (`failedReason`), so the worker writes it as `[code] internal message` and the reader turns the
 * code into a French message for the visitor (internal messages are never shown).
 */

export type ChatJobFailureCode =
  | 'invalid_job_data'
  | 'job_deadline_exceeded'
  | 'processing_failed'
  | 'worker_lost'
  | 'dependency_unavailable'
  | 'withdrawn';

const visitorMessages: Record<ChatJobFailureCode, string> = {
  invalid_job_data: "Ton message n'a pas pu être traité. Merci de le renvoyer.",
  job_deadline_exceeded:
    "Désolée, la réponse a pris trop de temps. Réessaie dans un instant, ou demande à parler à l'équipe.",
  processing_failed:
    "Désolée, nous n'avons pas pu répondre à ton message. Réessaie dans un instant, ou demande à parler à l'équipe.",
  worker_lost:
    "Désolée, ton message n'a pas pu être traité à temps. Réessaie dans un instant, ou demande à parler à l'équipe.",
  dependency_unavailable:
    "Le service est momentanément indisponible. Réessaie dans quelques minutes, ou demande à parler à l'équipe.",
  withdrawn: "Ton message n'a pas été pris en compte (le service était indisponible). Merci de le renvoyer.",
};

/** The reason given to calls a chat job left running when it ended (nothing waits for them any more). */
export class JobEndedError extends Error {
  constructor() {
    super('chat job ended: calls it left running are cancelled');
    this.name = 'JobEndedError';
  }
}

/** The job ran past JOB_DEADLINE_MS: retryable (the next attempt may be faster). */
export class JobDeadlineExceededError extends AppError {
  constructor(deadlineMs: number, cause?: unknown) {
    super({
      code: 'job_deadline_exceeded',
      status: 504,
      retryable: true,
      message: `chat job exceeded its deadline of ${deadlineMs} ms`,
      details: { deadlineMs },
      cause,
    });
  }
}

export function failureCodeOf(error: unknown): ChatJobFailureCode {
  if (error instanceof AppError && error.code in visitorMessages) return error.code as ChatJobFailureCode;
  return 'processing_failed';
}

/** `[code] message` as stored in BullMQ's failedReason. */
export function encodeFailureReason(code: ChatJobFailureCode, message: string): string {
  return `[${code}] ${message}`;
}

/** The visitor-facing error of a failed job, from BullMQ's failedReason. */
export function visitorErrorOf(failedReason: string | undefined): { code: ChatJobFailureCode; message: string } {
  const match = /^\[([a-z_]+)\] /.exec(failedReason ?? '');
  let code: ChatJobFailureCode = 'processing_failed';
  if (match && match[1] && match[1] in visitorMessages) code = match[1] as ChatJobFailureCode;
  else if (failedReason && /stalled more than allowable limit/i.test(failedReason)) code = 'worker_lost';
  return { code, message: visitorMessages[code] };
}
