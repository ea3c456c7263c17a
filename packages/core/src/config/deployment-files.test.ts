import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema, loadConfig } from './config.ts';
import { repositoryRoot, readRepositoryFile, composeOnlyNames, acceptedNames, schemaSettingNames, composeText, compose, dockerfileText, serviceNamed, commandWords, environmentOf, interpolatedNames, envExampleEntries, durationMs, dockerStages, effectiveUser } from './test-support/deployment-files-fixture.ts';

/**
 * Keeps the deployment files (docker-compose.yml, Dockerfile, .env.example) honest against the
 * settings schema and the workspace: a setting added to config.ts without its line in
 * .env.example, a typo in a compose variable, or a new workspace package the Dockerfile does not
 * install, fails here instead of in production.
 */

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

  it('starts the services from their entry with node, tsx resolvable in the image', () => {
    for (const service of ['api', 'worker']) {
      const manifest = JSON.parse(readRepositoryFile(`services/${service}/package.json`)) as { scripts: Record<string, string> };
      // Not the tsx CLI: it relays a stop to its child and SIGKILLs one that does not answer within 60 ms (a child still loading).
      expect(manifest.scripts.start, service).toBe('node --import tsx src/start.ts');
    }
    expect(stages.find((stage) => stage.name === 'runtime')?.instructions.join('\n')).toMatch(/ln -s "\$\(npm root --global\)\/tsx" \/app\/node_modules\/tsx/);
  });
});
