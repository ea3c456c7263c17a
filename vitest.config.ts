import { defineConfig } from 'vitest/config';

/**
 * Files run in their own module graph (`isolate: true`, Vitest's default): those that start
 * processes, browsers or stacks (tests/**, the CLIs), the widget's (DOM and browser pages, global
 * stubs), and those that change `process.env` or use fake timers. Every other file shares its
 * worker's modules with the files that ran there before it (`isolate: false`): the `@lac/core`
 * barrel, PGlite's WASM and its template are loaded once per worker instead of once per file
 * (each file still gets its own module, hooks and databases). The 226 such files ran in 259 s
 * instead of 601 s on a shared 2-core machine (README.md, Test it).
 */
const isolatedFiles = [
  'tests/**/*.test.ts',
  'services/cli/src/**/*.test.ts',
  'packages/widget/src/**/*.test.ts',
  // Sets and deletes process.env entries.
  'packages/core/src/config/dot-env-file.test.ts',
  // Use fake timers.
  'packages/core/src/privacy/retry-in-background.test.ts',
  'packages/core/src/composition/stop-signals-during-start.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one Redis and one machine with 2 cores. Three at once: many files wait (outages
    // held, proxies' delays, processes starting), so the two cores stay busy; fresh clone through
    // .ci/run, 296 files: 1,523 s of test time in 555 s with three, 734 s with two (README.md).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared-modules',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...isolatedFiles],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: isolatedFiles,
        },
      },
    ],
  },
});
