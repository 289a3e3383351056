import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekIndexAsOf } from '../src/analytics/regime/engine.js';
import { riskFromStore } from '../src/analytics/regime/load.js';
import { evaluateTheses } from '../src/analytics/theses/store.js';
import { createApp } from '../src/server/app.js';
import { withStore } from '../src/store/memory.testkit.js';
import { openStore, type Store } from '../src/store/store.js';
import { importCurated } from '../src/update/import/curated.js';
import { importFredFiles } from '../src/update/import/fred.js';
import { importPriceFiles } from '../src/update/import/prices.js';
import { importTreasuryFiles } from '../src/update/import/treasury.js';
import { runCli } from './cli.js';
import { dataFile } from './shared-data.js';

/**
 * One definition per quantity, checked through every surface on ONE store built from the real
 * files: net liquidity (CLI JSON, /api/liquidity, /api/liquidity/history, the risk engine's
 * input and 13-week change, the ledger's evidence, the plumbing bathtub), the level-1 weeks and
 * runs (`risk --json` and the ledger), the TGA basis, and staleness by cadence.
 */

const db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-one-def-')), 'one.duckdb');
const FRED = [
  'WALCL.csv',
  'WTREGEN.csv',
  'RRPONTSYD.csv',
  'BAMLH0A0HYM2.csv',
  'VIXCLS.csv',
  'NFCI.csv',
  'sofr3-2021-2026/SOFR.csv',
  'sofr3-2021-2026/IORB.csv',
  'sofr3-2021-2026/WRESBAL.csv',
];
const TREASURY = [
  'DTS_OpCashBal_20210624_20260623.csv',
  'fiscaldata_api_operating_cash_balance_sample_2005.csv',
];
const PRICES = [
  'prices/yf-close-only/SPY.csv',
  'prices/yf-close-only/QQQ.csv',
  'crypto/binance-spot-daily/BTCUSDT_1d.csv',
];

/** The dates of the brief: 2008-12-26 (the old copies differed by $25B), March 2020, the tax week, the hand-check. */
const DATES = ['2008-12-26', '2020-03-20', '2025-04-16', '2025-04-18', '2025-11-14'];
const FRIDAYS = DATES.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5);

interface Nl {
  asOf: string;
  netLiquidityUsd: number;
  tgaUsd: number;
  tgaDate: string;
  stale: boolean;
  components: Array<{ id: string; date: string; stale: boolean }>;
  tgaBasis: {
    basis: string;
    describe: string;
    gapUsd: number | null;
    gapWeek: string | null;
    largestGap: { week: string; gapUsd: number } | null;
  };
}

