import { pino, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/config.ts';
import { SecretRedactor, secretValuesOf } from './secret-redaction.ts';

export type { Logger };

/** Paths redacted from every log line: keys, passwords, auth headers, connection strings. */
export const redactedLogPaths = [
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  '*.api_key',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.OPENROUTER_API_KEY',
  '*.OPENAI_API_KEY',
  '*.COHERE_API_KEY',
  '*.SUPABASE_SERVICE_KEY',
  '*.ADMIN_PASSWORD',
  '*.ADMIN_ACCOUNTS',
  '*.ESCALATION_WEBHOOK_SECRET',
  '*.DATABASE_URL',
  '*.REDIS_URL',
];

/**
 * A pino logger. Secrets are redacted twice: by field name (`redactedLogPaths`) and by VALUE in the
 * final line (a provider error body echoing the API key, a driver message with a password). The
 * values are `secrets`, by default the configured ones read from the environment at call time.
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: pino.DestinationStream; secrets?: readonly string[] } = {},
): Logger {
  const redactor = new SecretRedactor(options.secrets ?? secretValuesOf(process.env as Partial<AppConfig>));
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(redactor.isEmpty ? {} : { hooks: { streamWrite: (line: string) => redactor.redact(line) } }),
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}

/** Removes the password of a URL, for log lines and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
