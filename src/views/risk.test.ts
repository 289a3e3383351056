import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsStore } from '../../test/fixtures.js';
import { dataFile } from '../../test/shared-data.js';
import { openStore, type Store } from '../store/store.js';
import { importFredFiles } from '../update/import/fred.js';
import { levelText, riskView } from './risk.js';
import { renderCsv, renderText } from './text.js';
import { expectEmpty, onBlankStore } from './view.testkit.js';

/**
 * The risk view on real files: the risk engine's FRED files with SPY/QQQ closes and BTC, and a
 * store with the liquidity and repo files only (no credit or market input: most weeks cannot be
 * graded — the engine's internal level −1).
 */
let full: Store;
let squeeze: Store;
beforeAll(async () => {
  const prices = ['SPY', 'QQQ'].map((s) => `prices/yf-close-only/${s}.csv`);
  full = await analyticsStore('2026-01-10', [...prices, 'crypto/binance-spot-daily/BTCUSDT_1d.csv']);
  squeeze = await openStore(':memory:');
  const files = [
    'WALCL.csv',
    'WTREGEN.csv',
    'RRPONTSYD.csv',
    'sofr3-2021-2026/SOFR.csv',
    'sofr3-2021-2026/IORB.csv',
    'sofr3-2021-2026/WRESBAL.csv',
  ];
  await importFredFiles(
    squeeze,
    files.map((f) => dataFile('fred', ...f.split('/'))),
    { runId: null, today: '2026-01-10' },
  );
}, 120_000);
afterAll(async () => {
  await full?.close();
  await squeeze?.close();
});

