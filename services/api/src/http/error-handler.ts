import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  AppError,
  DependencyFaultLog,
  DependencyUnavailableError,
  errorBodySchema,
  infrastructureFaultOf,
  type Logger,
} from '@lac/core';
import {
  InvalidEncodingError,
  InvalidJsonError,
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedContentEncodingError,
  UnsupportedCharsetError,
} from './api-errors.ts';

const GENERIC_SERVER_ERROR_MESSAGE = 'Une erreur interne est survenue. Veuillez réessayer dans un instant.';
const SERVICE_UNAVAILABLE_MESSAGE = 'Le service est momentanément indisponible. Veuillez réessayer dans un instant.';

/** The shape of the errors raised by body-parser (express.json). */
interface BodyParserError extends Error {
  type: string;
  status?: number;
  limit?: number;
  /** charset.unsupported: the declared charset. */
  charset?: unknown;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as Partial<BodyParserError>).type === 'string' && 'expose' in error;
}

/** Maps anything thrown by a route to an AppError with a visitor-safe message. */
export function toAppError(error: unknown, options: { maxBodyBytes: number }): AppError {
  if (error instanceof AppError) return error;
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed':
        return new InvalidJsonError(error);
      case 'entity.too.large':
        return new PayloadTooLargeError(error.limit ?? options.maxBodyBytes, error);
      case 'encoding.unsupported':
        return new UnsupportedContentEncodingError(error);
      case 'charset.unsupported':
        return new UnsupportedCharsetError(typeof error.charset === 'string' ? error.charset.slice(0, 40) : undefined, error);
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        return new AppError({ message: 'La requête est incomplète ou mal formée.', code: 'bad_request', status: 400, cause: error });
      default:
        break;
    }
  }
  // A compressed body that does not inflate (invalid gzip, deflate, brotli or zstd data).
  if (isZlibError(error)) return new InvalidEncodingError('(body)', 'le corps compressé est invalide (Content-Encoding)', error);
  // Express could not decode a path parameter (bad percent-encoding, invalid UTF-8).
  if (error instanceof URIError || (error instanceof Error && (error as { status?: unknown }).status === 400 && /decode/i.test(error.message))) {
    return new InvalidEncodingError('(path)', 'encodage de l’adresse invalide (pourcentage ou UTF-8)', error);
  }
  // Any other refusal of the body by the parser (a client error it exposes): never a 500.
  const status = (error as { status?: unknown; expose?: unknown } | null)?.status;
  if (error instanceof Error && (error as { expose?: unknown }).expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError({ message: 'La requête est incomplète ou mal formée.', code: 'bad_request', status, cause: error });
  }
  const fault = infrastructureFaultOf(error);
  if (fault) {
    const dependency = fault.dependency === 'network' ? 'dependency' : fault.dependency;
    return new DependencyUnavailableError(dependency, `${dependency} is unavailable`, error);
  }
  return new AppError({ message: GENERIC_SERVER_ERROR_MESSAGE, code: 'internal_error', status: 500, cause: error });
}

/** ioredis/pg errors meaning "Redis or the database is away right now": a 503 with Retry-After, not a 500. */
export function isRedisConnectionError(error: unknown): boolean {
  return infrastructureFaultOf(error) !== null;
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^Z_(DATA|BUF|STREAM|NEED_DICT)_ERROR$|^ERR_BROTLI|^ERR__ERROR_|^ZSTD_/.test(code);
}

/** Seconds a client should wait before retrying a 503. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** The API's log of requests answered 503 for a dependency: one line when it starts, a summary per interval, one at recovery. */
export function createDependencyFaultLog(logger: Logger): DependencyFaultLog {
  return new DependencyFaultLog(logger, { component: 'api' });
}

/** No 503 for this long, and a request answered: the fault is over. */
export const DEPENDENCY_RECOVERY_QUIET_MS = DEPENDENCY_RETRY_AFTER_SECONDS * 1000;

/**
 * Ends the API's dependency fault (logged once, with how long it lasted) at the first request
 * answered on /api or /health once no 503 has been answered for DEPENDENCY_RECOVERY_QUIET_MS: a
 * request that one dependency serves while the other is still away (a chat post needs only Redis),
 * or a CORS preflight, does not end it. Without an end, the next outage read as the same one going
 * on ("still", failing for the whole gap since the first).
 */
export function createDependencyRecoveryTracker(dependencyFaults: DependencyFaultLog, now: () => number = Date.now): RequestHandler {
  let last503At = 0;
  return (req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode === 503) {
        last503At = now();
        return;
      }
      if (!dependencyFaults.isFailing) return;
      const path = req.originalUrl ?? req.url ?? '';
      const answered = res.statusCode < 400 && req.method !== 'OPTIONS' && (path.startsWith('/api/') || path.startsWith('/health'));
      if (answered && now() - last503At >= DEPENDENCY_RECOVERY_QUIET_MS) dependencyFaults.recovery('requests answered again: no 503 for a while');
    });
    next();
  };
}

/** Renders the error body `{"error":{"code","message",...}}`; 5xx details stay in the logs. */
export function createErrorHandler(options: { logger: Logger; maxBodyBytes: number; dependencyFaults?: DependencyFaultLog }): ErrorRequestHandler {
  // While Redis or the database is down every request fails the same way: one line, then a summary per interval.
  const dependencyFaults = options.dependencyFaults ?? createDependencyFaultLog(options.logger);
  return (error: unknown, req, res, next) => {
    const appError = toAppError(error, options);
    const log = (req as { log?: Logger }).log ?? options.logger;
    const isServerError = appError.status >= 500;
    if (appError instanceof DependencyUnavailableError) {
      dependencyFaults.failure(error, 'requests answered 503: a dependency is unavailable');
    } else if (isServerError) {
      log.error({ err: error, code: appError.code }, 'request failed');
    } else {
      log.info({ code: appError.code, status: appError.status }, 'request rejected');
    }
    if (res.headersSent) {
      // A stream (SSE) already started: nothing sane can be sent, close it.
      next(error);
      return;
    }
    const body: Record<string, unknown> = { code: appError.code };
    if (isServerError) {
      body.message = appError.status === 503 ? SERVICE_UNAVAILABLE_MESSAGE : GENERIC_SERVER_ERROR_MESSAGE;
    } else {
      body.message = appError.message;
      if (appError instanceof InvalidRequestError) body.details = appError.fields;
      else if (appError.details !== undefined) Object.assign(body, appError.details);
    }
    if (appError.status === 503) res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    // An error is about this request at this moment: no cache keeps it (a 404 or 410 is cacheable by default).
    res.setHeader('Cache-Control', 'no-store');
    res.status(appError.status).json(errorBodySchema.parse({ error: body }));
  };
}

