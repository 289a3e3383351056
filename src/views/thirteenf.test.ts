import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scionStore } from '../analytics/thirteenf/scion-store.testkit.js';
import { formatValue, MINUS } from '../core/format.js';
import { SCION_PERIODS } from '../sources/sec/thirteenf/test-files.js';
import type { Store } from '../store/store.js';
import type { Kpi, Table, View } from './model.js';
import { scorecardView } from './scorecard.js';
import { renderCsv, renderText } from './text.js';
import { diffView, holdingsView } from './thirteenf-holdings.js';
import { historyView, holdersView, PERIOD_AFTER_AS_OF, topPutsView } from './thirteenf-queries.js';
import { watchlistView } from './thirteenf-watchlist.js';
import { expectEmpty } from './view.testkit.js';

/**
 * The 13F and scorecard view models on the real Scion filings, closes and DGS3MO
 * (scion-store.testkit.ts): the figures the brief pins, the tones that make a put a warning, the
 * formats ($ on prices, counts humanised, one minus sign) and each empty state reached.
 */
let store: Store;
beforeAll(async () => {
  store = await scionStore();
}, 120_000);
afterAll(async () => {
  await store?.close();
});

const kpi = (v: View, id: string): Kpi => {
  const k = v.kpis.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id} in ${v.kpis.map((x) => x.id).join(', ')}`);
  return k;
};
const table = (v: View, id: string): Table => {
  const t = v.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id} in ${v.tables.map((x) => x.id).join(', ')}`);
  return t;
};
const cell = (t: Table, row: number, key: string) => {
  const c = t.columns.find((x) => x.key === key)!;
  return formatValue(t.rows[row]![key], c.format, { digits: c.digits });
};
const datesAfter = (x: unknown, d: string) =>
  [...new Set(JSON.stringify(x).match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])].filter((s) => s > d);

