import { describe, expect, it } from 'vitest';
import { parseMarketEventsCsv, parseTokensCsv, tokenGrowth } from './datasets.js';
import { curatedVersion, loadMarketEvents, loadTokenDataset } from './load.js';

describe('curated token dataset (PRODUCT.md thesis 4 figures)', () => {
  const rows = loadTokenDataset();
  it('every row has a source; the thesis figures are present', () => {
    expect(rows.every((r) => r.source.length > 10)).toBe(true);
    const g = (d: string, p: string) => rows.find((r) => r.date === d && r.provider === p)?.value;
    expect(g('2024-05-01', 'Google')).toBe(9.7e12);
    expect(g('2025-10-01', 'Google')).toBe(1.3e15);
    expect(g('2024-05-01', 'ByteDance')).toBe(1.2e11);
    expect(g('2025-05-01', 'ByteDance')).toBe(1.64e13);
    expect(curatedVersion().version).toBeGreaterThanOrEqual(1);
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

describe('curated market events', () => {
  it('Oracle 2025-12-11 drop of more than 11% is there with its source', () => {
    const orcl = loadMarketEvents().find((e) => e.ticker === 'ORCL' && e.date === '2025-12-11')!;
    expect(orcl.movePct).toBeLessThanOrEqual(-11);
    expect(orcl.priceBefore).toBe(223.01);
    expect(orcl.source).toMatch(/PRODUCT\.md/);
  });
});

describe('curated CSV bad input names file, line and value', () => {
  const head = 'date,date_precision,provider,product,metric,value,unit,source,source_url,note\n';
  it('bad date', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-13-01,month,G,x,tokens_per_month,1,tokens,s,,`, 't.csv'),
    ).toThrow("t.csv: line 2: date '2024-13-01' is not YYYY-MM-DD");
  });
  it('missing source', () => {
    expect(() => parseTokensCsv(`${head}2024-05-01,month,G,x,tokens_per_month,1,tokens,,,`, 't.csv')).toThrow(
      /line 2: source is empty/,
    );
  });
  it('bad value and missing column', () => {
    expect(() =>
      parseTokensCsv(`${head}2024-05-01,month,G,x,tokens_per_month,lots,tokens,s,,`, 't.csv'),
    ).toThrow("t.csv: line 2: value 'lots' is not a number");
    expect(() => parseMarketEventsCsv('date,ticker\n2025-01-01,X', 'e.csv')).toThrow(
      /e\.csv: line 1: missing column\(s\) kind/,
    );
  });
  it('quoted commas and doubled quotes', () => {
    const r = parseTokensCsv(
      `${head}2024-05-01,month,G,"a, b",tokens_per_day,5,tokens,"said ""over"" 5",,`,
      't.csv',
    );
    expect(r[0]).toMatchObject({ product: 'a, b', source: 'said "over" 5', metric: 'tokens_per_day' });
  });
});
