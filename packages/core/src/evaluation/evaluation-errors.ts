import { AppError } from '../errors/app-error.ts';

/** A line of an evaluation file that cannot be used; the message names the file and the line. */
export class EvaluationFileError extends AppError {
  readonly file: string;
  readonly line: number | null;

  constructor(file: string, line: number | null, reason: string, cause?: unknown) {
    super({
      message: line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`,
      code: 'invalid_evaluation_file',
      status: 400,
      retryable: false,
      details: { file, line, reason },
      cause,
    });
    this.file = file;
    this.line = line;
  }
}

/** Wrong command-line usage of the evaluation (missing or contradictory options). */
export class EvaluationUsageError extends AppError {
  constructor(message: string) {
    super({ message, code: 'invalid_evaluation_usage', status: 400, retryable: false });
  }
}
