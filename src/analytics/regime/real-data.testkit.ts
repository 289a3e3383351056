import { readFileSync } from 'node:fs';
import { dataFile } from '../../../test/shared-data.js';
import type { WeeklyData } from '../backtest/engine.js';
import { withKnownFrom } from './from-series.js';
import { type DatedValue, fridays, weeklyCloses } from './weekly.js';

/**
 * Test-only reader for the real CSVs in ../shared/data, so the analytics tests do not wait on
 * the source parsers. Handles what those files hold: a BOM, empty or '.' missing values.
 * `scale` converts to canonical units (e.g. 1e6 for FRED "millions of US$").
 */
export function readCsvSeries(relPath: string, column: string, scale = 1): DatedValue[] {
  const file = dataFile(...relPath.split('/'));
  const lines = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const col = header.indexOf(column);
  if (col < 0) throw new Error(`${file}: no column ${column} in ${header.join(',')}`);
  const out: DatedValue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const cells = line.split(',');
    const raw = cells[col]?.trim() ?? '';
    if (raw === '' || raw === '.') continue;
    out.push({ date: cells[0]!.trim(), value: Number(raw) * scale });
  }
  return out;
}

/** Daily closes as parallel arrays, ascending (yfinance / Yahoo / Binance layouts). */
export function readCloses(
  relPath: string,
  column = 'Close',
  dropLast = false,
): { dates: string[]; closes: Float64Array } {
  const rows = readCsvSeries(relPath, column);
  if (dropLast) rows.pop();
  return { dates: rows.map((r) => r.date), closes: Float64Array.from(rows.map((r) => r.value)) };
}

/**
 * The FRED/crypto files the risk engine needs, in canonical units, each row with the day it was
 * public (the series' release rule, as the store would record it; a BTC close on its own day).
 */
export function realRiskSources() {
  const fred = (file: string, id: string, scale = 1) =>
    withKnownFrom(id, readCsvSeries(`fred/${file}`, id, scale))!;
  return {
    fedAssets: fred('WALCL.csv', 'WALCL', 1e6),
    tga: fred('WTREGEN.csv', 'WTREGEN', 1e6),
    rrp: fred('RRPONTSYD.csv', 'RRPONTSYD', 1e9),
    sofr: fred('sofr3-2021-2026/SOFR.csv', 'SOFR'),
    iorb: fred('sofr3-2021-2026/IORB.csv', 'IORB'),
    reserves: fred('sofr3-2021-2026/WRESBAL.csv', 'WRESBAL', 1e6),
    hySpread: fred('BAMLH0A0HYM2.csv', 'BAMLH0A0HYM2'),
    vix: fred('VIXCLS.csv', 'VIXCLS'),
    nfci: fred('NFCI.csv', 'NFCI'),
    // Binance's last row is a partial day (PROVENANCE): drop it.
    btc: readCsvSeries('crypto/binance-spot-daily/BTCUSDT_1d.csv', 'close')
      .slice(0, -1)
      .map((o) => ({ ...o, knownFrom: o.date })),
  };
}

/** Weekly SPY and VIX closes (yfinance files) on every Friday 2001-01-05 … 2026-02-20: ~25 years. */
export function realSpyVixWeekly(): WeeklyData {
  const weeks = fridays('2001-01-05', '2026-02-20');
  const spy = readCloses('prices/yf-autoadj-ohlcv/SPY.csv');
  const vix = readCloses('prices/yf-autoadj-ohlcv/VIX.csv');
  return {
    weeks,
    series: {
      SPY: weeklyCloses(weeks, spy.dates, spy.closes),
      VIX: weeklyCloses(weeks, vix.dates, vix.closes),
    },
  };
}
