import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { importPriceFiles } from '../../sources/prices/import.js';
import { makeResolver, NameMatcher, parseCompanyTickers } from '../../sources/sec/thirteenf/cusip-map.js';
import { parseThirteenF } from '../../sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../../sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { openStore, type Store } from '../../store/store.js';
import { holdingsReport, storePriceHistory } from './service.js';

/**
 * Premium estimates end to end from the store: real Scion 2023-06-30 filing (scion/PROVENANCE.md:
 * SPY put 886,560,000 for 2,000,000 sh, QQQ put 738,840,000 for 2,000,000 sh) and real yfinance
 * auto-adjusted price files (prices/PROVENANCE.md, source A) imported with the prices import.
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
  });

/** Realised vol straight from the CSV (independent of price_bars): last 252 log returns to `until`. */
function csvVol(file: string, until: string): number {
  const closes = readFileSync(dataFile('prices', file), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([d]) => d && d <= until)
    .map(([, c]) => Number(c))
    .slice(-253);
  const r = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt((r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1)) * 252);
}

beforeEach(async () => {
  store = await openStore(':memory:');
  const text = readFileSync(dataFile('sec', 'scion', SCION), 'utf8');
  await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: SCION })), contentHash(text));
});
afterEach(async () => {
  await store.close();
});

describe('13F premium estimates from stored prices', () => {
  it('Scion 2023-06-30 SPY and QQQ puts: notional $886.6M / $738.8M vs ATM premium $29.8M–$74.6M', async () => {
    const imported = await importPriceFiles(store, [
      dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
      dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
    ]);
    expect(imported.map((s) => s.status)).toEqual(['ok', 'ok']);
    const r = await holdingsReport(
      store.db,
      1649339,
      '2023-06-30',
      resolver(),
      5,
      storePriceHistory(store.db),
    );
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

    // Volatility: the last 252 returns to 2023-06-30 of the same file, read independently.
    const spyVol = csvVol('yf-autoadj-ohlcv/SPY.csv', '2023-06-30');
    expect(spyVol).toBeCloseTo(0.193, 3);
    expect(spy?.premium?.assumptions[2]).toBe(
      `volatility = realised ${(spyVol * 100).toFixed(1)}% a year over 252 daily returns to 2023-06-30 (file:yf-autoadj-ohlcv/SPY.csv) (implied volatility is not in the data)`,
    );
    expect(csvVol('yf-autoadj-ohlcv/QQQ.csv', '2023-06-30')).toBeCloseTo(0.252, 3);

    // Black-Scholes put, S = K = 443.28, σ 19.3 %, r 4 %: 3 months $14.89/sh … 24 months $31.27/sh.
    const spyPts = spy!.premium!.points;
    expect(spyPts.map((p) => p.months)).toEqual([3, 6, 12, 24]);
    expect(spyPts.map((p) => Math.round(p.premiumUsd / 1e4) / 100)).toEqual([29.78, 39.58, 50.99, 62.55]);
    expect(qqq!.premium!.lowUsd / 1e6).toBeCloseTo(33.4, 1);
    expect(qqq!.premium!.highUsd / 1e6).toBeCloseTo(74.65, 1);
    // Rule-of-thumb check (ATM ≈ 0.4·σ·√T·S less the rate's drift): 3-month SPY put within 15 %.
    const rough = 0.4 * spyVol * Math.sqrt(0.25) * 443.28 * 2_000_000;
    expect(Math.abs(spyPts[0]!.premiumUsd / rough - 1)).toBeLessThan(0.15);
    // The whole range is a few percent of the reported notional: notional is not money at risk.
    expect(spy!.premium!.highUsd / spy!.notionalUsd).toBeLessThan(0.08);
    expect(spy!.premium!.assumptions[0]).toMatch(/^strike = spot = reported value ÷ shares = \$443\.28/);
  });

  it('no stored prices: the option rows stay, with a note saying why no premium is shown', async () => {
    const r = await holdingsReport(
      store.db,
      1649339,
      '2023-06-30',
      resolver(),
      5,
      storePriceHistory(store.db),
    );
    expect(r.options.map((o) => o.premium)).toEqual([null, null]);
    expect(r.options[0]?.premiumNote).toMatch(/^no price history for SPY up to 2023-06-30/);
  });

  it('prices that stop long before the report date are not used (stale window)', async () => {
    // yahoo-classic GSPC ends 2020-12-31; stored as SPY it must not price a 2023 report.
    await importPriceFiles(store, [dataFile('prices', 'yahoo-classic-csv', 'GSPC.csv')], { symbol: 'SPY' });
    const r = await holdingsReport(
      store.db,
      1649339,
      '2023-06-30',
      resolver(),
      5,
      storePriceHistory(store.db),
    );
    expect(r.options[0]?.premium).toBeNull();
  });
});
