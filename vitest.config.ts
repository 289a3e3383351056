import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Hang guards, not timings: a loaded 2-core machine can take minutes for a cold real-data store.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // DuckDB files and child processes: keep parallelism modest on 2-core machines.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/load.test.ts'],
        },
      },
      // The load test measures requests/s: it runs alone, after everything else.
      { extends: true, test: { name: 'load', include: ['test/load.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
