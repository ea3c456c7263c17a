import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema, knownSettingNames, loadConfig } from './config.ts';

/**
 * Keeps the deployment files (docker-compose.yml, Dockerfile, .env.example) honest against the
 * settings schema and the workspace: a setting added to config.ts without its line in
 * .env.example, a typo in a compose variable, or a new workspace package the Dockerfile does not
 * install, fails here instead of in production.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const readRepositoryFile = (relativePath: string): string => readFileSync(path.join(repositoryRoot, relativePath), 'utf8');

/** Names that only docker-compose.yml reads (documented in .env.example and docs/deployment.md). */
const composeOnlyNames = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'API_PUBLISHED_PORT'] as const;
const acceptedNames = new Set<string>([...knownSettingNames, ...composeOnlyNames]);
const schemaSettingNames = Object.keys(configSchema.shape);

type ComposeService = {
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
  profiles?: string[];
  volumes?: unknown[];
};
type ComposeFile = { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };

const composeText = readRepositoryFile('docker-compose.yml');
const compose = parseYaml(composeText, { merge: true }) as ComposeFile;
const dockerfileText = readRepositoryFile('Dockerfile');
const envExampleText = readRepositoryFile('.env.example');

function serviceNamed(name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

function commandWords(service: ComposeService): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0] ?? '', entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

/** `${NAME}`, `${NAME:-x}`, `${NAME:?x}` and `$NAME`, but not the `$$` escape. */
function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    names.add((match[1] ?? match[2]) as string);
  }
  return [...names];
}

/** Every `NAME=value` line of .env.example, set (`NAME=`) or commented out (`# NAME=`). */
function envExampleEntries(): Array<{ name: string; value: string; commented: boolean }> {
  const entries: Array<{ name: string; value: string; commented: boolean }> = [];
  for (const line of envExampleText.split('\n')) {
    const match = /^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.push({ commented: match[1] !== undefined, name: match[2] as string, value: match[3] as string });
  }
  return entries;
}

/** Compose durations such as `40s`, `1m30s`, `500ms`. */
function durationMs(duration: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  let total = 0;
  for (const match of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)) total += Number(match[1]) * (units[match[2] as string] ?? 0);
  return total;
}

type DockerStage = { name: string; from: string; instructions: string[] };

/** The stages of the Dockerfile, with their instructions (continuation lines joined). */
function dockerStages(): DockerStage[] {
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
function effectiveUser(stageName: string, stages: DockerStage[]): string {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) return 'root';
  const users = stage.instructions.filter((instruction) => /^USER\s/i.test(instruction));
  if (users.length > 0) return (users.at(-1) as string).split(/\s+/)[1] as string;
  return effectiveUser(stage.from, stages);
}

