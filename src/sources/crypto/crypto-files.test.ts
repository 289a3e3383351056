import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parsePriceCsv } from '../prices/parse.js';
import { detectFundingUnit, parseFundingFile } from './funding.js';
import { liquidationsByDay, parseFearGreed, parseHyperliquidLiquidations } from './sentiment.js';

const read = (rel: string) => readFileSync(dataFile('crypto', rel), 'utf8');

describe('crypto files (PROVENANCE.md of shared/data/crypto)', () => {
  it('Binance BTCUSDT klines: partial 2026-01-06 dropped; max high 126,199.63 on 2025-10-06', () => {
    const p = parsePriceCsv(read('binance-spot-daily/BTCUSDT_1d.csv'), {
      file: 'binance-spot-daily/BTCUSDT_1d.csv',
    });
    expect(p.format).toBe('binance-kline');
    expect(p.symbol).toBe('BTC');
    expect(p.closeBasis).toBe('raw');
    expect(p.bars).toHaveLength(3064);
    expect(p.bars.at(-1)!.date).toBe('2026-01-05');
    expect(p.dropped).toEqual([expect.objectContaining({ date: '2026-01-06' })]);
    let top = p.bars[0]!;
    for (const b of p.bars) if ((b.high ?? 0) > (top.high ?? 0)) top = b;
    expect(top).toMatchObject({ date: '2025-10-06', high: 126199.63 });
    expect(p.notes).toEqual([]); // every calendar day present
  });

  it('BTC-USD close+volume (Yahoo-style): 4062 rows, max close 124,752.53 on 2025-10-06', () => {
    const p = parsePriceCsv(read('btc_usd_daily_close_volume_2015-2026.csv'), {
      file: 'btc_usd_daily_close_volume_2015-2026.csv',
    });
    expect(p.format).toBe('close-volume');
    expect(p.symbol).toBe('BTC');
    expect(p.bars).toHaveLength(4062);
    expect(Math.max(...p.bars.map((b) => b.close))).toBe(124752.53125);
  });

  it('8h funding DD/MM/YY H:MM newest-first: reversed, decimal, 1873 rows 2021-06-29 08:00 → 2023-03-15 08:00', () => {
    const f = parseFundingFile(
      read('funding/btc_perp_funding_8h_2021-2023.csv'),
      'btc_perp_funding_8h_2021-2023.csv',
    );
    expect(f.fileUnit).toBe('decimal');
    expect(f.interval).toBe('8h');
    expect(f.rows).toHaveLength(1873);
    expect(f.rows[0]!.time).toBe('2021-06-29T08:00:00Z');
    expect(f.rows.at(-1)!.time).toBe('2023-03-15T08:00:00Z');
    expect(Math.min(...f.rows.map((r) => r.rate))).toBe(-0.00200299);
    expect(Math.max(...f.rows.map((r) => r.rate))).toBe(0.00217281);
    expect(f.notes).toContain('rows were newest-first: reversed');
    expect(f.rows.find((r) => r.time === '2021-07-02T08:00:00Z')!.rate).toBe(0.00001); // "1.00E-05"
  });

  it('funding JSON pairs in PERCENT: divided by 100, ms jitter rounded, 3316 prints, range -0.119 %..+0.088 %', () => {
    const f = parseFundingFile(
      read('funding/binance_btcusdt_funding_8h_pct_2022-2025.json'),
      'binance_btcusdt_funding_8h_pct_2022-2025.json',
    );
    expect(f.fileUnit).toBe('percent');
    expect(f.rows).toHaveLength(3316);
    expect(f.rows[0]).toMatchObject({ time: '2022-11-03T08:00:00Z' });
    expect(f.rows[0]!.rate).toBeCloseTo(0.0000044, 12); // 0.00044 % per 8h
    expect(f.rows.at(-1)!.time).toBe('2025-11-12T08:00:00Z');
    const rates = f.rows.map((r) => r.rate);
    expect(Math.min(...rates)).toBeCloseTo(-0.00119, 5);
    expect(Math.max(...rates)).toBeCloseTo(0.00088, 5);
    expect(f.notes.join(' ')).not.toMatch(/gap/); // exactly 8 h apart
  });

  it('daily mean funding (R number text like 1e-04): 2348 days, 2019-09-10 → 2026-02-12', () => {
    const f = parseFundingFile(read('funding/binance_btcusdt_funding_daily_2019-2026.csv'), 'daily.csv');
    expect(f.interval).toBe('1d');
    expect(f.fileUnit).toBe('decimal');
    expect(f.rows).toHaveLength(2348);
    expect(f.rows[0]).toMatchObject({ date: '2019-09-10', rate: 0.0001, absRate: 0.0001 });
    expect(f.rows.at(-1)!.date).toBe('2026-02-12');
    expect(Math.min(...f.rows.map((r) => r.rate))).toBeCloseTo(-0.00127, 5);
  });

  it('fear & greed: 2931 rows, 2026-02-13 = 9; liquidation sample: 62 rows, busiest day 2023-04-19/21/26', () => {
    const fg = parseFearGreed(read('sentiment/fear_greed_index_daily.csv'), 'fng.csv');
    expect(fg).toHaveLength(2931);
    expect(fg.at(-1)).toEqual({ date: '2026-02-13', value: 9, where: 'line 2932' });
    const liq = parseHyperliquidLiquidations(
      read('liquidations/hyperliquid_liquidations_2023.csv'),
      'liq.csv',
    );
    expect(liq).toHaveLength(62);
    expect(liq[0]).toMatchObject({ date: '2023-02-28', notionalUsd: 356.80015, leverageType: 'Cross' });
    const days = liquidationsByDay(liq);
    expect(Math.max(...days.map((d) => d.count))).toBe(6);
  });
});

describe('funding edge cases (literal)', () => {
  it('unit detection: decimal baseline vs percent', () => {
    expect(detectFundingUnit([0.0001, 0.0001, -0.0002])).toBe('decimal');
    expect(detectFundingUnit([0.01, 0.0075, -0.02])).toBe('percent');
  });
  it('bad day-first time names line and value; month 13 refused', () => {
    expect(() => parseFundingFile('Date,FundingRate\n15/13/23 8:00,0.0001\n', 'f.csv')).toThrow(
      /f\.csv line 2: time '15\/13\/23 8:00'/,
    );
  });
  it('conflicting duplicate print refused', () => {
    expect(() =>
      parseFundingFile('Date,FundingRate\n15/03/23 8:00,0.0001\n15/03/23 8:00,0.0002\n', 'f.csv'),
    ).toThrow(/appears twice/);
  });
});
