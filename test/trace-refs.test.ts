import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/core/dates.js';
import { createApp } from '../src/server/app.js';
import { openStore, type Store } from '../src/store/store.js';
import { type TraceResult, trace } from '../src/trace/trace.js';
import { liquidityView } from '../src/views/liquidity.js';
import type { TraceRef, View } from '../src/views/model.js';
import { plumbingView } from '../src/views/plumbing.js';
import { pricesView } from '../src/views/prices.js';
import { riskView } from '../src/views/risk.js';
import { holdingsView } from '../src/views/thirteenf-holdings.js';
import { topPutsView } from '../src/views/thirteenf-queries.js';
import { watchlistView } from '../src/views/thirteenf-watchlist.js';
import { runCli } from './cli.js';
import { fullStoreCopy } from './full-store.js';
import { dataFile } from './shared-data.js';

/**
 * The view models' trace references on the full real store: the liquidity headline names
 * `net-liquidity` as of the page's day and `/api/trace` answers it down to the archived bytes of
 * the FRED files; and every reference a view carries is answered by `trace` with the very figure
 * the view shows (a reference that pointed at another number would fail here).
 */
// Provenance is as of the day the bytes were read (the store is built by this test run): today.
const NOW = today();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** The figure a trace answers for a cell: a 13F position's shares or value, a close, a value. */
function figureOf(r: TraceResult, cell: string): number {
  const t = r.trace;
  if (t.kind === '13f') return cell === 'shares' ? t.shares : t.valueUsd;
  if (t.kind === 'price') return t.adjClose;
  return t.value;
}

/** Every reference of a view with the figure it is attached to. */
function refsOf(v: View): Array<{ at: string; figure: unknown; ref: TraceRef; cell: string }> {
  const out: Array<{ at: string; figure: unknown; ref: TraceRef; cell: string }> = [];
  for (const k of v.kpis)
    if (k.trace) out.push({ at: `kpi ${k.id}`, figure: k.value, ref: k.trace, cell: 'value' });
  for (const t of v.tables) {
    expect(
      t.traces === undefined || t.traces.length === t.rows.length,
      `${v.id}/${t.id}: one entry per row`,
    ).toBe(true);
    t.traces?.forEach((cells, i) => {
      for (const [cell, ref] of Object.entries(cells ?? {}))
        out.push({ at: `${t.id}[${i}].${cell}`, figure: t.rows[i]![cell], ref, cell });
    });
  }
  return out;
}