const cliJson = <T>(args: string[]): T => {
  const r = runCli([...args, '--json', '--db', db]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

const withoutTraces = <T extends object>(x: T): Omit<T, 'traces'> => {
  const { traces: _, ...rest } = x as T & { traces?: unknown };
  return rest;
};

// CLI runs happen before the test process opens the file (one DuckDB writer per file).
const cli: Record<string, Nl> = {};
let dtsCli: Nl;
let riskJson: { counts: Array<{ level: number; weeks: number; runs: number }> };
let plumbing2020: {
  rows: Array<{ id: string; date: string | null; value: number | null; stale: boolean; source?: string }>;
};
let plumbingLate: typeof plumbing2020;
let liquidityText: string;
let store: Store;
const api = async <T>(url: string): Promise<T> => {
  const res = await createApp(store).request(url);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  await withStore(async (s) => {
    const res = [
      ...(await importCurated(s, { runId: null, today: '2026-07-01' })),
      ...(await importFredFiles(
        s,
        FRED.map((f) => dataFile('fred', ...f.split('/'))),
        { runId: null, today: '2026-07-01' },
      )),
      ...(await importTreasuryFiles(
        s,
        TREASURY.map((f) => dataFile('treasury', f)),
        { runId: null, today: '2026-07-01' },
      )),
      ...(await importPriceFiles(
        s,
        PRICES.map((f) => dataFile(...f.split('/'))),
        {},
      )),
    ];
    expect(res.filter((r) => r.status === 'failed')).toEqual([]);
  }, db);
  for (const d of DATES) cli[d] = cliJson<Nl>(['liquidity', '--as-of', d]);
  dtsCli = cliJson<Nl>(['liquidity', '--as-of', '2025-04-18', '--tga', 'dts']);
  riskJson = cliJson(['risk', '--as-of', '2025-11-14']);
  plumbing2020 = cliJson(['plumbing', '--as-of', '2020-03-20']);
  plumbingLate = cliJson(['plumbing', '--as-of', '2026-11-27']);
  liquidityText = runCli(['liquidity', '--as-of', '2025-04-18', '--db', db]).stdout;
  store = await openStore(db);
}, 300_000);
afterAll(() => store?.close());

describe('net liquidity: one definition, the same number on every surface', () => {
  it('hand-check as of 2025-11-14: 6,580.462 − 953.816 − 1.559 = $5,625.087B', () => {
    const nl = cli['2025-11-14']!;
    expect(nl.components.map((c) => [c.id, c.date])).toEqual([
      ['WALCL', '2025-11-12'],
      ['WTREGEN', '2025-11-12'],
      ['RRPONTSYD', '2025-11-14'],
    ]);
    expect(nl.netLiquidityUsd).toBeCloseTo(6_580_462e6 - 953_816e6 - 1.559e9, -3);
    expect(nl.netLiquidityUsd / 1e9).toBeCloseTo(5_625.087, 3);
  });

  it('2008-12-26: the last ON RRP operation ($25B, 2008-12-16) is idle by then: 0 (the old risk copy carried it, $25B off)', () => {
    const nl = cli['2008-12-26']! as Nl & { components: Array<{ valueUsd: number; note?: string }> };
    expect(nl.components[2]).toMatchObject({
      date: '2008-12-16',
      valueUsd: 0,
      note: 'no ON RRP operation since 2008-12-16: counted as 0',
    });
    // WALCL − WTREGEN of Wed 2008-12-24, nothing else.
    expect(nl.netLiquidityUsd).toBe(nl.components[0]!.valueUsd - nl.components[1]!.valueUsd);
    expect(nl.components[0]!.date).toBe('2008-12-24');
  });

  it('CLI JSON = /api/liquidity (whole object) on every date; = the history point, the risk input and the ledger evidence on the Fridays', async () => {
    const hist = await api<{ points: Array<{ date: string; netLiquidityUsd: number }> }>(
      '/api/liquidity/history',
    );
    const point = new Map(hist.points.map((p) => [p.date, p.netLiquidityUsd]));
    const risk = await riskFromStore(store, '2025-11-14');
    const ruleIx = risk.levels.rules.findIndex((r) => r.indicator === 'net_liquidity_13w_pct');
    for (const d of DATES) {
      // The CLI's --json adds the view's trace references; the rest is the API's answer.
      expect(await api<Nl>(`/api/liquidity?asOf=${d}`)).toEqual(withoutTraces(cli[d]!));
    }
    for (const d of FRIDAYS) {
      const nl = cli[d]!.netLiquidityUsd;
      expect(point.get(d)).toBe(nl);
      const i = weekIndexAsOf(risk.levels.weeks, d);
      expect(risk.levels.weeks[i]).toBe(d);
      expect(risk.netLiquidity![i]).toBe(nl);
      // The risk rule's 13-week change is made of the same weekly points.
      const back = risk.levels.weeks[i - 13]!;
      expect(risk.levels.values[ruleIx]![i]).toBeCloseTo(nl / point.get(back)! - 1, 12);
      const ledger = await evaluateTheses(store, d);
      const ev = ledger
        .find((t) => t.number === 1)!
        .checks.find((c) => c.id === 'net-liquidity-drain')!
        .evidence.find((e) => e.label === 'net liquidity')!;
      expect([ev.to, ev.value]).toEqual([d, nl]);
    }
  });

  it('after: 0 differences between the weekly history and the risk input over every Friday 2007-01-05 … 2025-11-28', async () => {
    const hist = await api<{ points: Array<{ date: string; netLiquidityUsd: number }> }>(
      '/api/liquidity/history',
    );
    const point = new Map(hist.points.map((p) => [p.date, p.netLiquidityUsd]));
    const risk = await riskFromStore(store, '2025-11-28');
    let compared = 0;
    let differ = 0;
    risk.levels.weeks.forEach((w, i) => {
      const r = risk.netLiquidity![i]!;
      const p = point.get(w);
      if (p === undefined && Number.isNaN(r)) return;
      compared++;
      if (p !== r) differ++;
    });
    // 2007-01-05 … 2025-11-21; 11-28 sees WALCL 11-12, 16 days old: stale in both.
    expect({ compared, differ }).toEqual({ compared: 986, differ: 0 });
  });

  it('the plumbing bathtub water level as of 2020-03-20 is the same number', () => {
    const row = plumbing2020.rows.find((r) => r.id === 'netLiquidity')!;
    expect([row.date, row.value]).toEqual(['2020-03-20', cli['2020-03-20']!.netLiquidityUsd]);
  });
});

describe('TGA basis: WTREGEN week average (h41, default) or the DTS Wednesday close (dts)', () => {
  it('2025-04-18 (tax week of Wed 04-16): WTREGEN $422.983B vs DTS close $638.783B — a $215.8B gap, said wherever it is shown', async () => {
    const h41 = cli['2025-04-18']!;
    expect([h41.tgaDate, h41.tgaUsd]).toEqual(['2025-04-16', 422_983e6]);
    expect([dtsCli.tgaDate, dtsCli.tgaUsd]).toEqual(['2025-04-16', 638_783e6]);
    expect(dtsCli.components[1]!.id).toBe('DTS:TGA_CLOSE');
    expect(h41.netLiquidityUsd - dtsCli.netLiquidityUsd).toBeCloseTo(215_800e6, -3);
    expect(h41.tgaBasis).toMatchObject({
      basis: 'h41',
      gapWeek: '2025-04-16',
      gapUsd: 215_800e6,
      largestGap: { week: '2025-04-16', gapUsd: 215_800e6 },
    });
    expect(h41.tgaBasis.describe).toMatch(
      /average of the seven days ending Wednesday, subtracted from a Wednesday level/,
    );
    expect(dtsCli.tgaBasis.describe).toMatch(/before 2022-04-18 .* next business day's opening balance/);
    const text = liquidityText;
    expect(text).toContain(
      'TGA basis h41: TGA = WTREGEN, the H.4.1 average of the seven days ending Wednesday',
    );
    expect(text).toContain('week of 2025-04-16: DTS Wednesday close − WTREGEN week average = +$215.8B');
    // The API and the weekly history give the same DTS-basis figure.
    expect(await api<Nl>('/api/liquidity?asOf=2025-04-18&tga=dts')).toEqual(withoutTraces(dtsCli));
    const hist = await api<{
      tgaBasis: { basis: string };
      points: Array<{ date: string; netLiquidityUsd: number }>;
    }>('/api/liquidity/history?tga=dts&from=2025-04-01&to=2025-04-30');
    expect(hist.tgaBasis.basis).toBe('dts');
    expect(hist.points.find((p) => p.date === '2025-04-18')!.netLiquidityUsd).toBe(dtsCli.netLiquidityUsd);
  });

  it("before 2022-04-18 the DTS close is the next business day's opening balance (Wed 2021-12-15 → 12-16 opening 58,294M)", async () => {
    const f = dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv');
    const open1216 = readFileSync(f, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('2021-12-16,Treasury General Account (TGA),'))!
      .split(',')[2];
    const nl = await api<Nl>('/api/liquidity?asOf=2021-12-17&tga=dts');
    expect([nl.tgaDate, nl.tgaUsd]).toEqual(['2021-12-15', Number(open1216) * 1e6]);
  });

  it('no DTS for that week (2020-03-20): the dts basis says so instead of mixing bases; a bad basis is refused', async () => {
    const res = await createApp(store).request('/api/liquidity?asOf=2020-03-20&tga=dts');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/dts TGA basis/);
    const bad = await createApp(store).request('/api/liquidity?tga=week');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe('tga');
  });
});

describe('staleness by cadence: one rule, every value dated and flagged', () => {
  it('plumbing --as-of 2020-03-20: TGA is WTREGEN $362.576B of 2020-03-18 (named), never the 2005 DTS sample', () => {
    const tga = plumbing2020.rows.find((r) => r.id === 'tga')!;
    expect(tga).toMatchObject({ date: '2020-03-18', value: 362_576e6, source: 'WTREGEN', stale: false });
  });

  it('as of 2025-11-03 the DTS close is fresher and wins, named DTS:TGA_CLOSE', async () => {
    const p = await api<typeof plumbing2020>('/api/plumbing?asOf=2025-11-03');
    expect(p.rows.find((r) => r.id === 'tga')).toMatchObject({
      date: '2025-10-31',
      value: 926_328e6,
      source: 'DTS:TGA_CLOSE',
      stale: false,
    });
  });

  it('as of 2026-11-27 (store ends 2026-06): TGA, reserves and net liquidity are flagged stale, not shown as current', async () => {
    const row = (id: string) => plumbingLate.rows.find((r) => r.id === id)!;
    expect(row('tga')).toMatchObject({ date: '2026-06-23', source: 'DTS:TGA_CLOSE', stale: true });
    expect(row('reserves').stale).toBe(true);
    const nl = await api<Nl & { change4wUsd: number | null }>('/api/liquidity?asOf=2026-11-27');
    expect(nl.stale).toBe(true);
    expect(nl.components.map((c) => c.stale)).toEqual([true, true, true]);
    expect(nl.change4wUsd).toBeNull();
    const fresh = (
      await api<{ series: Array<{ id: string; cadence: string; lastDate: string; stale: boolean }> }>(
        '/api/freshness?asOf=2025-11-14',
      )
    ).series;
    expect(fresh.find((s) => s.id === 'WALCL')).toMatchObject({
      cadence: 'weekly',
      lastDate: '2025-11-12',
      stale: false,
    });
    expect(fresh.find((s) => s.id === 'DTS:TGA_CLOSE')).toMatchObject({
      cadence: 'daily',
      lastDate: '2025-11-13',
      stale: false,
    });
    const late = (
      await api<{ series: Array<{ id: string; stale: boolean }> }>('/api/freshness?asOf=2026-01-10')
    ).series;
    expect(late.find((s) => s.id === 'WALCL')!.stale).toBe(true);
  });
});

describe('level-1 weeks and runs: one count for `risk` and the ledger', () => {
  it('risk --json --as-of 2025-11-14 and the ledger (thesis 7 evidence) on the same store and day', async () => {
    const l1 = riskJson.counts.find((c) => c.level === 1)!;
    const ledger = await evaluateTheses(store, '2025-11-14');
    const t7 = ledger.find((t) => t.number === 7)!;
    for (const c of t7.checks) {
      expect(c.evidence.find((e) => e.label === 'level-1 weeks (runs)')!.value).toBe(
        `${l1.weeks} (${l1.runs})`,
      );
    }
    // Pinned: 44 weeks in 21 runs (weeks 2007-01-05 … 2025-11-14; the ledger used to say the
    // SPY 6-month-window subset and `risk` the 1-month one — two different denominators).
    expect([l1.weeks, l1.runs]).toEqual([44, 21]);
  });
});
