import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedStore, saveFilings } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { parseCompanyTickers } from '../../sources/sec/thirteenf/cusip-map.js';
import { mapCusips } from '../../sources/sec/thirteenf/cusip-store.js';
import type { Store } from '../../store/store.js';
import { importPriceFiles } from '../../update/import/prices.js';
import { createApp } from '../app.js';
import { getJson } from '../testing.js';

let store: Store;
const SCION = [
  'scion_13F-HR_20230630_0000905148-23-000689.txt',
  'scion_13F-HR_20230930_0000905148-23-001400.txt',
];

beforeAll(async () => {
  store = await curatedStore();
  await saveFilings(store, 'scion', SCION);
});
afterAll(async () => {
  await store.close();
});

describe('/api/13f', () => {
  it('watchlist: Scion by default, latest 2023-09-30, later quarters reported as data missing', async () => {
    const body = await getJson<{
      entries: {
        cik: number;
        coverage: { latestOnFile: string; missing: string[]; message: string };
        options: { notionalUsd: number; putCall: string }[];
        putHistory: { period: string; putNotionalUsd: number }[];
      }[];
    }>(store, '/api/13f/watchlist');
    const e = body.entries[0]!;
    expect(e.cik).toBe(1649339);
    expect(e.coverage.latestOnFile).toBe('2023-09-30');
    expect(e.coverage.missing).toContain('2025-09-30');
    expect(e.coverage.message).toMatch(/^data missing/);
    expect(e.options.map((o) => o.notionalUsd).sort((a, b) => a - b)).toEqual([7_709_875, 47_365_000]);
    expect(e.putHistory).toEqual([
      expect.objectContaining({ period: '2023-06-30', putNotionalUsd: 1_625_400_000 }),
      expect.objectContaining({ period: '2023-09-30', putNotionalUsd: 55_074_875 }),
    ]);
  });

  it('holdings and diff; bad parameters answer 400 naming the parameter', async () => {
    const app = createApp(store);
    const h = (await (await app.request('/api/13f/holdings?cik=1649339&period=2023-06-30&top=2')).json()) as {
      concentration: { share: number };
      positions: unknown[];
    };
    expect(h.positions).toHaveLength(33);
    expect(h.concentration.share).toBeCloseTo(0.93589, 4);
    const d = (await (await app.request('/api/13f/diff?cik=1649339')).json()) as {
      from: string;
      to: string;
      summary: Record<string, number>;
    };
    expect([d.from, d.to, d.summary.exited]).toEqual(['2023-06-30', '2023-09-30', 25]);
    const bad = await app.request('/api/13f/holdings?cik=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "cik must be a CIK number like 1649339, got 'abc'",
    );
    const none = await app.request('/api/13f/holdings?cik=1649339&period=2025-09-30');
    expect(none.status).toBe(404);
  });

  it('with stored prices and mapped CUSIPs: SPY/QQQ puts carry the premium range next to the notional', async () => {
    // real price files (prices/PROVENANCE.md source A) and SEC company_tickers.json name matches
    await importPriceFiles(store, [
      dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
      dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
    ]);
    await mapCusips(store.db, {
      companies: parseCompanyTickers(
        JSON.parse(readFileSync(dataFile('sec', 'reference', 'company_tickers.json'), 'utf8')),
        'company_tickers.json',
      ),
    });
    const app = createApp(store);
    type Opt = {
      ticker: string;
      notionalUsd: number;
      premium: { lowUsd: number; highUsd: number; rate: { source: string }; assumptions: string[] } | null;
    };
    const h = (await (await app.request('/api/13f/holdings?cik=1649339&period=2023-06-30')).json()) as {
      options: Opt[];
      notionalCaveat: string;
    };
    expect(h.notionalCaveat).toMatch(/not money at risk/);
    expect(h.options.map((o) => [o.ticker, o.notionalUsd])).toEqual([
      ['SPY', 886_560_000],
      ['QQQ', 738_840_000],
    ]);
    // no DGS3MO stored: the stated fixed rate, said next to the premium
    expect(h.options[0]!.premium!.rate.source).toBe('fixed 4.00% (DGS3MO not stored for 2023-06-30)');
    expect(h.options[0]!.premium!.assumptions).toHaveLength(5);
    // a few percent of notional at most (ATM, 3–12 months): notional is not money at risk
    for (const o of h.options) expect(o.premium!.highUsd / o.notionalUsd).toBeLessThan(0.08);
    const w = (await (await app.request('/api/13f/watchlist')).json()) as {
      entries: { peakPutBook: { period: string; putNotionalUsd: number; options: Opt[] } | null }[];
    };
    const peak = w.entries[0]!.peakPutBook!;
    expect([peak.period, peak.putNotionalUsd]).toEqual(['2023-06-30', 1_625_400_000]);
    // one premium: the watchlist shows exactly the figures /api/13f/holdings shows for the same puts
    expect(peak.options.map((o) => o.premium)).toEqual(h.options.map((o) => o.premium));
  });
});