describe('trace references of the views (full real store)', () => {
  let db: string;
  let store: Store;
  let cliJson: { netLiquidityUsd: number; traces: { kpis: Record<string, TraceRef> } };
  let cliText: string;

  beforeAll(async () => {
    db = fullStoreCopy();
    // The CLI first: one process at a time holds a DuckDB file.
    cliJson = JSON.parse(runCli(['liquidity', '--as-of', '2025-11-14', '--json', '--db', db]).stdout);
    cliText = runCli(['liquidity', '--as-of', '2025-11-14', '--db', db]).stdout;
    store = await openStore(db);
  }, 900_000);
  afterAll(() => store?.close());

  it("the liquidity headline carries {what: 'net-liquidity', date: as-of} and /api/trace answers it with the FRED files' archived sha256", async () => {
    const v = await liquidityView(store, { asOf: NOW });
    const kpi = v.kpis.find((k) => k.id === 'net-liquidity')!;
    expect(kpi.trace).toEqual({ what: 'net-liquidity', date: NOW });
    const res = await createApp(store).request(
      `/api/trace?${new URLSearchParams({ what: kpi.trace!.what, date: kpi.trace!.date, asOf: NOW })}`,
    );
    expect(res.status).toBe(200);
    const r = (await res.json()) as TraceResult;
    if (r.trace.kind !== 'indicator') throw new Error(r.trace.kind);
    expect(r.trace.value).toBe(kpi.value);
    // Each input is the component the view lists, read from its FRED file, whose bytes are archived.
    const components = v.tables.find((t) => t.id === 'components')!;
    expect(r.trace.inputs.map((i) => [i.trace?.series, i.value])).toEqual(
      components.rows.map((row) => [row.series, row.value]),
    );
    for (const i of r.trace.inputs) {
      const t = i.trace!;
      expect(t.knownFrom <= NOW).toBe(true);
      const file = t.bytes.find((b) => b.origin.endsWith(`fred/${t.series}.csv`))!;
      expect(file.sha256).toBe(sha(dataFile('fred', `${t.series}.csv`)));
      expect(file.archive).toBe('present');
      expect(sha(file.archivePath!)).toBe(file.sha256);
    }
  });

  it('the CLI: --json carries the references, the text shows nothing new', () => {
    // As of 2025-11-14: 6,580.462 − 953.816 − 1.559 = $5,625.087B (one-definition.test.ts).
    expect(cliJson.netLiquidityUsd / 1e9).toBeCloseTo(5_625.087, 3);
    expect(cliJson.traces.kpis['net-liquidity']).toEqual({ what: 'net-liquidity', date: '2025-11-14' });
    expect(cliText).not.toMatch(/trace|net-liquidity/);
  });

  for (const asOf of [NOW, '2025-11-14']) {
    it(`as of ${asOf}: every reference in liquidity, plumbing, 13F and price views is answered with the figure shown`, async () => {
      const views = [
        await liquidityView(store, { asOf }),
        await liquidityView(store, { asOf, tga: 'dts' }),
        await plumbingView(store, { asOf }),
        await watchlistView(store, { asOf }),
        await holdingsView(store, { asOf }),
        await topPutsView(store, { asOf }),
        await pricesView(store, { asOf, symbol: 'NVDA' }),
      ];
      const counts: Record<string, number> = {};
      const wrong: string[] = [];
      for (const v of views) {
        const refs = refsOf(v);
        counts[`${v.id}${v.id === 'liquidity' ? `-${(v.data as { tga: string }).tga}` : ''}`] = refs.length;
        for (const { at, figure, ref, cell } of refs) {
          expect(ref.date <= asOf, `${v.id} ${at}: ${ref.date} after ${asOf}`).toBe(true);
          const got = figureOf(await trace(store, ref.what, ref.date, asOf), cell);
          if (Math.abs(got - (figure as number)) > 1e-9 * Math.max(1, Math.abs(got)))
            wrong.push(`${v.id} ${at} ${ref.what}@${ref.date}: shows ${figure}, trace ${got}`);
        }
      }
      expect(wrong).toEqual([]);
      // Headline and table cells both: net liquidity + 3 components; the plumbing KPIs and rows
      // with a stored observation, a spread or the water level; the watchlist's options and
      // positions; the top puts (kpi + 2 cells each); the last close.
      expect(counts).toMatchObject({ 'liquidity-h41': 4, 'liquidity-dts': 4, plumbing: 13, prices: 1 });
      expect(counts['watchlist']).toBeGreaterThan(20);
      expect(counts['13f-holdings']).toBeGreaterThan(20);
      expect(counts['13f-top-puts']).toBe(41);
    });
  }

  it('risk inputs: a fired rule on HY OAS, VIX or NFCI traces to the observation the week read (2020-03-20, 2008-10-10)', async () => {
    const got: Record<string, string[]> = {};
    for (const asOf of ['2020-03-20', '2008-10-10']) {
      const v = await riskView(store, { asOf });
      const fired = v.tables.find((t) => t.id === 'fired')!;
      got[asOf] = [];
      for (const { at, figure, ref, cell } of refsOf(v)) {
        expect(figureOf(await trace(store, ref.what, ref.date, asOf), cell), at).toBe(figure);
        got[asOf]!.push(`${fired.rows[Number(at.match(/\[(\d+)\]/)![1])]!.rule} ${ref.what}@${ref.date}`);
      }
    }
    // The week ending 2020-03-20 read Thursday's HY OAS (9.82 %) and VIX (72.00) and the NFCI of
    // 03-13; the 13-week change of HY OAS is a change, not one observation: no reference.
    expect(got).toEqual({
      '2020-03-20': [
        'hy_spread_wide BAMLH0A0HYM2@2020-03-19',
        'vix_high VIXCLS@2020-03-19',
        'nfci_tight NFCI@2020-03-13',
        'hy_spread_extreme BAMLH0A0HYM2@2020-03-19',
        'vix_panic VIXCLS@2020-03-19',
      ],
      '2008-10-10': [
        'hy_spread_wide BAMLH0A0HYM2@2008-10-09',
        'vix_high VIXCLS@2008-10-09',
        'nfci_tight NFCI@2008-10-03',
        'hy_spread_extreme BAMLH0A0HYM2@2008-10-09',
        'vix_panic VIXCLS@2008-10-09',
        'nfci_very_tight NFCI@2008-10-03',
      ],
    });
  });
});
