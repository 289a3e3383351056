import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parsePriceCsv } from './parse.js';
import { mergeSourced, overlapRatio } from './rebase.js';

const load = (rel: string) => {
  const p = parsePriceCsv(readFileSync(dataFile('prices', rel), 'utf8'), { file: rel });
  return { source: p.source, points: p.bars.map((b) => ({ date: b.date, value: b.adjClose })) };
};

describe('re-basing overlapping adjusted series', () => {
  it('NVDA classic (downloaded 2024-03, pre-split) vs close-only (2026-08): ratio ≈ 1/10 detected', () => {
    const closeOnly = load('yf-close-only/NVDA.csv');
    const classic = load('yahoo-classic-csv/NVDA.csv');
    const est = overlapRatio(closeOnly.points, classic.points)!;
    // 2024-03-07: 92.5089 (close-only) / 926.69 (classic) = 0.09983: the 10:1 split and ~0.17 % of
    // dividends between the two download dates.
    expect(est.ratio).toBeGreaterThan(0.0995);
    expect(est.ratio).toBeLessThan(0.1);
    expect(est.overlap).toBe(6084);
    expect(est.dispersion).toBeLessThan(0.005);
  });

  it('merged SPY: freshest source is the base, each point names its source and factor', () => {
    const a = load('yf-close-only/SPY.csv'); // to 2026-07-31 (intraday row dropped)
    const b = load('yf-autoadj-ohlcv/SPY.csv'); // to 2026-02-23
    const c = load('yf-ohlc-adjclose/SPY.csv'); // to 2026-07-02
    const m = mergeSourced([b, c, a]);
    expect(m.links[0]!.source).toBe('file:yf-close-only/SPY.csv');
    expect(m.points.at(-1)!.source).toBe('file:yf-close-only/SPY.csv');
    // SPY 1993-01-29: 24.11 in close-only, 24.38 in the autoadj download: same base after merging.
    expect(m.points[0]!.value).toBeCloseTo(24.11, 1);
    for (const l of m.links.slice(1)) expect(l.overlap).toBeGreaterThan(700);
  });

  it('no overlap: kept unscaled with a note; literal constant factor found exactly', () => {
    const base = [1, 2, 3, 4, 5, 6].map((i) => ({ date: `2024-01-0${i}`, value: i * 2 }));
    const other = [1, 2, 3, 4, 5, 6, 7].map((i) => ({ date: `2024-01-0${i}`, value: i }));
    expect(overlapRatio(base, other)!.ratio).toBeCloseTo(2, 12);
    const m = mergeSourced([
      { source: 'x', points: base },
      { source: 'y', points: [{ date: '2020-01-01', value: 1 }] },
    ]);
    expect(m.links[1]!.note).toMatch(/no overlap/);
  });
});
