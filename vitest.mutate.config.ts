import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Stryker runs the tests in a copy of the project (.tmp/stryker/sandbox-*): point the real-data
// tests at the shared data beside the project itself, not beside the copy.
const here = path.dirname(fileURLToPath(import.meta.url));
const project = here.replace(/[\\/]\.tmp[\\/]stryker[\\/]sandbox-[^\\/]+$/, '');
const sharedData = process.env.TIDEWATCH_SHARED_DATA ?? path.resolve(project, '../shared/data');

/**
 * The test files StrykerJS runs (`npm run mutate`): those of the code it mutates — the thesis
 * ledger, the risk rules and engine, the scorecard — and nothing else, so a mutation run stays
 * bounded on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: [
      'src/analytics/theses/*.test.ts',
      'src/analytics/regime/*.test.ts',
      'src/analytics/scorecard/*.test.ts',
    ],
    // The store-backed ledger test builds a store in ~15 s: run per mutant it would make a
    // mutation run last hours. The store edge it covers is not mutated (stryker.conf.json).
    exclude: ['src/analytics/theses/ledger-store.test.ts'],
    env: { TIDEWATCH_SHARED_DATA: sharedData },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
