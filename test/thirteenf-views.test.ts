import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scionStore } from '../src/analytics/thirteenf/scion-store.testkit.js';
import { createApp } from '../src/server/app.js';
import { withStore } from '../src/store/memory.testkit.js';
import { openStore, type Store } from '../src/store/store.js';
import { renderText } from '../src/views/text.js';
import { watchlistView } from '../src/views/thirteenf-watchlist.js';
import { runCli } from './cli.js';

/**
 * The 13F and scorecard views through the real CLI (text, --csv, --json) and the API
 * (/api/views/<id>) on one DuckDB file of the real Scion filings, closes and DGS3MO: the CLI
 * prints the same object the API serves, and the old JSON of each command is unchanged.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'tw-13f-views-'));
const DB = path.join(dir, 'tw.duckdb');
const D = '2026-01-10';
const cli = (args: string[]) => runCli([...args, '--db', DB]);
const out: Record<string, ReturnType<typeof runCli>> = {};

beforeAll(async () => {
  await (await scionStore(DB)).close();
  // CLI runs first: one process opens the DuckDB file at a time
  out.watchlist = cli(['13f', 'watchlist', '--as-of', D]);
  out.watchlistCsv = cli(['13f', 'watchlist', '--as-of', D, '--csv']);
  out.watchlistJson = cli(['13f', 'watchlist', '--as-of', D, '--json']);
  out.holdings = cli(['13f', 'holdings', '--period', '2023-06-30', '--as-of', D]);
  out.holdingsCsv = cli(['13f', 'holdings', '--period', '2023-06-30', '--as-of', D, '--csv']);
  out.diffCsv = cli(['13f', 'diff', '--as-of', D, '--csv']);
  out.filings = cli(['13f', 'filings', '--cik', '1649339', '--as-of', '2022-06-16']);
  out.history = cli(['13f', 'history', '--cik', '1649339', '--as-of', D]);
  out.topPuts = cli(['13f', 'top-puts', '--as-of', D]);
  out.scorecard = cli(['scorecard', '--as-of', D]);
  out.scorecardCsv = cli(['scorecard', '--as-of', D, '--csv']);
  out.early = cli(['13f', 'watchlist', '--as-of', '2020-03-20']);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI', () => {
  it('13f watchlist: the text is the view rendered, --csv its options table, --json the report as before', async () => {
    expect(out.watchlist!.code).toBe(0);
    await withStore(async (store) => {
      expect(out.watchlist!.stdout).toBe(`${renderText(await watchlistView(store, { asOf: D }))}\n`);
    }, DB);
    expect(out.watchlist!.stdout).toMatch(
      /Put notional \(2023-09-30\): \$55\.1M {2}\(of the total 55\.6 %\) {2}2023-09-30 {2}STALE/,
    );
    expect(out.watchlist!.stdout).toMatch(
      /SPY put\s+2\.0M\s+\$443\.28\s+\$886\.6M\s+11\.9 %\s+5\.46 %\s+\$15\.5M\s+\$19\.0M\s+\$21\.7M/,
    );
    expect(out.watchlist!.stdout).toMatch(
      /at the money, 6 months \(estimate\)\s+\$94\.3M\s+10\.3 %\s+estimate/,
    );
    expect(out.watchlist!.stdout).toContain(
      'curated: the PLTR notional $912.0M and premium $9.2M are quoted',
    );
    const csv = out.watchlistCsv!.stdout.split('\n');
    expect(csv[0]).toBe(
      'period,option,shares,spot,notionalUsd,vol,rate,premium3m,premium6m,premium12m,ofNotionalLow,ofNotionalHigh,note',
    );
    expect(csv[1]).toMatch(/^2023-09-30,SOXX put,100000,473\.65,47365000,0\.25\d+,0\.0556,2\d{6}\.\d+,/);
    const json = JSON.parse(out.watchlistJson!.stdout) as {
      thesis5: { premium: { points: { premiumUsd: number }[] } };
    };
    expect(json.thesis5.premium.points.map((p) => Math.round(p.premiumUsd / 1e5) / 10)).toEqual([
      68.9, 94.3, 126.6,
    ]);
  });

  it('13f holdings / diff: text with $ and humanised counts, --csv raw values', () => {
    expect(out.holdings!.stdout).toMatch(/SPY put\s+78462F103\s+TR UNIT\s+2\.0M\s+\$886\.6M\s+51\.0 %/);
    expect(out.holdings!.stdout).toContain('Put notional: $1.6B  (of the total 93.6 %)  2023-06-30');
    expect(out.holdingsCsv!.stdout.split('\n').slice(0, 2)).toEqual([
      'position,cusip,titleOfClass,shares,valueUsd,weight',
      expect.stringMatching(/^SPY put,78462F103,TR UNIT,2000000,886560000,0\.5104\d+$/),
    ]);
    expect(out.diffCsv!.stdout.split('\n')[0]).toBe(
      'kind,position,cusip,sharesBefore,sharesAfter,sharesChange,valueBeforeUsd,valueAfterUsd',
    );
  });

  it('13f filings (new), history, top-puts and scorecard print their views', () => {
    expect(out.filings!.stdout).toContain('2 13F filing(s) of CIK 1649339 filed by 2022-06-16 are stored');
    expect(out.filings!.stdout).toMatch(
      /0001567619-22-010747\s+2022-05-16\s+2022-05-16\s+12\s+US\$ thousands/,
    );
    expect(out.history!.stdout).toMatch(
      /2023-06-30\s+2023-08-14\s+1\s+33\s+\$1\.7B\s+\$1\.6B\s+\$0\s+93\.6 %/,
    );
    expect(out.history!.stdout).toContain('(STALE: the 2025-09-30 report was due)');
    expect(out.topPuts!.stdout).toContain('period: the latest quarter with a put on file by 2026-01-10');
    expect(out.scorecard!.stdout).toMatch(/macro\s+3\s+2\s+0\s+0 %\s+−100\.0 %/);
    expect(out.scorecardCsv!.stdout.split('\n')[0]).toBe(
      'episode,underlying,origin,class,symbol,periodEnd,knownFrom,notionalUsd,move1m,move3m,move6m,move12m,mae,putOutcome,estimate,reported',
    );
  });

  it('an empty view fails with its reason and the command to run', () => {
    expect(out.early!.code).toBe(1);
    expect(out.early!.stderr).toBe(
      'error: No 13F filings filed by 2020-03-20 are stored (saved filings import with tidewatch import 13f FILE).\n  hint: tidewatch update --source sec\n',
    );
  });
});

describe('API /api/views/<id>', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(DB);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('serves the same view the CLI prints; the old /api/13f and /api/scorecard answers stay', async () => {
    const app = createApp(store);
    const get = async (url: string) => {
      const res = await app.request(url);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const w = await get(`/api/views/watchlist?asOf=${D}`);
    expect(w.status).toBe(200);
    expect(w.body).toEqual(JSON.parse(JSON.stringify(await watchlistView(store, { asOf: D }))));
    expect((await get(`/api/13f/watchlist?asOf=${D}`)).body).toEqual(w.body.data);
    const sc = await get(`/api/views/scorecard?asOf=${D}`);
    expect((await get(`/api/scorecard?asOf=${D}`)).body).toEqual(sc.body.data);
    const h = await get(`/api/views/13f-holdings?cik=1649339&period=2023-06-30&asOf=${D}`);
    expect((h.body.kpis as { id: string; value: number }[]).find((k) => k.id === 'puts')?.value).toBe(
      1_625_400_000,
    );
    const holders = await get(`/api/views/13f-holders?cusip=78462F103&asOf=${D}`);
    expect((holders.body.tables as { id: string; exportOnly?: boolean }[])[0]).toMatchObject({
      id: 'holders',
      exportOnly: true,
    });
    const early = await get('/api/views/13f-history?cik=1649339&asOf=2020-03-20');
    expect([early.status, (early.body.empty as { reason: string }).reason]).toEqual([200, 'nothing-stored']);
  });

  it('bad parameters answer 400 in the one error shape; every view is documented', async () => {
    const app = createApp(store);
    const bad = await app.request('/api/views/13f-holdings?cik=abc');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        kind: 'bad-parameter',
        message: "cik must be a CIK number like 1649339, got 'abc'",
        parameter: 'cik',
      },
    });
    // a quarter after the as-of day: 400 on both the view and the older endpoint, nothing answered
    const later = await app.request('/api/views/13f-top-puts?period=2023-06-30&asOf=2023-06-29');
    expect([later.status, ((await later.json()) as { error: { kind: string } }).error.kind]).toEqual([
      400,
      'bad-input',
    ]);
    const laterOld = await app.request('/api/13f/top-puts?period=2023-06-30&asOf=2023-06-29');
    expect([
      laterOld.status,
      ((await laterOld.json()) as { error: { parameter: string } }).error.parameter,
    ]).toEqual([400, 'period']);
    const missing = await app.request('/api/views/13f-holders');
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'cusip is required: a 9-character CUSIP like 78462F103',
    );
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const id of [
      'watchlist',
      '13f-holdings',
      '13f-diff',
      '13f-filings',
      '13f-holders',
      '13f-history',
      '13f-top-puts',
      'scorecard',
    ])
      expect(Object.keys(doc.paths)).toContain(`/api/views/${id}`);
  });
});
