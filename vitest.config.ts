import { defineConfig } from 'vitest/config';

// One config, several projects: `npm test` runs them all through scripts/test.mjs.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/engine/**/*.test.ts', 'test/sim/**/*.test.ts', 'test/shell/**/*.test.ts', 'test/fuzz/**/*.test.ts', 'test/swarm/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/site/**/*.test.ts', 'test/terminal/**/*.test.ts', 'test/runtime/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'fidelity',
          environment: 'node',
          include: ['test/fidelity/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Real redis-server processes on loopback: one file at a time keeps ports and CPU calm.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          // The built site in headless Chromium (playwright-core): one file at a time, generous timeouts.
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
