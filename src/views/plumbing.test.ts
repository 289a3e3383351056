import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plumbingStore } from '../../test/plumbing-store.js';
import { formatValue } from '../core/format.js';
import { PLUMBING_INDICATORS, stressDirection } from '../indicators/plumbing/index.js';
import type { Store } from '../store/store.js';
import { plumbingView, stressTone } from './plumbing.js';
import { renderCsv, renderTable } from './text.js';
import { expectEmpty, onBlankStore } from './view.testkit.js';

/** The plumbing view on real files (test/plumbing-store.ts), as known on a day. */
let store: Store;
beforeAll(async () => {
  store = await plumbingStore();
});
afterAll(async () => {
  await store.close();
});

describe('plumbing view (src/views/plumbing.ts) on the real files', () => {
  it('as of 2025-11-03: SOFR − IORB +32 bp on 2025-10-31, reserves $2.848T, both warnings by their meaning', async () => {
    const v = await plumbingView(store, { asOf: '2025-11-03' });
    expect(v.empty).toBeUndefined();
    const kpi = (id: string) => v.kpis.find((k) => k.id === id)!;
    // SOFR 4.22 (FRED, 2025-10-31) − IORB 3.90 = +32 bp: above zero is "crossing the line".
    expect(kpi('sofrIorb')).toMatchObject({
      value: 32,
      format: 'bp',
      date: '2025-10-31',
      tone: 'warn',
      stale: false,
    });
    // WRESBAL 2,848,021 $M (Wed 2025-10-29): below thesis 1's $3T claimed need; down $154.2B in a month.
    expect(kpi('reserves')).toMatchObject({ value: 2_848_021e6, date: '2025-10-29', tone: 'warn' });
    expect(kpi('reserves').detail).toMatchObject({ value: -154_197e6, format: 'usd-change', tone: 'warn' });
    expect(kpi('tga')).toMatchObject({ value: 926_328e6, label: 'TGA (DTS:TGA_CLOSE)', date: '2025-10-31' });
    expect(v.headline).toBe(
      'Plumbing as known on 2025-11-03: reserves $2.848T (2025-10-29), SOFR − IORB +32 bp (2025-10-31), stress score 93.7 (2025-10-29)',
    );
    // The data behind the view is what /api/plumbing answered before: the same rows.
    expect(v.data.rows.find((r) => r.id === 'sofrIorb')).toMatchObject({
      value: 32,
      date: '2025-10-31',
      unit: 'bp',
    });
    expect(v.data.crossings.find((c) => c.month === '2025-10')!.crossing).toBe(17);
  });

  it('one unit per quantity in headline, KPI, table and chart: bp for spreads, pp for changes of a rate or a share', async () => {
    const v = await plumbingView(store, { asOf: '2025-11-03' });
    const t = v.tables.find((x) => x.id === 'indicators')!;
    const text = renderTable(t);
    expect(text).toMatch(/SOFR − IORB\s+2025-10-31\s+\+32 bp\s+\+27 bp/);
    expect(text).toMatch(/Rate on reserves \(IOER→IORB\)\s+2025-11-03\s+3\.90 %\s+−0\.25 pp/);
    // The ON RRP share left of its peak is a fraction shown in %, its change in pp (not "−0.1 %").
    expect(text).toMatch(/ON RRP left of peak \(dry powder\)\s+2025-11-03\s+0\.9 %\s+−0\.\d pp/);
    const repo = v.charts.find((c) => c.id === 'plumbing-repo')!;
    expect(repo.format).toBe('bp');
    expect(repo.lines).toEqual([{ value: 0, label: '0 bp' }]);
    expect(repo.series[0]!.points.find((p) => p.time === '2025-10-31')!.value).toBe(32);
    expect(formatValue(v.kpis.find((k) => k.id === 'sofrIorb')!.value, 'bp')).toBe('+32 bp');
    // --csv: raw numbers with their unit, never formatted text.
    const csv = renderCsv(t).split('\n');
    expect(csv[0]).toBe('indicator,date,value,change1m,percentile,stale,source,unit');
    expect(csv.find((l) => l.startsWith('SOFR − IORB,'))).toMatch(
      /^SOFR − IORB,2025-10-31,32,27,[\d.]+,no,,bp$/,
    );
  });

  it('the stacked bathtub carries each layer’s OWN value (TGA $953.8B on 2025-11-14, not the stacked height $6.579T)', async () => {
    const v = await plumbingView(store, { asOf: '2025-11-14' });
    const bath = v.charts.find((c) => c.id === 'plumbing-bathtub')!;
    expect(bath.stacked).toBe(true);
    const last = Object.fromEntries(bath.series.map((s) => [s.name, s.points.at(-1)!]));
    // WALCL 6,580,462 − WTREGEN 953,816 − RRP 1,559 ($M) = 5,625,087: the layers add up to Fed assets.
    expect(last['TGA (H.4.1 week average)']).toEqual({ time: '2025-11-14', value: 953_816e6 });
    expect(last['ON RRP']).toEqual({ time: '2025-11-14', value: 1_559e6 });
    expect(last['Water level (net liquidity)']).toEqual({ time: '2025-11-14', value: 5_625_087e6 });
    const total = bath.series.reduce((s, x) => s + x.points.at(-1)!.value!, 0);
    expect(total).toBe(v.data.bathtub.weeks.at(-1)!.supply);
    expect(formatValue(last['TGA (H.4.1 week average)']!.value, 'usd')).toBe('$953.8B');
  });

  it('tones follow meaning, not sign: a rising stress score or TGA is a warning, rising reserves are good', () => {
    expect(stressTone('stressScore', 2.4)).toBe('warn');
    expect(stressTone('stressScore', -2.4)).toBe('good');
    expect(stressTone('tga', 120e9)).toBe('warn');
    expect(stressTone('reserves', -154e9)).toBe('warn');
    expect(stressTone('reserves', 10e9)).toBe('good');
    expect(stressTone('rateOnReserves', -0.25)).toBe('neutral');
    // the direction is the indicator table's (indicators/plumbing/index.ts), one per row
    expect(PLUMBING_INDICATORS.map((id) => stressDirection(id)).join(' ')).toBe(
      '-1 -1 0 1 1 1 1 1 1 1 -1 -1 -1 -1 -1 0 1 0 -1 -1 1',
    );
    expect(stressTone('no-such-row', 5)).toBe('neutral');
  });

  it("a row that shows one input has that input's cadence (the FRED catalog's; DTS and NY Fed daily)", async () => {
    const v = await plumbingView(store, { asOf: '2025-11-14' });
    const cadence = Object.fromEntries(v.data.rows.map((r) => [r.id, r.cadence]));
    expect(cadence).toMatchObject({
      reserves: 'weekly', // WRESBAL
      fedAssets: 'weekly', // WALCL
      qtPace: 'weekly',
      rrp: 'daily', // RRPONTSYD
      sofrIorb: 'daily',
      debtTotal: 'daily', // FISCAL:DEBT_TOTAL
      billShare: 'monthly',
      stressScore: 'weekly',
    });
  });

  it('names the inputs it has no data for instead of showing zero', async () => {
    const v = await plumbingView(store, { asOf: '2025-11-03' });
    const missing = v.notes.find((n) => n.text.startsWith('No data known on 2025-11-03 for:'))!;
    expect(missing.text).toContain(
      'Standing repo take-up; Fed bill purchases (last full month); Debt outstanding',
    );
    expect(v.kpis.map((k) => k.id)).toEqual([
      'reserves',
      'sofrIorb',
      'crossingDays',
      'tga',
      'rrp',
      'stressScore',
    ]);
  });

  it('marks a value older than its cadence stale (the NY Fed 99th percentile on 2025-11-14: 2025-10-31, 14 days)', async () => {
    const v = await plumbingView(store, { asOf: '2025-11-14' });
    const row = v.data.rows.find((r) => r.id === 'sofrP99Iorb')!;
    expect(row).toMatchObject({ date: '2025-10-31', value: 45, stale: true, cadence: 'daily' });
    expect(v.tables[0]!.rows.find((r) => r.indicator === 'SOFR 99th pct − IORB')).toMatchObject({
      stale: 'STALE (daily)',
      _tone: 'warn',
    });
    expect(v.notes.find((n) => n.kind === 'stale')!.text).toMatch(
      /^SOFR 99th pct − IORB 2025-10-31: too old for the cadence on 2025-11-14/,
    );
  });

  it('empty states say why: before the stored data starts, and nothing stored at all', async () => {
    expectEmpty(
      await plumbingView(store, { asOf: '1980-01-01' }),
      'before-coverage',
      'No plumbing data known on 1980-01-01: the stored plumbing series start on 1984-01-04; pick an as-of day from then on.',
    );
    const none = await onBlankStore((blank) => plumbingView(blank, { asOf: '2025-11-03' }));
    expect(none.empty?.reason).toBe('nothing-stored');
    expect(none.empty?.hint).toMatch(/tidewatch update/);
  });
});
