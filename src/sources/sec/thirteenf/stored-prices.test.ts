import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import { withMemoryStore } from '../../../store/memory.testkit.js';
import type { Store } from '../../../store/store.js';
import { importPriceFiles } from '../../../update/import/prices.js';
import { makeResolver, parseUserMapping } from './cusip-map.js';
import { parseThirteenF } from './filing.js';
import { normaliseWithStoredPrices, storedPriceRanges } from './stored-prices.js';
import { secText } from './test-files.js';

/**
 * The value-unit price check fed from price_bars: real filings (13f/ and scion/ PROVENANCE.md)
 * and real price files imported with the prices import (prices/PROVENANCE.md). The CUSIP →
 * ticker lines are a user mapping file as a person would write it (public identifiers).
 */
const MAP = parseUserMapping(
  [
    'cusip,ticker,name',
    '67066G104,NVDA,NVIDIA CORP',
    '594918104,MSFT,MICROSOFT CORP',
    '78462F103,SPY,SPDR S&P 500 ETF TR',
    '46090E103,QQQ,INVESCO QQQ TR',
  ].join('\n'),
  'test mapping',
);
const resolver = makeResolver({ user: MAP });
const REN = 'renaissance_13F-HR_20230930_0001037389-23-000124.txt';

let store: Store;
withMemoryStore((s) => {
  store = s;
});

describe('value unit from stored prices', () => {
  it('Renaissance 2023-09-30 (filed after the switch, still thousands): price-check decides from NVDA and MSFT bars', async () => {
    await importPriceFiles(store, [
      dataFile('prices', 'yahoo-classic-csv', 'NVDA.csv'),
      dataFile('prices', 'yahoo-classic-csv', 'MSFT.csv'),
    ]);
    const parsed = parseThirteenF(secText('13f', REN), { source: REN });
    // 2023-09-30 is a Saturday: the last trading day before it is 2023-09-29.
    const priced = await storedPriceRanges(store.db, parsed.rows, parsed.period, resolver);
    expect(priced.map((p) => [p.ticker, p.date, p.basis])).toEqual([
      ['MSFT', '2023-09-29', 'split'],
      ['NVDA', '2023-09-29', 'split'],
    ]);
    // yahoo-classic NVDA 2023-09-29: low 433.07, high 441.44 (pre-2024-split download).
    expect(priced.find((p) => p.ticker === 'NVDA')?.range).toEqual({ low: 433.070007, high: 441.440002 });
    const f = await normaliseWithStoredPrices(store.db, parsed, resolver);
    // NVIDIA 526,029 for 1,209,287 sh = $434.99 only ×1000; MSFT 364,938 / 1,155,782 sh = $315.75 ×1000.
    expect([f.unit.unit, f.unit.rule]).toEqual(['usd_thousands', 'price-check']);
    expect(f.unit.detail).toMatch(
      /^2 of 2 priced rows match the day's price range read as thousands; prices: MSFT 2023-09-29 314\.98–319\.47 \(file:yahoo-classic-csv\/MSFT\.csv, split\)/,
    );
    const nvda = f.holdings.find((h) => h.cusip === '67066G104' && !h.putCall);
    expect(nvda?.valueUsd).toBe(526_029_000);
  });

  it('Scion 2023-06-30 (dollars): SPY/QQQ put rows priced from adjusted bars decide dollars', async () => {
    await importPriceFiles(store, [
      dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
      dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
    ]);
    const file = 'scion_13F-HR_20230630_0000905148-23-000689.txt';
    const f = await normaliseWithStoredPrices(
      store.db,
      parseThirteenF(secText('scion', file), { source: file }),
      resolver,
    );
    // SPY 886,560,000 / 2,000,000 = $443.28; the split+div adjusted bar is a few % lower, within ×1.5.
    expect([f.unit.unit, f.unit.rule]).toEqual(['usd', 'price-check']);
    expect(f.unit.detail).toMatch(/^2 of 2 priced rows .* dollars; prices: .*SPY 2023-06-30/);
    expect(f.unit.disagreement).toBeNull();
  });

  it('no stored prices for the filing: falls back to the filer-rows rule, nothing priced', async () => {
    const parsed = parseThirteenF(secText('13f', REN), { source: REN });
    expect(await storedPriceRanges(store.db, parsed.rows, parsed.period, resolver)).toEqual([]);
    const f = await normaliseWithStoredPrices(store.db, parsed, resolver);
    expect([f.unit.unit, f.unit.rule]).toEqual(['usd_thousands', 'implied-price']);
  });
});
