import { AppError } from '@lac/core';

/**
 * Errors the HTTP layer raises itself. Messages are French: a visitor may see them.
 * Each is an AppError, so the error handler renders `{"error":{"code","message",...}}`.
 */

export class InvalidJsonError extends AppError {
  constructor(cause?: unknown) {
    super({ message: "Le corps de la requête n'est pas un JSON valide.", code: 'invalid_json', status: 400, cause });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number, cause?: unknown) {
    super({
      message: 'Le corps de la requête est trop volumineux.',
      code: 'payload_too_large',
      status: 413,
      details: { limit_bytes: limitBytes },
      cause,
    });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(received: string | undefined) {
    super({
      message: 'Le corps de la requête doit être envoyé en application/json.',
      code: 'unsupported_media_type',
      status: 415,
      details: { received_content_type: received ?? null },
    });
  }
}

/** A state-changing admin request sent from another site's page (a forged form, docs/security.md). */
export class CrossSiteRequestError extends AppError {
  constructor() {
    super({ message: "Cette action d'administration doit venir de la page d'administration elle-même.", code: 'cross_site_request', status: 403 });
  }
}

export class RouteNotFoundError extends AppError {
  constructor(method: string, path: string) {
    super({ message: 'Ressource introuvable.', code: 'not_found', status: 404, details: { method, path } });
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super({
      message: 'Cette méthode n’est pas acceptée à cette adresse.',
      code: 'method_not_allowed',
      status: 405,
      details: { method, path, allowed_methods: [...allowed] },
    });
  }
}

export class JobNotFoundError extends AppError {
  constructor(jobId: string) {
    super({ message: 'Ce message est introuvable (identifiant inconnu ou expiré).', code: 'job_not_found', status: 404, details: { job_id: jobId } });
  }
}

export class IdempotencyConflictError extends AppError {
  /** `jobId`: the job the key is bound to, named only to a client that holds the conversation's token. */
  constructor(jobId: string | undefined) {
    super({
      message: "Cette clé d'idempotence a déjà été utilisée avec un autre contenu.",
      code: 'idempotency_conflict',
      status: 422,
      ...(jobId === undefined ? {} : { details: { job_id: jobId } }),
    });
  }
}

/** One field of a rejected request, as listed in `error.details`. */
export interface InvalidField {
  field: string;
  message: string;
}

/** Schema errors of a request: 400 `invalid_request` with one entry per offending field. */
/** An HTTP/1.1 request without `Host` (RFC 9112 §3.2): 400 in the error format (Node's own answer had no body). */
export class HostHeaderRequiredError extends AppError {
  constructor() {
    super({ message: "L'en-tête Host est obligatoire.", code: 'host_required', status: 400 });
  }
}

export class InvalidRequestError extends AppError {
  readonly fields: InvalidField[];
  constructor(fields: InvalidField[]) {
    super({ message: 'La requête est invalide.', code: 'invalid_request', status: 400 });
    this.fields = fields;
  }
}

/** Bytes that are not valid text where text is expected (path, body): 400 `invalid_request`. */
export class InvalidEncodingError extends InvalidRequestError {
  constructor(field: string, message: string, cause?: unknown) {
    super([{ field, message }]);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause });
  }
}

/**
 * A JSON body declared in a charset the parser does not read (`charset=latin1`): send UTF-8 declared
 * as `charset=utf-8` (the UTF-16 and UTF-32 forms are read too; `utf8` and the Encoding Standard's
 * other labels of UTF-8, and `us-ascii`, are read as UTF-8: json-body.ts).
 */
export class UnsupportedCharsetError extends AppError {
  constructor(charset: string | undefined, cause?: unknown) {
    super({
      message: `Le corps de la requête doit être du JSON en UTF-8, déclaré « charset=utf-8 »${charset ? ` (« ${charset} » n'est pas pris en charge)` : ''}.`,
      code: 'unsupported_media_type',
      status: 415,
      details: { charset: charset ?? null, expected_charset: 'utf-8' },
      cause,
    });
  }
}

/** A Content-Encoding the API does not inflate (only identity, gzip, deflate and br are read). */
export class UnsupportedContentEncodingError extends AppError {
  constructor(cause?: unknown) {
    super({
      message: "L'encodage du corps (Content-Encoding) n'est pas pris en charge : identity, gzip, deflate ou br.",
      code: 'unsupported_media_type',
      status: 415,
      details: { supported_content_encodings: ['identity', 'gzip', 'deflate', 'br'] },
      cause,
    });
  }
}

/**
 * The client closed the connection before its body was read (it gave up while an earlier step of
 * the request waited on Redis or the database): nothing is done, as when it closes mid-body.
 */
export class RequestAbortedError extends AppError {
  constructor() {
    super({ message: 'La requête est incomplète ou mal formée.', code: 'bad_request', status: 400 });
  }
}
