import { pino, type Logger, type LoggerOptions } from 'pino';

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
  '*.ESCALATION_WEBHOOK_SECRET',
  '*.DATABASE_URL',
  '*.REDIS_URL',
];

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
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
