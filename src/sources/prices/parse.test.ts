import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { TidewatchError } from '../../core/errors.js';
import { deriveDividends } from './actions.js';
import { parseColumnMap } from './detect.js';
import { parsePriceCsv } from './parse.js';

const read = (rel: string) => readFileSync(dataFile('prices', rel), 'utf8');
const parse = (rel: string, extra: Partial<Parameters<typeof parsePriceCsv>[1]> = {}) =>
  parsePriceCsv(read(rel), { file: rel, ...extra });

describe('price formats from the real files (PROVENANCE.md of shared/data/prices)', () => {
  it('yf-autoadj-ohlcv SPY: Close-first header, 8323 rows, 1993-01-29 adjusted close 24.38', () => {
    const p = parse('yf-autoadj-ohlcv/SPY.csv');
    expect(p.format).toBe('yf-autoadj-ohlcv');
    expect(p.closeBasis).toBe('split+div');
    expect(p.symbol).toBe('SPY');
    expect(p.bars).toHaveLength(8323); // committed after the close: the last row is a full day
    const first = p.bars[0]!;
    expect(first.date).toBe('1993-01-29');
    expect(first.close).toBeCloseTo(24.38, 2);
    expect(first.open).toBeCloseTo(24.3978, 3); // Open is the LAST column in this format
    expect(p.bars.at(-1)!.date).toBe('2026-02-23');
  });

  it('yahoo-classic NVDA: split-adjusted as of 2024-03, 2024-03-07 close 926.69, 6084 rows', () => {
    const p = parse('yahoo-classic-csv/NVDA.csv');
    expect(p.format).toBe('yahoo-classic');
    expect(p.closeBasis).toBe('split');
    expect(p.bars).toHaveLength(6084);
    const bar = p.bars.find((b) => b.date === '2024-03-07')!;
    expect(bar.close).toBe(926.690002);
    expect(p.bars[0]!.adjClose).toBe(0.894608);
    expect(p.actions).toHaveLength(0); // no unadjusted split inside a split-adjusted file
  });

  it('yahoo-classic ^GSPC: index prefix restored, the 12-day March 1933 gap reported, not hidden', () => {
    const p = parse('yahoo-classic-csv/GSPC.csv');
    expect(p.symbol).toBe('^GSPC');
    expect(p.bars).toHaveLength(23362);
    expect(p.notes.join(' ')).toMatch(/1933-03-03→1933-03-15 \(12 days\)/);
  });

  it('yf-close-only NVDA: the 2026-08-03 intraday snapshot is dropped (or flagged on request)', () => {
    const p = parse('yf-close-only/NVDA.csv');
    expect(p.format).toBe('yf-close-only');
    expect(p.bars).toHaveLength(6923);
    expect(p.bars[0]!.close).toBeCloseTo(0.0376, 4); // PROVENANCE: NVDA 1999-01-22 = 0.0376
    expect(p.bars.at(-1)!.date).toBe('2026-07-31');
    expect(p.dropped).toEqual([expect.objectContaining({ date: '2026-08-03' })]);
    const flagged = parse('yf-close-only/NVDA.csv', { partialLast: 'flag' });
    expect(flagged.bars.at(-1)!.date).toBe('2026-08-03');
    expect(flagged.notes.join(' ')).toMatch(/2026-08-03 kept but is probably partial/);
  });

  it('yf-multiheader ^GSPC: three header lines, ticker read from line 2, 502 rows', () => {
    const p = parse('yf-multiheader-csv/GSPC.csv');
    expect(p.format).toBe('yf-multiheader');
    expect(p.symbol).toBe('^GSPC');
    expect(p.bars).toHaveLength(502);
    expect(p.bars[0]).toMatchObject({ date: '2023-01-03', close: 3824.139892578125, volume: 3959140000 });
    expect(p.bars[0]!.open).toBeCloseTo(3853.29, 2);
  });

  it('yf-ohlc-adjclose SPY: float64 text tells it from classic Yahoo; quarterly dividends derived', () => {
    const p = parse('yf-ohlc-adjclose/SPY.csv');
    expect(p.format).toBe('yf-ohlc-adjclose');
    expect(p.bars).toHaveLength(753);
    expect(p.bars[0]).toMatchObject({ close: 443.7900085449219, adjClose: 427.5466003417969 });
    const divs = deriveDividends(p.bars, 'SPY', p.source);
    // Three years of SPY: 12 quarterly ex-dates, each ~$1.6–2.0 a share.
    expect(divs.length).toBe(12);
    for (const d of divs) expect(d.value).toBeGreaterThan(1.4);
    for (const d of divs) expect(d.value).toBeLessThan(2.3);
  });

  it('Stooq sample: adjusted, fractional volume 70416405.361298 kept as a number', () => {
    const p = parse('fixtures/stooq_nvda_us_d.head.csv', { symbol: 'NVDA' });
    expect(p.format).toBe('stooq');
    expect(p.bars).toHaveLength(12);
    expect(p.bars[0]!.volume).toBe(70416405.361298);
  });
});