describe('watchlist view', () => {
  it('2026-01-10: the latest book is 2023-09-30, labelled stale (2025-09-30 was due); its put share is a warning', async () => {
    const v = await watchlistView(store, { asOf: '2026-01-10' });
    expect(v.empty).toBeUndefined();
    expect(kpi(v, '1649339-latest')).toMatchObject({
      value: '2023-09-30',
      stale: true,
      detail: { value: '2025-09-30' },
    });
    const puts = kpi(v, '1649339-puts');
    // SOXX 47,365,000 + BKNG 7,709,875 (0000905148-23-001400)
    expect([puts.value, puts.tone, puts.stale, puts.detail?.tone]).toEqual([
      55_074_875,
      'warn',
      true,
      'warn',
    ]);
    expect(formatValue(puts.detail?.value, 'fraction')).toBe('55.6 %');
    expect(v.headline).toContain('STALE');
    expect(
      v.notes.some((n) => n.kind === 'stale' && n.text.includes('missing 2023-12-31 … 2025-09-30')),
    ).toBe(true);
  });

  it("the largest put book: Scion's 2023-06-30 SPY put, $886.56M notional at $443.28, next to its premium", async () => {
    const v = await watchlistView(store, { asOf: '2026-01-10' });
    const t = table(v, 'peak-put-book');
    expect(t.title).toContain('2023-06-30 ($1.6B notional)');
    const spy = t.rows.findIndex((r) => r.option === 'SPY put');
    expect(t.rows[spy]).toMatchObject({
      period: '2023-06-30',
      shares: 2_000_000,
      notionalUsd: 886_560_000,
      _tone: 'warn',
    });
    expect([cell(t, spy, 'spot'), cell(t, spy, 'shares'), cell(t, spy, 'notionalUsd')]).toEqual([
      '$443.28',
      '2.0M',
      '$886.6M',
    ]);
    expect([cell(t, spy, 'premium3m'), cell(t, spy, 'premium6m'), cell(t, spy, 'premium12m')]).toEqual([
      '$15.5M',
      '$19.0M',
      '$21.7M',
    ]);
    expect(v.notes.some((n) => n.text.startsWith('premium of the SPY put (2023-06-30): strike = spot'))).toBe(
      true,
    );
  });

  it('$ on prices: the BKNG put spot prints $3,083.95 (was $3083.95), without a premium and saying why', async () => {
    const t = table(await watchlistView(store, { asOf: '2026-01-10' }), 'options');
    const bkng = t.rows.findIndex((r) => r.option === 'BKNG put');
    expect(cell(t, bkng, 'spot')).toBe('$3,083.95');
    expect(t.rows[bkng]!.note).toBe('no prices stored for BKNG up to 2023-09-30: premium not estimated');
    expect(cell(t, bkng, 'premium6m')).toBe('—');
  });

  it('thesis 5: the PLTR puts are $68.9M / $94.3M / $126.6M at the money for 3/6/12 months; the quoted figures are curated', async () => {
    const v = await watchlistView(store, { asOf: '2026-01-10' });
    const t = table(v, 'thesis5');
    expect(t.rows.map((r) => [r.figure, formatValue(r.value, 'usd'), r.basis])).toEqual([
      ['PLTR puts: reported notional', '$912.0M', 'curated'],
      ['PLTR puts: premium paid (quoted)', '$9.2M', 'curated'],
      ['at the money, 3 months (estimate)', '$68.9M', 'estimate'],
      ['at the money, 6 months (estimate)', '$94.3M', 'estimate'],
      ['at the money, 12 months (estimate)', '$126.6M', 'estimate'],
    ]);
    expect(t.rows[2]!.value as number).toBeCloseTo(68_933_119, -1);
    expect(t.rows[4]!.value as number).toBeCloseTo(126_573_516, -1);
    const curated = v.notes.filter((n) => n.kind === 'curated');
    expect(curated.map((n) => n.text)).toEqual([
      "the PLTR notional $912.0M and premium $9.2M are quoted, not parsed from a filing — PRODUCT.md thesis 5 (figures from the commentary; Scion's Q3-2025 13F is not in the data)",
    ]);
  });

  it('2023-07-31: the latest quarter is 2023-03-31 and current (no puts: no warning); nothing dated later', async () => {
    const v = await watchlistView(store, { asOf: '2023-07-31' });
    expect(kpi(v, '1649339-latest')).toMatchObject({ value: '2023-03-31', stale: false });
    const puts = kpi(v, '1649339-puts');
    expect([puts.value, puts.tone]).toEqual([0, undefined]);
    expect(datesAfter(v, '2023-07-31')).toEqual([]);
  });

  it('2020-03-20: nothing filed by then is stored — says so and what to run', async () => {
    const v = await watchlistView(store, { asOf: '2020-03-20' });
    expectEmpty(
      v,
      'nothing-stored',
      'No 13F filings filed by 2020-03-20 are stored (saved filings import with tidewatch import 13f FILE).',
      'tidewatch update --source sec',
    );
  });
});

