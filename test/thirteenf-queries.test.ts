import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { parseThirteenF } from '../src/sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../src/sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../src/sources/sec/thirteenf/repository.js';
import { secText } from '../src/sources/sec/thirteenf/test-files.js';
import { withStore } from '../src/store/memory.testkit.js';
import { runCli } from './cli.js';

/**
 * The cross-quarter 13F queries end to end: the CLI (`13f holders|history|top-puts` with
 * --as-of, --json, --csv) and the API (/api/13f/holders|history|top-puts) on a DuckDB file
 * holding the real Scion filings of 2023 and Pershing's 2021-12-31 original + NEW HOLDINGS.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-13f-q-'));
const db = path.join(dir, 'q.duckdb');
const FILES: Array<[string, string]> = [
  ['scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt'],
  ['scion', 'scion_13F-HR_20230930_0000905148-23-001400.txt'],
  ['13f', 'pershing_13F-HR_20211231_0001172661-22-000776.txt'],
  ['13f', 'pershing_13F-HR-A_20211231_0001172661-22-001013.txt'],
];

beforeAll(async () => {
  await withStore(async (store) => {
    for (const [folder, f] of FILES) {
      const text = secText(folder, f);
      await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: f })), contentHash(text));
    }
  }, db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI', () => {
  it('13f holders --json / --csv, as of a day before and after the filing', () => {
    const after = runCli([
      '13f',
      'holders',
      '--cusip',
      '78462f103',
      '--as-of',
      '2023-08-14',
      '--json',
      '--db',
      db,
    ]);
    expect(after.code).toBe(0);
    const body = JSON.parse(after.stdout) as {
      cusip: string;
      holders: { valueUsd: number; putCall: string }[];
    };
    expect(body.cusip).toBe('78462F103');
    expect(body.holders.map((h) => [h.putCall, h.valueUsd])).toEqual([['Put', 886_560_000]]);
    const before = runCli([
      '13f',
      'holders',
      '--cusip',
      '78462F103',
      '--as-of',
      '2023-08-13',
      '--csv',
      '--db',
      db,
    ]);
    // nothing to export: an empty view fails with its reason instead of a bare header
    expect([before.code, before.stdout]).toEqual([1, '']);
    expect(before.stderr).toContain('No 13F report holding 78462F103 was filed by 2023-08-13');
    const csv = runCli(['13f', 'holders', '--cusip', '78462F103', '--csv', '--db', db]);
    expect(csv.stdout.split('\n')[1]).toBe(
      '2023-06-30,1649339,"Scion Asset Management, LLC",2023-08-14,Put,SH,2000000,886560000',
    );
  });

  it('13f history shows the NEW HOLDINGS amendment only from its filing day; 13f top-puts ranks by notional', () => {
    const h = runCli(['13f', 'history', '--cik', '1336528', '--as-of', '2022-03-07', '--json', '--db', db]);
    const hist = JSON.parse(h.stdout) as { quarters: { positions: number }[] };
    expect(hist.quarters.map((q) => q.positions)).toEqual([7]);
    const early = JSON.parse(
      runCli(['13f', 'history', '--cik', '1336528', '--as-of', '2022-03-01', '--json', '--db', db]).stdout,
    ) as { quarters: { positions: number }[] };
    expect(early.quarters.map((q) => q.positions)).toEqual([6]);
    const t = runCli(['13f', 'top-puts', '--period', '2023-06-30', '--top', '1', '--db', db]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(
      /1649339\s+Scion Asset Management, LLC\s+2023-08-14\s+78462F103\s+SPDR S&P 500 ETF TR\s+2\.0M\s+\$886\.6M/,
    );
  });

  it('bad options are refused by name', () => {
    const r = runCli(['13f', 'holders', '--cusip', 'NVDA', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--cusip must be a 9-character CUSIP like 78462F103, got 'NVDA'");
  });
});

describe('API', () => {
  it('/api/13f/holders, /history, /top-puts honour asOf; a bad parameter is a 400 naming it', async () => {
    await withStore(async (store) => {
      const app = createApp(store);
      const get = async (url: string) => {
        const res = await app.request(url);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const h = await get('/api/13f/holders?cusip=78462F103&asOf=2023-08-13');
      expect([h.status, h.body.holders]).toEqual([200, []]);
      const h2 = await get('/api/13f/holders?cusip=78462F103&asOf=2023-08-14');
      expect((h2.body.holders as { valueUsd: number }[]).map((x) => x.valueUsd)).toEqual([886_560_000]);
      const hist = await get('/api/13f/history?cik=1649339&asOf=2023-12-31');
      expect((hist.body.quarters as { period: string }[]).map((q) => q.period)).toEqual([
        '2023-06-30',
        '2023-09-30',
      ]);
      const tp = await get('/api/13f/top-puts?period=2023-06-30&top=2');
      expect((tp.body.puts as { notionalUsd: number }[]).map((p) => p.notionalUsd)).toEqual([
        886_560_000, 738_840_000,
      ]);
      const bad = await get('/api/13f/top-puts?period=2023-6-30');
      expect(bad.status).toBe(400);
      // The server's one error shape ({ error: { kind, message, parameter } }, src/server/params.ts)
      // names the parameter in its own field since the server merge.
      expect(bad.body.error).toEqual({
        kind: 'bad-parameter',
        message: "period must be a calendar date YYYY-MM-DD, got '2023-6-30'",
        parameter: 'period',
      });
    }, db);
  });
});
