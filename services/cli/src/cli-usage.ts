/** What a command line's argument parser returns: the arguments to run with, a request for help, or a problem. */
export type ParsedArguments<T extends object> = T | { help: true } | { error: string };

/**
 * Arguments that asked for help or did not parse end the command: the usage on stdout and exit
 * code 0, or the problem and the usage on stderr and exit code 2. Otherwise the arguments to run with.
 */
export function runnableArguments<T extends object>(parsed: ParsedArguments<T>, usage: string): { args: T } | { exitCode: number } {
  if ('help' in parsed) {
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n${usage}\n`);
    return { exitCode: 2 };
  }
  return { args: parsed };
}
