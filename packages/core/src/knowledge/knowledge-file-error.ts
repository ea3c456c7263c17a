import { AppError } from '../errors/app-error.ts';

/** A knowledge-base file that cannot be ingested; the message names the file. */
export class KnowledgeFileError extends AppError {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super({
      message: `${file}: ${reason}`,
      code: 'invalid_knowledge_file',
      status: 422,
      retryable: false,
      details: { file, reason },
      cause,
    });
    this.file = file;
    this.reason = reason;
  }
}
