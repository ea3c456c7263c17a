import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { repositoryRoot, readRepositoryFile, compose, dockerfileText, serviceNamed, commandWords, environmentOf, type DockerStage, dockerStages } from './test-support/deployment-files-fixture.ts';

/** The images' and the compose file's commands and healthchecks against the workspace, and one Node major everywhere. */

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

/** The working directory of a Dockerfile stage (its last WORKDIR, else its parent's). */
function stageWorkdir(stageName: string, stages: DockerStage[]): string | undefined {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) return undefined;
  const workdir = stage.instructions.filter((instruction) => /^WORKDIR\s/.test(instruction)).at(-1);
  return workdir ? workdir.slice(8).trim() : stageWorkdir(stage.from, stages);
}

describe('commands and healthchecks of the images and the compose file', () => {
  const stages = dockerStages();
  const manifests = workspaceManifestsByName();

  it('run scripts that exist: each image’s CMD and each compose command (a renamed script fails here, not at deploy)', () => {
    const commands = [
      ...['runtime', 'worker', 'api'].map((stage) => stageCommand(stage, stages)),
      ...Object.values(compose.services).filter((service) => service.command !== undefined && typeof service.build === 'object').map(commandWords),
    ];
    expect(commands.filter((words) => words[0] === 'pnpm').length).toBeGreaterThanOrEqual(2);
    expect(commands.map((words) => missingPnpmScript(words, manifests)).filter((problem) => problem !== null)).toEqual([]);
  });

  it('run each service as its start script does, with Node itself as the process (no pnpm to turn every stop into exit 143)', () => {
    for (const [stage, packageName] of [
      ['api', '@lac/api'],
      ['worker', '@lac/worker'],
    ] as const) {
      const workdir = stageWorkdir(stage, stages);
      const startScript = manifests.get(packageName)?.scripts?.start;
      expect(stageCommand(stage, stages), stage).toEqual(startScript?.split(' '));
      expect(stageCommand(stage, stages)[0], stage).toBe('node');
      // The script's paths are the service folder's: the image's working directory must be it.
      const manifestFolder = path.posix.join('/app', 'services', stage);
      expect(workdir, stage).toBe(manifestFolder);
      expect(existsSync(path.join(repositoryRoot, 'services', stage, stageCommand(stage, stages).at(-1)!)), stage).toBe(true);
    }
    // Signals reach Node through an init, never lost on PID 1.
    expect(serviceNamed('api').init).toBe(true);
    expect(serviceNamed('worker').init).toBe(true);
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
