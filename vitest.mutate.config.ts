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
    // Literal-input tests only. The real-data ones (theses.test.ts, regime.test.ts, the
    // scorecard's scorecard.test.ts and thirteenf.test.ts) and the store-backed one
    // (ledger-store.test.ts) reload real files on every run: per mutant they would make a run
    // last hours. What only they cover is not mutated (stryker.conf.json). The scorecard's
    // loaders.test.ts builds a small in-memory store from literal filings and closes.
    include: [
      'src/analytics/theses/reachability.test.ts',
      'src/analytics/theses/boundaries.test.ts',
      'src/analytics/theses/ledger-rules.test.ts',
      'src/analytics/theses/ledger-parts.test.ts',
      'src/analytics/regime/rules.test.ts',
      'src/analytics/scorecard/rules.test.ts',
      'src/analytics/scorecard/score.test.ts',
      'src/analytics/scorecard/episodes.test.ts',
      'src/analytics/scorecard/merge.test.ts',
      'src/analytics/scorecard/loaders.test.ts',
    ],
    env: { TIDEWATCH_SHARED_DATA: sharedData },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
