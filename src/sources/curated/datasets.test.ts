import { describe, expect, it } from 'vitest';
import { parseLiquidationTotalsCsv, parseMarketEventsCsv, parseTokensCsv, tokenGrowth } from './datasets.js';
import { shippedLiquidationTotals, shippedMarketEvents, shippedTokens } from './datasets.testkit.js';

describe('curated token dataset (PRODUCT.md thesis 4 figures)', () => {
  const rows = shippedTokens();
  it('every row has a source; the thesis figures are present', () => {
    expect(rows.every((r) => r.source.length > 10)).toBe(true);
    const g = (d: string, p: string) => rows.find((r) => r.date === d && r.provider === p)?.value;
    expect(g('2024-05-01', 'Google')).toBe(9.7e12);
    expect(g('2025-10-01', 'Google')).toBe(1.3e15);
    expect(g('2024-05-01', 'ByteDance')).toBe(1.2e11);
    expect(g('2025-05-01', 'ByteDance')).toBe(1.64e13);
  });
  it('growth: Google ×134 May 2024 → Oct 2025 (17 months, ≈ ×31 a year); Doubao ×137 in 12 months', () => {
    const gr = tokenGrowth(rows);
    const google = gr.find(
      (x) => x.provider === 'Google' && x.from === '2024-05-01' && x.to === '2025-10-01',
    )!;
    expect(google.multiple).toBeCloseTo(1.3e15 / 9.7e12, 9);
    expect(google.months).toBeCloseTo(17, 0);
    expect(google.annualisedMultiple).toBeCloseTo((1.3e15 / 9.7e12) ** (12 / google.months), 9);
    const doubao = gr.find(
      (x) => x.provider === 'ByteDance' && x.from === '2024-05-01' && x.to === '2025-05-01',
    )!;
    expect(doubao.multiple).toBeCloseTo(16.4e12 / 120e9, 9);
    expect(doubao.annualisedMultiple).toBeGreaterThan(100); // the thesis' "> 100× a year" holds for Doubao
    expect(doubao.toPerMonth).toBeCloseTo(1.64e13 * 30.4375, 0);
  });
});

describe('curated market-wide liquidation totals', () => {
  it('the shipped file is empty until cited figures are added; rows are checked like every curated file', () => {
    expect(shippedLiquidationTotals()).toEqual([]);
    const head = 'date,total_usd,source,source_url,note\n';
    expect(parseLiquidationTotalsCsv(`${head}2026-02-05,2.6e9,aggregator X,,`, 'l.csv')).toEqual([
      { date: '2026-02-05', totalUsd: 2.6e9, source: 'aggregator X', sourceUrl: null, note: null },
    ]);
    expect(() => parseLiquidationTotalsCsv(`${head}2026-02-05,-1,aggregator X,,`, 'l.csv')).toThrow(
      "l.csv: line 2: total_usd '-1' is negative",
    );
    expect(() => parseLiquidationTotalsCsv(`${head}2026-02-05,1e9,,,`, 'l.csv')).toThrow(
      /line 2: source is empty/,
    );
  });
});

describe('curated market events', () => {
  it('Oracle 2025-12-11 drop of more than 11% is there with its source', () => {
    const orcl = shippedMarketEvents().find((e) => e.ticker === 'ORCL' && e.date === '2025-12-11')!;
    expect(orcl.movePct).toBeLessThanOrEqual(-11);
    expect(orcl.priceBefore).toBe(223.01);
    expect(orcl.source).toMatch(/PRODUCT\.md/);
  });
});

describe('curated CSV bad input names file, line and value', () => {
  const head = 'date,date_precision,published,provider,product,metric,value,unit,source,source_url,note\n';
  it('bad date', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-13-01,month,2024-12-01,G,x,tokens_per_month,1,tokens,s,,`, 't.csv'),
    ).toThrow("t.csv: line 2: date '2024-13-01' is not YYYY-MM-DD");
  });
  it('missing source', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-05-01,month,2024-06-01,G,x,tokens_per_month,1,tokens,,,`, 't.csv'),
    ).toThrow(/line 2: source is empty/);
  });
  it('bad value and missing column', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-05-01,month,2024-06-01,G,x,tokens_per_month,lots,tokens,s,,`, 't.csv'),
    ).toThrow("t.csv: line 2: value 'lots' is not a number");
    expect(() => parseMarketEventsCsv('date,ticker\n2025-01-01,X', 'e.csv')).toThrow(
      /e\.csv: line 1: missing column\(s\) kind/,
    );
  });
  it('a published date that is not a date, or before the period it describes, is refused', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-05-01,month,soon,G,x,tokens_per_month,1,tokens,s,,`, 't.csv'),
    ).toThrow("t.csv: line 2: published 'soon' is not YYYY-MM-DD");
    expect(() =>
      parseTokensCsv(`${head}2024-05-01,month,2024-04-30,G,x,tokens_per_month,1,tokens,s,,`, 't.csv'),
    ).toThrow('t.csv: line 2: published 2024-04-30 is before the period it describes (2024-05-01)');
  });
  it('quoted commas and doubled quotes', () => {
    const r = parseTokensCsv(
      `${head}2024-05-01,month,2024-06-01,G,"a, b",tokens_per_day,5,tokens,"said ""over"" 5",,`,
      't.csv',
    );
    expect(r[0]).toMatchObject({ product: 'a, b', source: 'said "over" 5', metric: 'tokens_per_day' });
  });
});
