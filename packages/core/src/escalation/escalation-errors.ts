import { AppError } from '../errors/app-error.ts';

/** The webhook did not accept a delivery (non-2xx status, timeout, connection error): retried by the queue. */
export class EscalationDeliveryFailedError extends AppError {
  constructor(options: { escalationId: string; attempt: number; httpStatus?: number; message: string; cause?: unknown }) {
    super({
      message: options.message,
      code: 'escalation_delivery_failed',
      status: 502,
      retryable: true,
      details: { escalationId: options.escalationId, attempt: options.attempt, httpStatus: options.httpStatus },
      cause: options.cause,
    });
  }
}

/** A delivery job names a case that does not exist (deleted, or another database): not retried. */
export class EscalationNotFoundError extends AppError {
  constructor(escalationId: string) {
    super({
      message: `escalation ${escalationId} not found`,
      code: 'escalation_not_found',
      status: 404,
      retryable: false,
      details: { escalationId },
    });
  }
}
