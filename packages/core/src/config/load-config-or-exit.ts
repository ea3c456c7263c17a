import { ConfigError, loadConfig, type AppConfig } from './config.ts';

/**
 * For process entry points (services, CLIs): the configuration, or exit code 2 with the message
 * that names every setting that is wrong. Library code calls `loadConfig` and handles the error.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
