import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { withStore } from '../src/store/memory.testkit.js';
import { runCli } from './cli.js';
import { SHARED_DATA } from './shared-data.js';

describe('end to end through TIDEWATCH_REPLAY_DIR (update → liquidity → API)', () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-e2e-')), 'tw.duckdb');
  const env = {
    TIDEWATCH_REPLAY_DIR: SHARED_DATA,
    TIDEWATCH_ARCHIVE_DIR: path.join(path.dirname(db), 'archive'),
  };

  it('update stores the default FRED series from the recordings and is idempotent', () => {
    const first = runCli(['update', '--source', 'fred', '--db', db], env);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.stdout).toMatch(/WALCL\s+ok\s+985\s+0/);
    expect(first.stdout).toMatch(/WTREGEN\s+ok\s+985/);
    const again = runCli(['update', '--source', 'fred', '--series', 'WALCL,WTREGEN', '--db', db], env);
    expect(again.code).toBe(0);
    // Incremental: only the revision window is re-read, and nothing changed.
    expect(again.stdout).toMatch(/WALCL\s+ok\s+0\s+0\s+\d+/);
    expect(again.stdout).toMatch(/0 new rows, 0 revised/);
  });

  it('liquidity --json prints the documented fields', () => {
    const r = runCli(['liquidity', '--as-of', '2025-11-14', '--json', '--db', db], env);
    expect(r.code).toBe(0);
    const nl = JSON.parse(r.stdout);
    expect(nl).toMatchObject({
      asOf: '2025-11-14',
      fedAssetsUsd: 6_580_462e6,
      fedAssetsDate: '2025-11-12',
      tgaUsd: 953_816e6,
      tgaDate: '2025-11-12',
      rrpDate: '2025-11-14',
    });
    expect(nl.netLiquidityUsd).toBeCloseTo(5_625_087e6, -3);
  });

  it('series show --as-of and --csv', () => {
    const r = runCli([
      'series',
      'show',
      'WALCL',
      '--from',
      '2025-11-01',
      '--as-of',
      '2025-11-12',
      '--csv',
      '--db',
      db,
    ]);
    expect(r.stdout.trim().split('\n')).toEqual([
      'date,WALCL,known_from',
      '2025-11-05,6572732000000,2025-11-06',
    ]);
    const bad = runCli(['liquidity', '--as-of', '2025-13-01', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--as-of must be a calendar date YYYY-MM-DD, got '2025-13-01'/);
  });

  it('the API answers from the same store, and validates parameters', async () => {
    await withStore(async (store) => {
      const app = createApp(store);
      const ok = await app.request('/api/liquidity?asOf=2025-11-14');
      expect(ok.status).toBe(200);
      expect((await ok.json()).fedAssetsUsd).toBe(6_580_462e6);
      const bad = await app.request('/api/liquidity?asOf=yesterday');
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatchObject({ kind: 'bad-parameter', parameter: 'asOf' });
      const series = await app.request('/api/series/WTREGEN?from=2025-11-01');
      const body = await series.json();
      expect(body.series.sourceUnit).toBe('usd_millions');
      expect(body.observations.at(-1)).toEqual({
        date: '2025-11-12',
        value: 953_816e6,
        knownFrom: '2025-11-13',
      });
      expect((await app.request('/api/series/NOPE')).status).toBe(404);
      const archived = await store.db.all<{ n: number }>(
        "SELECT count(*) AS n FROM raw_archive WHERE url LIKE '%id=WALCL%' AND from_replay",
      );
      expect(archived[0]!.n).toBeGreaterThan(0);
      const openapi = await (await app.request('/api/openapi.json')).json();
      expect(Object.keys(openapi.paths)).toContain('/api/liquidity');
    }, db);
  });
});