describe('holdings and diff views', () => {
  it('2023-06-30 as of 2023-08-14: puts $1.63B (93.6 % of the book, a warning), top 5 95.2 %, 33 positions', async () => {
    const v = await holdingsView(store, { asOf: '2023-08-14', period: '2023-06-30' });
    expect(kpi(v, 'puts')).toMatchObject({ value: 886_560_000 + 738_840_000, tone: 'warn', stale: false });
    expect(formatValue(kpi(v, 'puts').detail?.value, 'fraction')).toBe('93.6 %');
    expect(formatValue(kpi(v, 'top').value, 'fraction')).toBe('95.2 %');
    expect(kpi(v, 'positions').value).toBe(33);
    expect(
      table(v, 'positions')
        .rows.filter((r) => r._tone === 'warn')
        .map((r) => r.position),
    ).toEqual(['SPY put', 'QQQ put']);
    expect(table(v, 'options').rows.map((r) => r.option)).toEqual(['SPY put', 'QQQ put']);
  });

  it('a quarter without puts has no warning tone; the default (latest) quarter is stale once a later one is due', async () => {
    const q1 = await holdingsView(store, { asOf: '2023-07-31' });
    expect([q1.data?.period, kpi(q1, 'puts').tone, kpi(q1, 'puts').stale]).toEqual([
      '2023-03-31',
      undefined,
      false,
    ]);
    const late = await holdingsView(store, { asOf: '2026-01-10' });
    expect([late.data?.period, kpi(late, 'total').stale]).toEqual(['2023-09-30', true]);
    expect(late.notes[0]).toEqual({
      kind: 'stale',
      text: '2023-09-30 is the latest report filed by 2026-01-10; the 2025-09-30 report was due and is not in the store.',
    });
  });

  it('empty states: nothing stored by the day vs. stored but not this filer or quarter', async () => {
    expect((await holdingsView(store, { asOf: '2022-01-31' })).empty?.reason).toBe('nothing-stored');
    const other = await holdingsView(store, { asOf: '2022-03-01', cik: 1029160 });
    expectEmpty(
      other,
      'before-coverage',
      'no 13F report for CIK 1029160 was public by 2022-03-01 (periods public by then: none): choose a later as-of day or another period.',
      'tidewatch 13f fetch --cik 1029160',
    );
    expect(other.data).toBeNull();
  });

  it('diff 2023-06-30 → 2023-09-30: Δ shares as signed percent with one minus sign', async () => {
    const v = await diffView(store, { asOf: '2026-01-10' });
    expect([v.data?.from, v.data?.to]).toEqual(['2023-06-30', '2023-09-30']);
    expect(v.kpis.map((k) => [k.id, k.value])).toEqual([
      ['new', 5],
      ['added', 6],
      ['trimmed', 2],
      ['exited', 25],
    ]);
    const t = table(v, 'changes');
    const i = (issuer: string) => t.rows.findIndex((r) => String(r.position).startsWith(issuer));
    // STELLANTIS 325,000 → 400,000 sh; THE REALREAL 1,500,000 → 750,000; SPY put exited
    expect(cell(t, i('STELLANTIS'), 'sharesChange')).toBe('+23.1 %');
    expect(cell(t, i('THE REALREAL'), 'sharesChange')).toBe(`${MINUS}50.0 %`);
    expect(cell(t, i('SPDR S&P 500 ETF TR put'), 'sharesChange')).toBe(`${MINUS}100.0 %`);
    expect(cell(t, i('ISHARES TR put'), 'sharesChange')).toBe('—'); // new
    expect(t.rows[i('ISHARES TR put')]!._tone).toBe('warn');
  });
});

