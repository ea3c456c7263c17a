/**
 * Base of every error the product raises on purpose. `status` is the HTTP status
 * the API answers with; `code` is the stable machine code of the error body;
 * `retryable` tells the worker whether another attempt may succeed.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: {
    message: string;
    code: string;
    status?: number;
    retryable?: boolean;
    details?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status ?? 500;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }
}

/** Input that does not match its schema (HTTP 400, never retried). */
export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super({ message, code: 'invalid_request', status: 400, retryable: false, details });
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super({ message, code: 'not_found', status: 404, retryable: false, details });
  }
}

/** A dependency (Redis, database) that cannot be reached right now. */
export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, message: string, cause?: unknown) {
    super({ message, code: 'dependency_unavailable', status: 503, retryable: true, details: { dependency }, cause });
  }
}

/**
 * The database answers but refuses writes (a hot standby after a failover, a managed database put in
 * read-only mode when its disk is full): reads work, answers cannot be stored (their jobs wait).
 */
export class DatabaseReadOnlyError extends AppError {
  constructor() {
    super({
      message: 'the database is read-only (transaction_read_only = on): answers cannot be stored, their messages wait',
      code: 'database_read_only',
      status: 503,
      retryable: true,
      details: { dependency: 'database' },
    });
  }
}
