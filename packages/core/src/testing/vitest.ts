/** `@lac/core/testing/vitest`: test helpers that use vitest themselves (hooks, assertions), for other packages' test files only. */
export * from '../queue/test-support/recorded-order.ts';
export * from './resources-around-tests.ts';