describe('holders, history and top-puts views', () => {
  it('holders of 78462F103: the export table has every row, the text only the summaries', async () => {
    const v = await holdersView(store, { asOf: '2026-01-10', cusip: '78462F103' });
    expect(v.tables.map((t) => [t.id, Boolean(t.exportOnly)])).toEqual([
      ['holders', true],
      ['by-period', false],
      ['largest', false],
    ]);
    expect(renderCsv(v.tables[0]!).split('\n')).toEqual([
      'period,cik,filer,filed,putCall,shareType,shares,valueUsd',
      '2023-06-30,1649339,"Scion Asset Management, LLC",2023-08-14,Put,SH,2000000,886560000',
    ]);
    expect(kpi(v, 'latest-puts')).toMatchObject({ value: 886_560_000, tone: 'warn' });
    expect(renderText(v)).not.toContain('share type');
    expect((await holdersView(store, { asOf: '2023-08-13', cusip: '78462F103' })).empty?.message).toBe(
      'No 13F report holding 78462F103 was filed by 2023-08-13: choose a later as-of day, or check the CUSIP.',
    );
  });

  it("Scion's history: 8 quarters, the largest put book 2023-06-30 ($1.6B), stale after 2024-02-14", async () => {
    const v = await historyView(store, { asOf: '2026-01-10', cik: 1649339 });
    expect(table(v, 'quarters').rows.map((r) => r.period)).toEqual(SCION_PERIODS);
    expect(kpi(v, 'peak-puts')).toMatchObject({ value: 1_625_400_000, date: '2023-06-30', tone: 'warn' });
    // the 2023-12-31 report was due on 2024-02-14 (45 days): current that day, stale the next
    expect(kpi(await historyView(store, { asOf: '2024-02-13', cik: 1649339 }), 'latest').stale).toBe(false);
    expect(kpi(await historyView(store, { asOf: '2024-02-14', cik: 1649339 }), 'latest').stale).toBe(true);
  });

  it('top puts default to the latest quarter with a put on file; the largest is the SOXX put', async () => {
    const v = await topPutsView(store, { asOf: '2026-01-10' });
    expect(v.data.period).toBe('2023-09-30');
    expect(v.data.puts[0]).toMatchObject({ cik: 1649339, cusip: '464287523', notionalUsd: 47_365_000 });
    const asked = await topPutsView(store, { asOf: '2026-01-10', period: '2023-06-30' });
    expect(asked.data.puts.map((p) => p.notionalUsd)).toEqual([886_560_000, 738_840_000]);
    expect((await topPutsView(store, { asOf: '2023-08-13', period: '2023-06-30' })).empty?.reason).toBe(
      'before-coverage',
    );
    // a quarter ending after the as-of day cannot have a report known by then: refused, not answered
    await expect(topPutsView(store, { asOf: '2023-06-29', period: '2023-06-30' })).rejects.toMatchObject({
      kind: 'bad-input',
      message: PERIOD_AFTER_AS_OF,
    });
  });
});

describe('scorecard view', () => {
  it('2026-01-10: macro puts won 0 of 2, single-name/sector 1 of 5; curated and filing figures told apart', async () => {
    const v = await scorecardView(store, { asOf: '2026-01-10' });
    const classes = table(v, 'classes');
    expect(classes.rows.map((r) => [r.class, r.scored, r.wins, r.reportedWins])).toEqual([
      ['macro', 2, 0, '1 of 3'],
      ['single-name/sector', 5, 1, '0 of 5'],
      ['single-name', 2, 0, '0 of 2'],
      ['sector', 3, 1, '0 of 3'],
    ]);
    const ep = table(v, 'episodes');
    const spy = ep.rows.findIndex((r) => r.episode === 'scion-spy-2023q2');
    expect(ep.rows[spy]).toMatchObject({
      origin: 'curated + 13F filing',
      notionalUsd: 886_560_000,
      putOutcome: -1,
      estimate: 'loss',
    });
    expect(cell(ep, spy, 'putOutcome')).toBe(`${MINUS}100.0 %`);
    const src = table(v, 'sources');
    const row = (id: string) => src.rows.find((r) => r.episode === id)!;
    expect([row('scion-spy-2023q2').notional, row('scion-pltr-2025q3').notional]).toEqual([
      '13F filing',
      'curated',
    ]);
    const prem = table(v, 'premiums');
    const pltr = prem.rows.findIndex((r) => r.episode === 'scion-pltr-2025q3');
    expect([
      cell(prem, pltr, 'premium3m'),
      cell(prem, pltr, 'premium6m'),
      cell(prem, pltr, 'premium12m'),
    ]).toEqual(['$68.9M', '$94.3M', '$126.6M']);
    expect(v.notes.filter((n) => n.kind === 'curated')).toHaveLength(1);
  });

  it('2023-07-31: the 2023-06-30 SPY/QQQ puts (filed 2023-08-14) are not there; before 2005-08-14 nothing is', async () => {
    const v = await scorecardView(store, { asOf: '2023-07-31' });
    expect(table(v, 'episodes').rows.filter((r) => r.periodEnd === '2023-06-30')).toEqual([]);
    expect(datesAfter(v, '2023-07-31')).toEqual([]);
    expect((await scorecardView(store, { asOf: '2005-08-13' })).empty?.reason).toBe('before-coverage');
    expect((await scorecardView(store, { asOf: '2005-08-14' })).empty).toBeUndefined();
  });
});
