import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { configSchema, knownSettingNames } from '../config.ts';

/** For the deployment-files tests: the repository's docker-compose.yml, Dockerfile and .env.example, read and parsed, and helpers over them. */

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const readRepositoryFile = (relativePath: string): string => readFileSync(path.join(repositoryRoot, relativePath), 'utf8');

/** Names that only docker-compose.yml reads (documented in .env.example and docs/deployment.md). */
export const composeOnlyNames = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'API_PUBLISHED_PORT'] as const;
export const acceptedNames = new Set<string>([...knownSettingNames, ...composeOnlyNames]);
export const schemaSettingNames = Object.keys(configSchema.shape);

export type ComposeService = {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string } | string;
  command?: string | string[];
  container_name?: string;
  ports?: unknown[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: string | Array<string | { path: string; required?: boolean }>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test?: string | string[] };
  restart?: string;
  stop_grace_period?: string;
  init?: boolean;
  profiles?: string[];
  volumes?: unknown[];
};
export type ComposeFile = { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };

export const composeText = readRepositoryFile('docker-compose.yml');
export const compose = parseYaml(composeText, { merge: true }) as ComposeFile;
export const dockerfileText = readRepositoryFile('Dockerfile');
export const envExampleText = readRepositoryFile('.env.example');

export function serviceNamed(name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

export function commandWords(service: ComposeService): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0] ?? '', entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

/** `${NAME}`, `${NAME:-x}`, `${NAME:?x}` and `$NAME`, but not the `$$` escape. */
export function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    names.add((match[1] ?? match[2]) as string);
  }
  return [...names];
}

/** Every `NAME=value` line of .env.example, set (`NAME=`) or commented out (`# NAME=`). */
export function envExampleEntries(): Array<{ name: string; value: string; commented: boolean }> {
  const entries: Array<{ name: string; value: string; commented: boolean }> = [];
  for (const line of envExampleText.split('\n')) {
    const match = /^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.push({ commented: match[1] !== undefined, name: match[2] as string, value: match[3] as string });
  }
  return entries;
}

/** Compose durations such as `40s`, `1m30s`, `500ms`. */
export function durationMs(duration: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  let total = 0;
  for (const match of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)) total += Number(match[1]) * (units[match[2] as string] ?? 0);
  return total;
}

export type DockerStage = { name: string; from: string; instructions: string[] };

/** The stages of the Dockerfile, with their instructions (continuation lines joined). */
export function dockerStages(): DockerStage[] {
  const logicalLines = dockerfileText
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of logicalLines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      stages.push({ from: from[1] as string, name: from[2] ?? String(stages.length), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(line);
    }
  }
  return stages;
}

/** The user a stage runs as: its last USER, else its parent stage's, else root. */
export function effectiveUser(stageName: string, stages: DockerStage[]): string {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) return 'root';
  const users = stage.instructions.filter((instruction) => /^USER\s/i.test(instruction));
  if (users.length > 0) return (users.at(-1) as string).split(/\s+/)[1] as string;
  return effectiveUser(stage.from, stages);
}
