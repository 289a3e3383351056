/**
 * CLI start: `tidewatch liquidity --as-of D` as a whole process against a bare node process that
 * opens the same DuckDB file and runs one query (the floor any CLI on this store pays). Both are
 * run alternately, best of N each, so machine load affects both alike. Aim: ratio ≤ 2×.
 * Usage: npx tsx bench/cli-start.bench.ts [store.duckdb]  (default: builds the full real store)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fullStoreCopy } from '../test/full-store.js';
import { PROJECT_ROOT } from '../test/shared-data.js';
import { report } from './util.js';

const db = process.argv[2] ?? fullStoreCopy();
const N = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(path.join(tmpdir(), 'tw-clistart-'));
const bare = path.join(dir, 'bare.mjs');
writeFileSync(
  bare,
  `import { DuckDBInstance } from '${path.join(PROJECT_ROOT, 'node_modules/@duckdb/node-api/lib/index.js')}';
const i = await DuckDBInstance.create(process.argv[2]);
const c = await i.connect();
await c.runAndReadAll("SELECT max(date) FROM observations WHERE series_id = 'WALCL'");`,
);
const bin = path.join(PROJECT_ROOT, 'bin', 'tidewatch.js');

function ms(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}

// Warm both (the first CLI run may compile dist/; the OS caches the files).
ms([bin, 'liquidity', '--as-of', '2025-11-14', '--db', db]);
ms([bare, db]);
let cli = Number.POSITIVE_INFINITY;
let base = Number.POSITIVE_INFINITY;
for (let i = 0; i < N; i++) {
  cli = Math.min(cli, ms([bin, 'liquidity', '--as-of', '2025-11-14', '--db', db]));
  base = Math.min(base, ms([bare, db]));
}
const help = Math.min(...Array.from({ length: 3 }, () => ms([bin, '--help'])));
report('CLI start (whole process, best of ' + N + ')', [
  ['tidewatch liquidity --as-of 2025-11-14', `${cli.toFixed(0)} ms`],
  ['bare node + DuckDB open + one query', `${base.toFixed(0)} ms`],
  ['tidewatch --help', `${help.toFixed(0)} ms`],
  ['ratio CLI / bare (aim ≤ 2×)', `${(cli / base).toFixed(2)}×`],
]);
