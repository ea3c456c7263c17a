/**
 * `pnpm admin:hash-password [login "Display Name"]`: reads a password from stdin and prints its
 * scrypt hash (random salt) for ADMIN_ACCOUNTS, or with a login and a display name the whole entry
 * `login:hash:Display Name`. At a terminal the password is typed twice and never echoed; piped, the
 * first line of stdin is the password (`printf '%s\n' "$PASSWORD" | pnpm admin:hash-password`).
 * The password is never printed, and never taken as an argument (it would stay in the shell history).
 */
import { hashAdminPassword, loadConfig, ConfigError } from '@lac/core/command-line';
import { runnableArguments, type ParsedArguments } from './cli-usage.ts';

const usage = `Usage: pnpm admin:hash-password [login "Display Name"]
  Reads a password (typed twice without echo at a terminal, else the first line of stdin) and prints
  its scrypt hash for ADMIN_ACCOUNTS, or the whole entry login:hash:Display Name. At least 12 characters.`;

const MIN_PASSWORD_LENGTH = 12;

function parseArguments(argv: readonly string[]): ParsedArguments<{ login?: string; displayName?: string }> {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const words = argv.filter((argument) => argument !== '--');
  const unknownOption = words.find((argument) => argument.startsWith('-'));
  if (unknownOption) return { error: `unknown option: ${unknownOption}` };
  if (words.length === 0) return {};
  if (words.length !== 2) return { error: 'give both a login and a display name, or neither' };
  return { login: words[0]!, displayName: words[1]! };
}

/** One line typed at the terminal without echo (raw mode); Ctrl-C or Ctrl-D gives up. */
function readHiddenLine(prompt: string): Promise<string | undefined> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const finish = (line: string | undefined) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolve(line);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish(typed);
        if (character === '\u0003' || character === '\u0004') return finish(undefined);
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}

async function readPipedLine(): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  return text.split(/\r?\n/)[0];
}

async function readPassword(): Promise<string | { problem: string }> {
  if (!process.stdin.isTTY) return (await readPipedLine()) ?? { problem: 'no password on stdin' };
  const first = await readHiddenLine('Password: ');
  if (first === undefined) return { problem: 'cancelled' };
  const again = await readHiddenLine('Again: ');
  if (again !== first) return { problem: 'the two passwords differ' };
  return first;
}

async function run(args: { login?: string; displayName?: string }): Promise<number> {
  const password = await readPassword();
  if (typeof password !== 'string') {
    process.stderr.write(`admin:hash-password: ${password.problem}\n`);
    return 1;
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`admin:hash-password: the password must have at least ${MIN_PASSWORD_LENGTH} characters\n`);
    return 1;
  }
  const hash = await hashAdminPassword(password);
  if (args.login === undefined || args.displayName === undefined) {
    process.stdout.write(`${hash}\n`);
    return 0;
  }
  const entry = `${args.login}:${hash}:${args.displayName.trim()}`;
  try {
    loadConfig({ ADMIN_ACCOUNTS: entry }); // the same checks as the API's: a login or name it would refuse is refused here
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`admin:hash-password: ${error.issues.join('; ').replace('ADMIN_ACCOUNTS: entry 1: ', '')}\n`);
    return 2;
  }
  process.stdout.write(`${entry}\n`);
  return 0;
}

const runnable = runnableArguments(parseArguments(process.argv.slice(2)), usage);
process.exitCode = 'exitCode' in runnable ? runnable.exitCode : await run(runnable.args);
