import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsStore, saveFilings } from '../../../test/fixtures.js';
import { evaluateTheses, recordThesisRun, thesisHistory } from '../../analytics/theses/store.js';
import type { Store } from '../../store/store.js';
import { createApp } from '../app.js';
import { getJson } from '../testing.js';

/**
 * The analytics surfaces end to end on a store filled through the real import paths: FRED CSVs,
 * price files and two stored Scion 13F filings (../shared/data).
 */
let store: Store;

beforeAll(async () => {
  const prices = ['SPY', 'QQQ', 'SOXX', 'PLTR', 'NVDA'].map((s) => `prices/yf-close-only/${s}.csv`);
  store = await analyticsStore('2026-01-10', [...prices, 'crypto/binance-spot-daily/BTCUSDT_1d.csv']);
  await saveFilings(store, 'scion', [
    'scion_13F-HR_20230630_0000905148-23-000689.txt',
    'scion_13F-HR_20230930_0000905148-23-001400.txt',
  ]);
});
afterAll(async () => {
  await store.close();
});

describe('/api/risk', () => {
  it('level and fired rules as of 2025-10-31 (SOFR − IORB 16 bp on 2025-10-28)', async () => {
    const body = await getJson<{
      current: { level: number; fired: { rule: string; value: number }[] };
      forward: Record<string, unknown[]>;
    }>(store, '/api/risk?asOf=2025-10-31');
    expect(body.current.level).toBe(1);
    expect(body.current.fired.find((f) => f.rule === 'repo_crosses_iorb')?.value).toBe(16);
    expect(Object.keys(body.forward)).toEqual(expect.arrayContaining(['SPY', 'QQQ', 'BTC']));
  });

  it('/api/views/risk: the view built once; /api/risk and /api/risk/history answer parts of its data', async () => {
    const app = createApp(store);
    const view = (await (await app.request('/api/views/risk?asOf=2025-10-31')).json()) as {
      id: string;
      kpis: { id: string; value: unknown; tone?: string }[];
      charts: { id: string; series: { name: string; tone?: string }[] }[];
      data: { weeks: { week: string }[]; episodes: { from: string; to: string }[]; [k: string]: unknown };
    };
    expect(view.id).toBe('risk');
    expect(view.kpis[0]).toMatchObject({ id: 'level', value: '1 — liquidity squeeze', tone: 'warn' });
    expect(view.charts[0]!.series.map((s) => s.tone)).toEqual(['good', 'warn', 'bad', 'severe', 'neutral']);
    const { weeks, episodes, ...now } = view.data;
    expect(await (await app.request('/api/risk?asOf=2025-10-31')).json()).toEqual(now);
    const hist = (await (await app.request('/api/risk/history?asOf=2025-10-31&from=2025-01-01')).json()) as {
      weeks: { week: string }[];
      episodes: { to: string }[];
    };
    expect(hist.weeks).toEqual(weeks.filter((w) => w.week >= '2025-01-01'));
    expect(hist.weeks[0]!.week).toBe('2025-01-03');
    expect(hist.episodes).toEqual(episodes.filter((e) => e.to >= '2025-01-01'));
  });

  it('history has every week since 2007 with SPY closes; a bad date is a 400 naming the parameter', async () => {
    const app = createApp(store);
    const body = (await (await app.request('/api/risk/history?asOf=2025-11-14')).json()) as {
      weeks: { week: string; level: number; spx: number | null }[];
    };
    expect(body.weeks[0]!.week).toBe('2007-01-05');
    expect(body.weeks.find((w) => w.week === '2008-10-10')!.level).toBe(3);
    expect(body.weeks.at(-1)!.spx).not.toBeNull();
    const bad = await app.request('/api/risk?asOf=2025-13-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "asOf must be a calendar date YYYY-MM-DD, got '2025-13-01'",
    );
  });
});

describe('/api/scorecard', () => {
  it('merges the stored Scion puts: the SOXX row gets no duplicate, BKNG (no prices) is listed as no-prices', async () => {
    const body = await getJson<{
      thirteenFPutRows: number;
      episodes: { episode: { id: string; priceSymbol: string; underlying: string }; status: string }[];
    }>(store, '/api/scorecard');
    expect(body.thirteenFPutRows).toBe(4); // SPY, QQQ (2023-06-30), SOXX, BKNG (2023-09-30)
    const soxx = body.episodes.filter((e) => e.episode.priceSymbol === 'SOXX');
    expect(soxx.length).toBe(1);
    const bkng = body.episodes.find((e) => /BOOKING/i.test(e.episode.underlying));
    expect(bkng?.status).toBe('no-prices');
  });
});

describe('/api/theses and the ledger history', () => {
  it('evaluates, records a run, and a second identical run adds no status change', async () => {
    const r1 = await evaluateTheses(store, '2026-01-05');
    const c1 = await recordThesisRun(store, r1, new Date('2026-01-05T12:00:00Z'));
    expect(c1.length).toBe(7);
    const c2 = await recordThesisRun(
      store,
      await evaluateTheses(store, '2026-01-05'),
      new Date('2026-01-06T12:00:00Z'),
    );
    expect(c2).toEqual([]);
    expect((await thesisHistory(store)).length).toBe(7);
    const body = await getJson<{ results: { number: number; status: string }[]; fromStoredRun: boolean }>(
      store,
      '/api/theses',
    );
    expect(body.fromStoredRun).toBe(true);
    expect(body.results.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('/api/backtest/:name', () => {
  it('spy-trend runs on stored SPY; an unknown name is a 404 with the list', async () => {
    const app = createApp(store);
    const body = (await (await app.request('/api/backtest/spy-trend?mode=sweep')).json()) as {
      metrics: { cagr: number };
      sweep: unknown[];
    };
    expect(Number.isFinite(body.metrics.cagr)).toBe(true);
    expect(body.sweep.length).toBe(5);
    const res = await app.request('/api/backtest/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { hint: string } }).error.hint).toMatch(/spy-trend/);
  });
});