describe('risk view (src/views/risk.ts)', () => {
  it('level 1 on 2025-10-31 with the three squeeze rules, each value in its own unit', async () => {
    const v = await riskView(full, { asOf: '2025-10-31' });
    expect(v.kpis[0]).toMatchObject({
      id: 'level',
      value: '1 — liquidity squeeze',
      tone: 'warn',
      date: '2025-10-31',
      stale: false,
    });
    expect(v.headline).toBe(
      'Risk level 1 — liquidity squeeze in the week ending 2025-10-31 (net_liquidity_falling, repo_crosses_iorb, reserves_falling)',
    );
    const fired = v.tables.find((t) => t.id === 'fired')!;
    expect(fired.rows.map((r) => r.rule)).toEqual([
      'net_liquidity_falling',
      'repo_crosses_iorb',
      'reserves_falling',
    ]);
    const text = renderText(v);
    // Net liquidity −9.7 % and reserves −14.9 % over 13 weeks; SOFR 16 bp above IORB on 2025-10-28.
    expect(text).toMatch(/L1\s+net_liquidity_falling\s+−9\.7 %\s+≤\s+−5\.0 %/);
    expect(text).toMatch(/L1\s+repo_crosses_iorb\s+\+16 bp\s+>\s+0 bp/);
    expect(text).toMatch(/L1\s+reserves_falling\s+−14\.9 %\s+≤\s+−10\.0 %/);
    expect(renderCsv(fired).split('\n')[2]).toBe(
      'L1,repo_crosses_iorb,16,>,0,"SOFR above the rate on reserves on some day: repo ""crossed the line"""',
    );
    // The data behind it is what /api/risk answers.
    expect(v.data.current).toMatchObject({ week: '2025-10-31', level: 1 });
    expect(v.data.counts.find((c) => c.level === 1)).toEqual({
      level: 1,
      name: 'liquidity squeeze',
      weeks: 42,
      runs: 21,
    });
  });

  it('the weekly chart: one series per level (a legend entry per colour), whole-number levels, SPY in dollars on its own axis', async () => {
    const v = await riskView(full, { asOf: '2025-10-31' });
    const c = v.charts.find((x) => x.id === 'risk-timeline')!;
    const levels = c.series.filter((s) => s.kind === 'histogram');
    expect(levels.map((s) => [s.name, s.tone, s.points.length])).toEqual([
      ['0 — calm', 'good', 653],
      ['1 — liquidity squeeze', 'warn', 42],
      ['2 — credit stress', 'bad', 224],
      ['3 — systemic', 'severe', 64],
    ]);
    for (const s of levels) {
      expect(s).toMatchObject({ format: 'count', digits: 0, axis: 'left', range: { min: -0.5, max: 3 } });
      expect(s.points.every((p) => Number.isInteger(p.value))).toBe(true);
    }
    const spx = c.series.find((s) => s.axis === 'right')!;
    expect(spx).toMatchObject({ format: 'price', name: 'S&P 500 (SPY, file:yf-close-only/SPY.csv)' });
    expect(spx.points).toHaveLength(983);
    // 2008-10-10 is systemic; the bar is drawn in the level-3 series.
    expect(levels[3]!.points.some((p) => p.time === '2008-10-10')).toBe(true);
  });

  it('forward returns per level in % with a sign, drawdowns in %, one row per graded level', async () => {
    const v = await riskView(full, { asOf: '2025-10-31' });
    const spy = v.tables.find((t) => t.id === 'forward-SPY')!;
    expect(spy.rows.map((r) => r.level)).toEqual([
      '0 — calm',
      '1 — liquidity squeeze',
      '2 — credit stress',
      '3 — systemic',
    ]);
    expect(spy.columns.find((c) => c.key === 'ret6')!.format).toBe('fraction-change');
    expect(renderText(v)).toMatch(/3 — systemic\s+64\s+3\s+64\s+\+0\.4 %\s+−4\.3 %/);
  });

  it('the internal level −1 is "no data" with its reason, never a level, a bar or a forward row', async () => {
    const v = await riskView(squeeze, { asOf: '2025-10-31' });
    // Before: `risk` printed "level -1 (no data) 916 in 26 runs" and the panel drew those weeks as level-0 bars.
    expect(v.data.counts).toEqual([
      { level: -1, name: 'no data', weeks: 916, runs: 26 },
      { level: 1, name: 'liquidity squeeze', weeks: 67, runs: 26 },
    ]);
    const counts = v.tables.find((t) => t.id === 'counts')!;
    expect(counts.rows.map((r) => r.level)).toEqual(['no data', '1 — liquidity squeeze']);
    const chart = v.charts[0]!;
    expect(chart.series.map((s) => s.name)).toEqual(['1 — liquidity squeeze']);
    expect(chart.series[0]!.points).toHaveLength(67);
    expect(chart.note).toBe('916 weeks have no bar: no level could be graded (no data).');
    expect(renderText(v)).not.toMatch(/level\s*[−-]1|[−-]1 —/);
    expect(levelText(-1)).toBe('no data');

    // Every week to 2007-03-02 is ungraded: the view is empty and says why.
    // Before: "risk level -1 (no data) — week ending 2007-03-02".
    const early = await riskView(squeeze, { asOf: '2007-03-02' });
    expect(early.empty?.reason).toBe('missing-input');
    expect(early.empty?.message).toBe(
      'No risk level for any week to 2007-03-02: no credit or market input was known that week (high-yield OAS; high-yield OAS, change over 13 weeks; VIX; Chicago Fed NFCI) and no squeeze rule fired, so no level can be graded.',
    );
    expect(early.kpis).toEqual([]);
  });

  it('empty states: before the history starts, and nothing stored', async () => {
    expectEmpty(
      await riskView(full, { asOf: '2006-12-29' }),
      'before-coverage',
      'No risk level before 2007-01-05: the risk history starts with the first week of the FRED files; pick an as-of day from then on.',
    );
    const none = (await onBlankStore((blank) => riskView(blank, { asOf: '2025-10-31' }))).empty;
    expect(none?.reason).toBe('nothing-stored');
    expect(none?.message).toBe(
      'No risk inputs stored yet. The risk engine reads WALCL, WTREGEN, RRPONTSYD, WRESBAL, SOFR, IORB, IOER, BAMLH0A0HYM2, VIXCLS, NFCI.',
    );
  });
});