describe('bad input and repairs (small literal files)', () => {
  const head = 'Date,Open,High,Low,Close,Adj Close,Volume\n';
  it('zero close: error naming file, line and value', () => {
    const t = `${head}2024-01-02,1,1,1,1,1,100\n2024-01-03,1,1,1,0,0,100\n`;
    expect(() => parsePriceCsv(t, { file: 'x.csv' })).toThrow(/x\.csv line 3: close 0 on 2024-01-03/);
  });
  it('conflicting duplicate dates: error; identical duplicates: dropped and reported', () => {
    const dup = `${head}2024-01-02,1,1,1,1,1,100\n2024-01-02,1,1,1,2,2,100\n`;
    expect(() => parsePriceCsv(dup, { file: 'd.csv' })).toThrow(TidewatchError);
    const same = `${head}2024-01-02,1,1,1,1,1,100\n2024-01-02,1,1,1,1,1,100\n2024-01-03,1,1,1,1,1,100\n`;
    const p = parsePriceCsv(same, { file: 's.csv' });
    expect(p.bars).toHaveLength(2);
    expect(p.dropped[0]!.reason).toMatch(/duplicate/);
  });
  it('wrong columns: names the header and suggests --map; a map reads a generic file', () => {
    const t = 'Day,Last,Vol\n2024-01-02,10,5\n2024-01-03,11,6\n';
    expect(() => parsePriceCsv(t, { file: 'g.csv' })).toThrow(
      /unrecognised price file header 'Day,Last,Vol'/,
    );
    const p = parsePriceCsv(t, {
      file: 'g.csv',
      symbol: 'G',
      map: parseColumnMap('date=Day,close=Last,volume=Vol'),
    });
    expect(p.format).toBe('generic');
    expect(p.bars.map((b) => b.close)).toEqual([10, 11]);
    expect(() => parseColumnMap('date=Day')).toThrow(/must name at least date= and close=/);
  });
  it('newest-first rows are reversed and said so; a non-number names line and field', () => {
    const t = 'Date,Close\n2024-01-03,11\n2024-01-02,10\n2024-01-01,9\n';
    const p = parsePriceCsv(t, { file: 'r.csv', partialLast: 'flag' });
    expect(p.bars.map((b) => b.date)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(p.notes[0]).toMatch(/newest-first/);
    expect(() => parsePriceCsv('Date,Close\n2024-01-02,abc\n', { file: 'n.csv' })).toThrow(
      /n\.csv line 2: close 'abc' is not a number/,
    );
  });
  it("Yahoo 'null' rows are dropped with a reason", () => {
    const t = `${head}2024-01-02,1,1,1,1,1,100\n2024-01-03,null,null,null,null,null,null\n2024-01-04,1,1,1,1,1,100\n`;
    const p = parsePriceCsv(t, { file: 'n.csv' });
    expect(p.bars).toHaveLength(2);
    expect(p.dropped[0]).toMatchObject({ date: '2024-01-03', line: 3 });
  });
});

describe('NVDA 10:1 split of 2024-06-10 must not look like a crash', () => {
  // Build an as-traded NVDA series around the split from the real adjusted closes (×10 before
  // 2024-06-10, as NVDA actually traded: ~$1,200 on 2024-06-07, ~$121 on 2024-06-10).
  const adj = parse('yf-close-only/NVDA.csv').bars.filter(
    (b) => b.date >= '2024-05-01' && b.date <= '2024-07-01',
  );
  const rawCsv =
    'Day,Last\n' +
    adj.map((b) => `${b.date},${(b.date < '2024-06-10' ? b.close * 10 : b.close).toFixed(4)}`).join('\n');

  it('a raw series with the split inside: split detected, raw kept, adjusted close continuous', () => {
    const p = parsePriceCsv(rawCsv, {
      file: 'nvda-raw.csv',
      symbol: 'NVDA',
      map: { date: 'Day', close: 'Last' },
      closeBasis: 'raw',
      partialLast: 'flag',
    });
    expect(p.actions).toEqual([expect.objectContaining({ date: '2024-06-10', kind: 'split', value: 10 })]);
    const before = p.bars.find((b) => b.date === '2024-06-07')!;
    const after = p.bars.find((b) => b.date === '2024-06-10')!;
    expect(before.close).toBeGreaterThan(1000); // raw stays as traded
    const move = after.adjClose / before.adjClose - 1;
    expect(Math.abs(move)).toBeLessThan(0.02); // +0.75 % on the real data, not -90 %
    expect(p.notes.join(' ')).toMatch(/treated as a 10:1 split/);
  });

  it('with split repair off, the same file is refused with the date and ratio', () => {
    expect(() =>
      parsePriceCsv(rawCsv, {
        file: 'nvda-raw.csv',
        map: { date: 'Day', close: 'Last' },
        repairSplits: false,
      }),
    ).toThrow(/2024-06-10, which looks like an unadjusted 10:1 split/);
  });
});

describe('traps found in the real files beyond PROVENANCE', () => {
  it('yf-autoadj XLK: an unadjusted 2:1 split on 2025-11-17 (281.30 → 141.61, volume doubled) is repaired and reported', () => {
    const p = parse('yf-autoadj-ohlcv/XLK.csv');
    expect(p.actions).toEqual([expect.objectContaining({ date: '2025-11-17', kind: 'split', value: 2 })]);
    const before = p.bars.find((b) => b.date === '2025-11-14')!;
    expect(before.close).toBeCloseTo(288.1499938964844 / 2, 6);
    expect(p.notes.join(' ')).toMatch(/2025-11-17: treated as a 2:1 split/);
  });
});
