import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveFilings } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { makeResolver, NameMatcher, parseCompanyTickers } from '../../sources/sec/thirteenf/cusip-map.js';
import { openStore, type Store } from '../../store/store.js';
import { importFredFiles } from '../../update/import/fred.js';
import { importPriceFiles } from '../../update/import/prices.js';
import { bsPrice } from './black-scholes.js';
import { holdingsReport } from './service.js';

/**
 * Premium estimates end to end from the store: real Scion 2023-06-30 filing (scion/PROVENANCE.md:
 * SPY put 886,560,000 for 2,000,000 sh, QQQ put 738,840,000 for 2,000,000 sh), real yfinance
 * auto-adjusted price files (prices/PROVENANCE.md, source A) and FRED DGS3MO, each imported
 * through its own import path. The expected figures are recomputed here from the files.
 */
let store: Store;
const SCION = 'scion_13F-HR_20230630_0000905148-23-000689.txt';
const resolver = () =>
  makeResolver({
    names: new NameMatcher(
      parseCompanyTickers(
        JSON.parse(readFileSync(dataFile('sec', 'reference', 'company_tickers.json'), 'utf8')),
        'company_tickers.json',
      ),
    ),
    builtIn: true,
  });

/** `Date,value` rows of a CSV under shared/data up to `until`. */
function csvRows(file: string[], until: string): Array<[string, number]> {
  return readFileSync(dataFile(...file), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([d, v]) => d && d <= until && v && v !== '.')
    .map(([d, v]) => [d!, Number(v)] as [string, number]);
}

/** Realised vol straight from the CSV (independent of price_bars): last 63 log returns to `until`. */
function csvVol(file: string, until: string): number {
  const closes = csvRows(['prices', ...file.split('/')], until)
    .map(([, c]) => c)
    .slice(-64);
  const r = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt((r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1)) * 252);
}

const asOf = '2023-08-14'; // the filing date: the first day the quarter is public

beforeEach(async () => {
  store = await openStore(':memory:');
  await saveFilings(store, 'scion', [SCION]);
});
afterEach(async () => {
  await store.close();
});

describe('13F premium estimates from stored prices and rates', () => {
  it('Scion 2023-06-30 SPY and QQQ puts: notional next to the one premium, inputs as known on 2023-06-30', async () => {
    const imported = await importPriceFiles(store, [
      dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
      dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
    ]);
    expect(imported.map((s) => s.status)).toEqual(['ok', 'ok']);
    const fred = await importFredFiles(store, [dataFile('fred', 'yield-curve-1962-2026', 'DGS3MO.csv')], {
      runId: null,
      today: '2026-04-20',
    });
    expect(fred.map((s) => s.status)).toEqual(['ok']);
    const r = await holdingsReport(store, { cik: 1649339, period: '2023-06-30', asOf, resolver: resolver() });
    expect(r.notionalCaveat).toMatch(/not the premium paid and not money at risk/);
    const [spy, qqq] = r.options;
    expect(r.options).toHaveLength(2);
    expect([spy?.ticker, spy?.putCall, spy?.notionalUsd, spy?.impliedSpot]).toEqual([
      'SPY',
      'Put',
      886_560_000,
      443.28,
    ]);
    expect([qqq?.ticker, qqq?.notionalUsd, qqq?.impliedSpot]).toEqual(['QQQ', 738_840_000, 369.42]);

    // Volatility: the 63 returns to 2023-06-30 of the same file, read independently.
    const spyVol = csvVol('yf-autoadj-ohlcv/SPY.csv', '2023-06-30');
    expect(spy!.premium!.vol.value).toBeCloseTo(spyVol, 10);
    expect(spyVol).toBeCloseTo(0.119, 3);
    // Rate: DGS3MO 2023-06-29 = 5.46 (public the next business day, 2023-06-30); the 06-30 value is not yet public.
    const dgs = csvRows(['fred', 'yield-curve-1962-2026', 'DGS3MO.csv'], '2023-06-29').at(-1)!;
    expect(dgs).toEqual(['2023-06-29', 5.46]);
    expect(spy!.premium!.rate).toEqual({
      value: 0.0546,
      date: '2023-06-29',
      source: 'DGS3MO 2023-06-29 (public 2023-06-30)',
    });
    // Black-Scholes ATM put on the reported notional, per horizon.
    const expected = [3, 6, 12].map(
      (m) => 886_560_000 * bsPrice('Put', { spot: 1, strike: 1, years: m / 12, rate: 0.0546, vol: spyVol }),
    );
    for (const [i, p] of spy!.premium!.points.entries())
      expect(p.premiumUsd! / expected[i]!).toBeCloseTo(1, 9);
    expect(spy!.premium!.points.map((p) => p.months)).toEqual([3, 6, 12]);
    // Rule-of-thumb check (ATM ≈ S·(0.4·σ·√T − r·T/2)): 3-month SPY put within 10 %.
    const rough = 886_560_000 * (0.4 * spyVol * Math.sqrt(0.25) - (0.0546 * 0.25) / 2);
    expect(Math.abs(spy!.premium!.points[0]!.premiumUsd! / rough - 1)).toBeLessThan(0.1);
    // The whole range is a few percent of the reported notional: notional is not money at risk.
    expect(spy!.premium!.highUsd! / spy!.notionalUsd).toBeLessThan(0.05);
    expect(spy!.premium!.assumptions[2]).toBe(
      `volatility = realised ${(spyVol * 100).toFixed(1)}% a year over the 63 daily returns 2023-03-30 to 2023-06-30 (file:yf-autoadj-ohlcv/SPY.csv); implied volatility is not in the data`,
    );
    expect(qqq!.premium!.vol.value).toBeCloseTo(csvVol('yf-autoadj-ohlcv/QQQ.csv', '2023-06-30'), 10);
    expect(r.premiumMethod.volReturns).toBe(63);
  });

  it('no stored prices: the option rows stay, with a note saying why no premium is shown', async () => {
    const r = await holdingsReport(store, { cik: 1649339, period: '2023-06-30', asOf, resolver: resolver() });
    expect(r.options.map((o) => o.premium)).toEqual([null, null]);
    expect(r.options[0]?.premiumNote).toBe(
      'no prices stored for SPY up to 2023-06-30: premium not estimated',
    );
  });

  it('prices that stop long before the report date are not used (stale window)', async () => {
    // yahoo-classic GSPC ends 2020-12-31; stored as SPY it must not price a 2023 report.
    await importPriceFiles(store, [dataFile('prices', 'yahoo-classic-csv', 'GSPC.csv')], { symbol: 'SPY' });
    const r = await holdingsReport(store, { cik: 1649339, period: '2023-06-30', asOf, resolver: resolver() });
    expect(r.options[0]?.premium).toBeNull();
    expect(r.options[0]?.premiumNote).toBe(
      'prices for SPY stop at 2020-12-31, more than 7 days before 2023-06-30 (stale): premium not estimated',
    );
  });
});
