import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { openStore, type Store } from '../src/store/store.js';
import type { View } from '../src/views/model.js';
import { runCli } from './cli.js';
import { fullStoreCopy } from './full-store.js';

/**
 * The capex, duration, crypto, cascade, prices, backtest and ledger views on the full real store:
 * the figures PROVENANCE.md publishes, the same object through the API, the CLI text and CSV, and
 * the empty states saying why.
 */
let store: Store;
let file: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  file = fullStoreCopy();
  store = await openStore(file);
  app = createApp(store);
});
afterAll(async () => {
  await store?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: each view's data has its own type; the tests read its tables.
type AnyView = View<any>;

async function view(path: string): Promise<AnyView> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as AnyView;
}

const kpi = (v: View, id: string) => v.kpis.find((k) => k.id === id);
const table = (v: View, id: string) => v.tables.find((t) => t.id === id)!;

describe('market and ledger views on the full real store', () => {
  it('crypto: BTC −50.3 % from the intraday high and −49.7 % close-to-close by 2026-02-28; −25.2 % by 2025-11-14', async () => {
    const v = await view('/api/views/crypto?asOf=2026-02-28');
    const falls = table(v, 'falls').rows;
    // Peak: Binance BTCUSDT high 126,199.63 (2025-10-06); close 124,752.53; low close 62,702.10 (2026-02-05).
    const cents = (x: unknown) => Math.round((x as number) * 100) / 100;
    expect(
      falls.map((r) => [cents(r.peak), cents(r.trough), Math.round((r.depth as number) * 1000) / 10]),
    ).toEqual([
      [126199.63, 62702.1, -50.3],
      [124752.53, 62702.1, -49.7],
    ]);
    expect(v.headline).toContain('SUPPORTED');
    const earlier = await view('/api/views/crypto?asOf=2025-11-14');
    expect(earlier.headline).toContain('−25.2 % from the intraday high');
    expect(earlier.headline).not.toContain('SUPPORTED');
  });

  it('duration: thesis 3 MIXED, the same verdict as the ledger; scatter axes carry their labels and formats', async () => {
    const d = await view('/api/views/duration?asOf=2025-11-14');
    expect(kpi(d, 'thesis3')!.value).toBe('mixed');
    expect(kpi(d, 'windows-worse')!.value).toBe('4 of 8');
    const ledger = await view('/api/views/theses?asOf=2025-11-14');
    expect(table(ledger, 'theses').rows.find((r) => r.number === 3)!.status).toBe('mixed');
    const sc = d.scatters![0]!;
    expect(sc.points.length).toBe(table(d, 'ranking').rows.length);
    expect(sc.y.format).toBe('fraction-change');
    expect(sc.x.label).toMatch(/net-liquidity/);
    expect(sc.points.find((p) => p.label === 'BTC')!.group).toBe('speculative');
  });

  it('capex: GOOGL gap +59.3 pp as of 2026-02-28 (FY2025 10-K), in pp in headline and table; burst rows are warnings', async () => {
    const v = await view('/api/views/capex?asOf=2026-02-28');
    expect(v.headline).toContain('gap +59.3 pp');
    const latest = table(v, 'latest');
    const googl = latest.rows.find((r) => r.company === 'GOOGL')!;
    expect(Math.round((googl.gap as number) * 10) / 10).toBe(59.3);
    expect(latest.columns.find((c) => c.key === 'gap')!.format).toBe('pp');
    // NVDA FY2026 Q1–Q3: gaps +163.5, +105.8, +86.8 pp raise the burst flag — shown as a warning, never green.
    const burst = table(v, 'quarters').rows.filter((r) => r.flag === 'BURST');
    expect(burst.map((r) => r.period)).toEqual(['FY2026 Q1', 'FY2026 Q2', 'FY2026 Q3']);
    for (const r of burst) expect(r._tone).toBe('warn');
    expect(JSON.stringify(v)).not.toContain('"good"');
  });

  it('ledger evidence names measured or curated, the window and the input dates', async () => {
    const v = await view('/api/views/theses?asOf=2026-02-28');
    const ev = table(v, 'evidence').rows;
    const tokens = ev.filter((r) => r.check === 'tokens-100x');
    expect(tokens.length).toBeGreaterThan(0);
    for (const r of tokens) expect(r.basis).toMatch(/^curated: /);
    const btc = ev.find((r) => r.check === 'btc-126k-to-60k')!;
    expect(btc.basis).toBe('measured');
    expect(btc.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(btc.inputs).not.toBe('');
    expect(v.kpis.map((k) => k.label)).toEqual([
      'Theses supported',
      'Theses refuted',
      'Theses mixed',
      'Theses insufficient data',
    ]);
  });

  it('prices: $ on prices, every close in the data, the source of each; backtest and cascade views', async () => {
    const p = await view('/api/views/prices?asOf=2025-11-14&symbol=NVDA');
    expect(kpi(p, 'last')!.format).toBe('price');
    expect(kpi(p, 'last')!.value).toBeCloseTo(189.93, 2);
    const closes = table(p, 'closes');
    expect(closes.rows.at(-1)).toMatchObject({ date: '2025-11-14', source: 'file:yf-close-only/NVDA.csv' });
    const b = await view('/api/views/backtest?asOf=2025-11-14&name=spy-trend');
    expect(b.headline).toMatch(/^spy-trend 1993-11-05 → 2025-11-14: CAGR \+7\.6 % vs \+10\.6 % buy & hold/);
    const c = await view('/api/views/cascade?asOf=2025-11-14&shock=-10%25');
    expect(table(c, 'path').rows.length).toBe(7);
    expect(c.notes.map((n) => n.text).join(' ')).toContain('is an assumption');
  });

  it('empty states say why: before coverage, and what to run', async () => {
    const c = await view('/api/views/crypto?asOf=2009-01-01');
    expect(c.empty?.reason).toBe('before-coverage');
    expect(c.empty?.message).toMatch(/starts on 20\d\d-\d\d-\d\d/);
    const d = await view('/api/views/duration?asOf=2001-01-01');
    expect(d.empty?.reason).toBe('before-coverage');
    const bad = await app.request('/api/views/backtest?name=nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe('name');
  });

  it('the CLI prints the same views as text and CSV', () => {
    // Its own copy: the API tests above hold theirs open.
    const file = fullStoreCopy();
    const text = runCli(['crypto', '--as-of', '2026-02-28', '--db', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('−50.3 %');
    expect(text.stdout).toContain('−49.7 %');
    const csv = runCli(['duration', '--as-of', '2025-11-14', '--csv', '--db', file]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    // CSV headers are the column keys (stable for scripts); values unformatted.
    expect(lines[0]).toBe(
      'rank,symbol,group,liquidityBeta,yieldBeta,spxBeta,squeezeReturn,squeezeDrawdown,windowsCovered,score',
    );
    expect(lines.length).toBe(22);
    const capex = runCli(['capex', '--as-of', '2026-02-28', '--csv', '--db', file]);
    expect(capex.stdout).toMatch(/^company,/);
    expect(capex.stdout).toContain('GOOGL');
    const ledger = runCli(['theses', '--as-of', '2025-11-14', '--no-record', '--db', file]);
    expect(ledger.stdout).toContain('3  Duration sorting');
    expect(ledger.stdout).toMatch(/Thesis ledger as of 2025-11-14: .*3 mixed/);
  });
});
