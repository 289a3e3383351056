import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parsePriceCsv } from '../../sources/prices/parse.js';
import { calibrateOnDay, DEFAULT_BOOK, DEFAULT_IMPACT } from './calibrate.js';
import { buildPositionBook, liquidationPrice, type PositionBook } from './positions.js';
import { parseShock } from './shock.js';
import { binBook, simulateCascade } from './simulate.js';

/** Three longs by hand at 100: liquidation levels 95, 90 and 80, 1 coin each. */
const handBook: PositionBook = {
  price: 100,
  side: Int8Array.from([1, 1, 1]),
  qty: Float64Array.from([1, 1, 1]),
  liqPrice: Float64Array.from([95, 90, 80]),
  discarded: 0,
};

describe('cascade simulator (literal)', () => {
  it('liquidation price: 10x long at 100 with 0.4 % maintenance → 90.4; short → 109.6', () => {
    expect(liquidationPrice(100, 10, 1, 0.004)).toBeCloseTo(90.4, 10);
    expect(liquidationPrice(100, 10, -1, 0.004)).toBeCloseTo(109.6, 10);
  });
  it('a shock that reaches no liquidation level stops at once', () => {
    const r = simulateCascade(
      binBook(handBook),
      { depthUsdPer1Pct: 1e9, model: 'linear', marketShare: 1 },
      { shock: -0.02 },
    );
    expect(r).toMatchObject({ liquidatedUsd: 0, stable: true, rounds: 1 });
    expect(r.finalPrice).toBeCloseTo(98, 10);
  });
  it('shock −5 % liquidates the 95 long; its selling (linear, $95 per 1 %) takes the price past 90, then 80', () => {
    // Round 1 at 95: sells 1 coin = $95 → −1 % (log). Depth $9.5/1 %: −10 % log → ~85.9 → the 90 long goes, and so on.
    const r = simulateCascade(
      binBook(handBook),
      { depthUsdPer1Pct: 9.5, model: 'linear', marketShare: 1 },
      { shock: -0.05 },
    );
    expect(r.liquidatedPositions).toBe(3);
    expect(r.stable).toBe(true);
    expect(r.path.length).toBeGreaterThanOrEqual(4);
    expect(r.finalPrice).toBeLessThan(80);
    // With deep markets the same shock liquidates only the first position.
    const deep = simulateCascade(
      binBook(handBook),
      { depthUsdPer1Pct: 1e6, model: 'linear', marketShare: 1 },
      { shock: -0.05 },
    );
    expect(deep.liquidatedPositions).toBe(1);
    expect(deep.liquidatedUsd).toBeCloseTo(95, 1);
  });
  it('bad parameters are refused', () => {
    expect(() =>
      simulateCascade(
        binBook(handBook),
        { depthUsdPer1Pct: 0, model: 'sqrt', marketShare: 1 },
        { shock: -0.1 },
      ),
    ).toThrow(/depthUsdPer1Pct/);
    expect(() => simulateCascade(binBook(handBook), DEFAULT_IMPACT, { shock: -1.5 })).toThrow(/shock/);
  });
  it('book: longs hold longShare of open interest at the price; seeded = reproducible', () => {
    const b = buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 20_000 });
    let longUsd = 0;
    let total = 0;
    for (let i = 0; i < b.qty.length; i++) {
      total += b.qty[i]! * 100_000;
      if (b.side[i] === 1) longUsd += b.qty[i]! * 100_000;
    }
    expect(total).toBeCloseTo(DEFAULT_BOOK.openInterestUsd, -3);
    expect(longUsd / total).toBeCloseTo(0.6, 6);
    expect(buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 1000 }).liqPrice).toEqual(
      buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 1000 }).liqPrice,
    );
  });
  it('1 million positions: the cascade settles (its time is measured in bench/markets.bench.ts)', () => {
    const book = binBook(buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 1_000_000 }));
    const r = simulateCascade(book, DEFAULT_IMPACT, { shock: -0.1 });
    expect(r.stable).toBe(true);
    expect(r.finalMove).toBeLessThan(-0.1);
  });
});

describe('calibration on a real liquidation day: BTCUSDT 2025-10-10 (Binance spot klines)', () => {
  const bars = parsePriceCsv(readFileSync(dataFile('crypto', 'binance-spot-daily/BTCUSDT_1d.csv'), 'utf8'), {
    file: 'BTCUSDT_1d.csv',
  }).bars;
  it('open 121,662.41 → low 102,000 (−16.2 %) on 64,172 BTC volume (4.3× the 30-day median)', () => {
    const c = calibrateOnDay(bars, '2025-10-10');
    expect(c.day).toMatchObject({ open: 121662.41, low: 102000, close: 112774.5 });
    expect(c.day.trough).toBeCloseTo(-0.1616, 4);
    expect(c.day.volume / c.day.medianVolume30).toBeCloseTo(4.27, 2);
    // Calibrated: the trough is matched; the depth lands near $100M of flow per 1 % (sqrt law).
    expect(Math.abs(c.troughErrorPp)).toBeLessThan(0.01);
    expect(c.depthUsdPer1Pct).toBeGreaterThan(5e7);
    expect(c.depthUsdPer1Pct).toBeLessThan(2e8);
    expect(c.simulated.stable).toBe(true);
    // Independent check: simulated liquidations ($21B) vs excess Binance spot volume ($5.8B): 3.7×.
    expect(c.day.excessVolumeUsd / 1e9).toBeCloseTo(5.76, 1);
    expect(c.liquidatedToExcessVolume).toBeGreaterThan(2);
    expect(c.liquidatedToExcessVolume).toBeLessThan(6);
  });
  it('a day missing from the data is a clear error', () => {
    expect(() => calibrateOnDay(bars, '2030-01-01')).toThrow(/no OHLCV bar for 2030-01-01/);
  });
});

describe('the cascade shock: one parser for the CLI and the API', () => {
  it('a percent with % or a fraction; the same shock either way', () => {
    expect(parseShock('-10%')).toBe(-0.1);
    expect(parseShock(' -10 % ')).toBe(-0.1);
    expect(parseShock('-0.1')).toBe(-0.1);
    expect(parseShock('5%')).toBe(0.05);
    expect(parseShock('-90%')).toBe(-0.9);
  });
  it('refuses what it would have to guess, and moves beyond ±90 %', () => {
    expect(() => parseShock('-10')).toThrow(
      /'-10' is ambiguous: write a percent with % \(-10%\) or a fraction \(-0\.1\)/,
    );
    expect(() => parseShock('1')).toThrow(/ambiguous/);
    expect(() => parseShock('abc', '--shock')).toThrow("--shock 'abc' is not a number (write -10% or -0.1)");
    expect(() => parseShock('%')).toThrow(/is not a number/);
    expect(() => parseShock('-95%')).toThrow(/outside -90% … \+90%/);
    expect(() => parseShock('0.95')).toThrow(/outside/);
    expect(parseShock('0.9')).toBe(0.9);
  });
});
