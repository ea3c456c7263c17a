import { createLogger, loadConfigOrExit, loadDotEnvFileIfPresent, type AppConfig, type Logger } from '@lac/core/command-line';

/**
 * The settings and logger of a command line: `.env` read when present, the settings validated (the
 * process exits with their problems otherwise), and a pino logger named after the command. A
 * command that draws its own progress on the terminal (`drawsProgress`) logs from `warn` while
 * LOG_LEVEL is the default `info`, so log lines do not break its progress bar.
 */
export function loadCommandEnvironment(name: string, options: { drawsProgress?: boolean } = {}): { config: AppConfig; logger: Logger } {
  loadDotEnvFileIfPresent();
  const config = loadConfigOrExit();
  const level = options.drawsProgress && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  return { config, logger: createLogger({ level, name }) };
}