describe('docker-compose.yml', () => {
  it('defines the five services, and Prometheus and Grafana under the optional "monitoring" profile', () => {
    const withoutProfile = Object.entries(compose.services).filter(([, service]) => !service.profiles);
    expect(withoutProfile.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    for (const name of ['prometheus', 'grafana']) expect(serviceNamed(name).profiles).toEqual(['monitoring']);
    // The files the monitoring services mount exist, the scrape targets the API, the dashboard parses.
    const mounted = ['prometheus', 'grafana'].flatMap((name) =>
      (serviceNamed(name).volumes ?? []).map(String).filter((volume) => volume.startsWith('./')).map((volume) => volume.slice(2).split(':')[0]!),
    );
    expect(mounted.length).toBe(4);
    for (const file of mounted) expect(readRepositoryFile(file).length).toBeGreaterThan(0);
    expect(readRepositoryFile('docs/monitoring/prometheus.yml')).toContain('api:8000');
    expect(JSON.parse(readRepositoryFile('docs/monitoring/grafana/owner-dashboard.json')).panels.length).toBeGreaterThan(0);
    expect(serviceNamed('redis').image).toMatch(/^redis:7/);
    expect(serviceNamed('postgres').image).toBe('pgvector/pgvector:pg16');
  });

  it('runs Redis with append-only persistence and no eviction, on a volume, with a healthcheck', () => {
    const redis = serviceNamed('redis');
    const words = commandWords(redis);
    expect(words[words.indexOf('--appendonly') + 1]).toBe('yes');
    expect(words[words.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(JSON.stringify(redis.healthcheck?.test)).toContain('redis-cli');
    expect(JSON.stringify(redis)).toContain(':/data');
    expect(JSON.stringify(serviceNamed('postgres').healthcheck?.test)).toContain('pg_isready');
  });

  it('keeps the worker scalable: no container_name, no published port, a grace period longer than the drain', () => {
    const worker = serviceNamed('worker');
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    const defaultShutdownGraceMs = loadConfig({}).SHUTDOWN_GRACE_MS;
    expect(durationMs(worker.stop_grace_period ?? '10s')).toBeGreaterThan(defaultShutdownGraceMs);
  });

  it('starts api and worker only after healthy Redis and Postgres and a successful migration', () => {
    for (const name of ['api', 'worker']) {
      expect(serviceNamed(name).depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    const migrate = serviceNamed('migrate');
    expect(migrate.restart).toBe('no');
    expect(commandWords(migrate).join(' ')).toBe('pnpm db:migrate');
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    const api = serviceNamed('api');
    expect(JSON.stringify(api.ports)).toContain(':8000');
    expect(JSON.stringify(api.healthcheck?.test)).toContain('/health');
  });

  it('points the application at the compose Redis and Postgres, with .env optional', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const environment = environmentOf(serviceNamed(name));
      expect(environment.DATABASE_URL).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
      expect(environment.REDIS_URL).toBe('redis://redis:6379');
      expect(serviceNamed(name).env_file).toEqual([{ path: '.env', required: false }]);
    }
  });

  it('builds every application service from a stage of the Dockerfile', () => {
    const stageNames = dockerStages().map((stage) => stage.name);
    for (const name of ['migrate', 'api', 'worker']) {
      const build = serviceNamed(name).build;
      expect(typeof build).toBe('object');
      const target = (build as { target?: string }).target;
      expect(stageNames).toContain(target);
    }
  });

  it('names only known settings or documented compose-only names', () => {
    const unknownInterpolations = interpolatedNames(composeText).filter((name) => !acceptedNames.has(name));
    expect(unknownInterpolations).toEqual([]);
    const unknownEnvironmentKeys = Object.entries(compose.services).flatMap(([serviceName, service]) =>
      Object.keys(environmentOf(service))
        .filter((key) => !acceptedNames.has(key))
        .map((key) => `${serviceName}.${key}`),
    );
    expect(unknownEnvironmentKeys).toEqual([]);
    const usedComposeOnlyNames = composeOnlyNames.filter((name) => composeText.includes(name));
    const envExampleNames = new Set(envExampleEntries().map((entry) => entry.name));
    expect(usedComposeOnlyNames.filter((name) => !envExampleNames.has(name))).toEqual([]);
  });
});

describe('.env.example', () => {
  const entries = envExampleEntries();

  it('lists every setting of configSchema, and today’s API_PORT/API_HOST aliases', () => {
    const listed = new Set(entries.map((entry) => entry.name));
    expect(schemaSettingNames.filter((name) => !listed.has(name))).toEqual([]);
    expect(listed.has('API_PORT') && listed.has('API_HOST')).toBe(true);
  });

  it('names nothing the application or compose does not read, and each name once', () => {
    expect(entries.map((entry) => entry.name).filter((name) => !acceptedNames.has(name))).toEqual([]);
    const names = entries.map((entry) => entry.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('shows the real default of every setting, and leaves every secret empty', () => {
    const defaults = loadConfig({}) as Record<string, unknown>;
    const wrongDefaults = entries
      .filter((entry) => schemaSettingNames.includes(entry.name))
      .filter((entry) => JSON.stringify((loadConfig({ [entry.name]: entry.value }) as Record<string, unknown>)[entry.name]) !== JSON.stringify(defaults[entry.name]))
      .map((entry) => `${entry.name}=${entry.value}`);
    expect(wrongDefaults).toEqual([]);
    const filledSecrets = entries.filter((entry) => /KEY|SECRET|PASSWORD/.test(entry.name) && entry.value !== '');
    expect(filledSecrets).toEqual([]);
    expect(loadConfig({ API_PORT: '8000', API_HOST: '0.0.0.0' })).toMatchObject({ PORT: defaults.PORT, HOST: defaults.HOST });
  });
});

describe('Dockerfile', () => {
  const stages = dockerStages();

  it('is multi-stage on node:24-bookworm-slim, with a typecheck stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfileText).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    const typecheck = stages.find((stage) => stage.name === 'typecheck');
    expect(typecheck?.instructions.some((instruction) => /^RUN .*pnpm typecheck/.test(instruction))).toBe(true);
  });

  it('runs the images compose uses as a non-root user, in production mode', () => {
    for (const target of ['runtime', 'api', 'worker']) {
      expect(['root', '0', '0:0']).not.toContain(effectiveUser(target, stages));
    }
    expect(stages.find((stage) => stage.name === 'runtime')?.instructions.join('\n')).toMatch(/NODE_ENV=production/);
    expect(stages.find((stage) => stage.name === 'api')?.instructions.some((instruction) => instruction.startsWith('HEALTHCHECK'))).toBe(true);
  });

  it('installs with the frozen lockfile after copying every workspace package.json', () => {
    const workspace = parseYaml(readRepositoryFile('pnpm-workspace.yaml')) as { packages: string[] };
    const workspaceManifests = workspace.packages.flatMap((pattern) => {
      const parent = pattern.replace(/\/\*$/, '');
      if (!existsSync(path.join(repositoryRoot, parent))) return [];
      return readdirSync(path.join(repositoryRoot, parent))
        .map((directory) => `${parent}/${directory}/package.json`)
        .filter((manifest) => existsSync(path.join(repositoryRoot, manifest)));
    });
    expect(workspaceManifests.length).toBeGreaterThan(0);
    const manifests = stages.find((stage) => stage.name === 'manifests');
    const copied = manifests?.instructions.filter((instruction) => instruction.startsWith('COPY ')).join('\n') ?? '';
    expect(workspaceManifests.filter((manifest) => !copied.includes(manifest))).toEqual([]);
    expect(copied).toContain('pnpm-lock.yaml');
    expect(dockerfileText).toMatch(/pnpm install --frozen-lockfile/);
  });

  it('builds the widget bundle in the image: the runtime tree is read-only for the service, which cannot build it there', () => {
    const bundleStage = stages.find((stage) => stage.instructions.some((instruction) => /^RUN .*pnpm --filter @lac\/widget build/.test(instruction)));
    expect(bundleStage).toBeDefined();
    const app = stages.find((stage) => stage.name === 'app');
    expect(app?.instructions).toContain(`COPY --from=${bundleStage!.name} /app/packages/widget/dist packages/widget/dist`);
    // The bundle is copied after the test files are deleted, so nothing removes it.
    const copyIndex = app!.instructions.findIndex((instruction) => instruction.startsWith(`COPY --from=${bundleStage!.name}`));
    expect(app!.instructions.slice(copyIndex + 1).some((instruction) => /rm -rf|-delete/.test(instruction))).toBe(false);
  });

  it('installs the tsx the lockfile resolves', () => {
    const lockfileDocuments = readRepositoryFile('pnpm-lock.yaml').split(/^---$/m);
    const lockfile = lockfileDocuments
      .map((document) => parseYaml(document) as { importers?: Record<string, { devDependencies?: Record<string, { version: string }>; dependencies?: Record<string, { version: string }> }> } | null)
      .find((document) => document?.importers !== undefined);
    const root = lockfile?.importers?.['.'];
    const lockedTsx = (root?.dependencies?.tsx ?? root?.devDependencies?.tsx)?.version;
    expect(lockedTsx).toBeDefined();
    expect(dockerfileText).toContain(`ARG TSX_VERSION=${lockedTsx}`);
  });
});

/** The workspace's package.json files by package name, the root's under ''. */
function workspaceManifestsByName(): Map<string, { scripts?: Record<string, string> }> {
  const manifests = new Map<string, { scripts?: Record<string, string> }>([['', JSON.parse(readRepositoryFile('package.json'))]]);
  for (const parent of ['packages', 'services']) {
    for (const directory of readdirSync(path.join(repositoryRoot, parent))) {
      const manifestPath = path.join(parent, directory, 'package.json');
      if (!existsSync(path.join(repositoryRoot, manifestPath))) continue;
      const manifest = JSON.parse(readRepositoryFile(manifestPath)) as { name: string; scripts?: Record<string, string> };
      manifests.set(manifest.name, manifest);
    }
  }
  return manifests;
}

/** `pnpm <script>` or `pnpm --filter <package> <script>` → the script it runs, or why it runs none. */
function missingPnpmScript(words: readonly string[], manifests: ReturnType<typeof workspaceManifestsByName>): string | null {
  if (words[0] !== 'pnpm') return null;
  const filtered = words[1] === '--filter';
  const packageName = filtered ? (words[2] ?? '') : '';
  const script = filtered ? words[3] : words[1];
  const manifest = manifests.get(packageName);
  if (manifest === undefined) return `${words.join(' ')}: no workspace package ${packageName}`;
  return script !== undefined && manifest.scripts?.[script] !== undefined ? null : `${words.join(' ')}: no script "${script}"`;
}

/** The exec-form CMD of a Dockerfile stage (its own, else its parent's). */
function stageCommand(stageName: string, stages: DockerStage[]): string[] {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) return [];
  const command = stage.instructions.filter((instruction) => /^CMD\s/.test(instruction)).at(-1);
  return command ? (JSON.parse(command.slice(4)) as string[]) : stageCommand(stage.from, stages);
}

describe('commands and healthchecks of the images and the compose file', () => {
  const stages = dockerStages();
  const manifests = workspaceManifestsByName();

  it('run scripts that exist: each image’s CMD and each compose command (a renamed script fails here, not at deploy)', () => {
    const commands = [
      ...['runtime', 'worker', 'api'].map((stage) => stageCommand(stage, stages)),
      ...Object.values(compose.services).filter((service) => service.command !== undefined && typeof service.build === 'object').map(commandWords),
    ];
    expect(commands.filter((words) => words[0] === 'pnpm').length).toBeGreaterThanOrEqual(4);
    expect(commands.map((words) => missingPnpmScript(words, manifests)).filter((problem) => problem !== null)).toEqual([]);
  });

  it("probe the API's /health route on the port the API listens on in the container", () => {
    const api = serviceNamed('api');
    const composeProbe = JSON.stringify(api.healthcheck?.test);
    expect(composeProbe).toContain(`127.0.0.1:${environmentOf(api).PORT}/health'`);
    const imageProbe = stages.find((stage) => stage.name === 'api')?.instructions.find((instruction) => instruction.startsWith('HEALTHCHECK')) ?? '';
    expect(imageProbe).toContain("'/health'");
    expect(imageProbe).toContain(`|| ${loadConfig({}).PORT}`);
    expect(stages.find((stage) => stage.name === 'api')?.instructions).toContain(`EXPOSE ${loadConfig({}).PORT}`);
    expect(readRepositoryFile('services/api/src/routes/operations-routes.ts')).toContain("router.get('/health',");
  });
});

describe('Node version', () => {
  it('is one LTS major everywhere: the images, engines, the CI runner and the README', () => {
    const imageMajor = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfileText)?.[1];
    const engines = (JSON.parse(readRepositoryFile('package.json')) as { engines: { node: string } }).engines.node;
    const ciMajor = /^ci_node_major=(\d+)$/m.exec(readRepositoryFile('.ci/run'))?.[1];
    expect(imageMajor).toBe('24');
    expect(engines).toBe(`>=${imageMajor}`);
    expect(ciMajor).toBe(imageMajor);
    expect(readRepositoryFile('README.md')).toContain(`Node ${imageMajor} LTS`);
  });
});
