import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseShock } from '../../analytics/cascade/shock.js';
import { VERDICTS } from '../../core/verdict.js';
import { openStore, type Store } from '../../store/store.js';
import { importFredFiles } from '../../update/import/fred.js';
import { importCryptoFiles, importPriceFiles } from '../../update/import/prices.js';
import { createApp } from '../app.js';
import { getJson } from '../testing.js';

let store: Store;
const opts = { today: '2026-11-26', runId: null };

beforeAll(async () => {
  store = await openStore(':memory:');
  await importPriceFiles(
    store,
    ['NVDA', 'MU', 'ARKK', 'TSLA', 'PLTR', 'SPY', 'TLT'].map((s) =>
      dataFile('prices', 'yf-close-only', `${s}.csv`),
    ),
    opts,
  );
  await importPriceFiles(
    store,
    [
      dataFile('prices', 'yahoo-classic-csv', 'NVDA.csv'),
      dataFile('prices', 'yahoo-classic-csv', 'GSPC.csv'),
    ],
    opts,
  );
  await importCryptoFiles(
    store,
    [
      dataFile('crypto', 'binance-spot-daily', 'BTCUSDT_1d.csv'),
      dataFile('crypto', 'btc_usd_daily_close_volume_2015-2026.csv'),
      dataFile('crypto', 'funding'),
    ],
    opts,
  );
  await importFredFiles(
    store,
    ['WALCL', 'WTREGEN', 'RRPONTSYD', 'DGS10', 'SP500'].map((s) => dataFile('fred', `${s}.csv`)),
    { runId: null, today: '2026-11-26' },
  );
});
afterAll(async () => {
  await store.close();
});

describe('markets API', () => {
  it('/api/prices/NVDA: merged closes with source per point, the split handled, drawdown', async () => {
    const j = await getJson<{
      points: { date: string; value: number; source: string }[];
      links: { ratio: number }[];
      drawdown: unknown[];
    }>(store, '/api/prices/NVDA?from=2024-06-06&to=2024-06-12');
    expect(j.points.map((p) => p.date)).toEqual([
      '2024-06-06',
      '2024-06-07',
      '2024-06-10',
      '2024-06-11',
      '2024-06-12',
    ]);
    expect(j.points.every((p) => p.source === 'file:yf-close-only/NVDA.csv')).toBe(true);
    expect(j.links[1]!.ratio).toBeCloseTo(0.0998, 3);
    expect(j.drawdown).toHaveLength(5);
  });
  it('/api/prices/^GSPC merges the price file with FRED SP500; bad symbol and date → 400; unknown → 404', async () => {
    const app = createApp(store);
    const g = (await (await app.request('/api/prices/%5EGSPC?from=2026-03-05')).json()) as {
      points: { source: string }[];
    };
    expect(g.points[0]!.source).toBe('fred:SP500');
    expect((await app.request('/api/prices/NVDA?from=2024-13-01')).status).toBe(400);
    expect((await app.request('/api/prices/a$b')).status).toBe(400);
    expect((await app.request('/api/prices/ZZZZ')).status).toBe(404);
  });
  it('/api/duration: ranked rows, windows, thesis status; bad threshold → 400', async () => {
    const app = createApp(store);
    const j = await getJson<{
      rows: { symbol: string; rank: number }[];
      windows: unknown[];
      thesis: { status: string };
    }>(store, '/api/duration?threshold=5&weeks=13');
    expect(j.rows.length).toBeGreaterThanOrEqual(7);
    expect(j.windows.length).toBeGreaterThan(3);
    expect(VERDICTS).toContain(j.thesis.status);
    expect((await app.request('/api/duration?threshold=-1')).status).toBe(400);
  });
  it('/api/duration and /api/crypto as of a past day use nothing published later', async () => {
    const app = createApp(store);
    const d = (await (await app.request('/api/duration?asOf=2020-01-01')).json()) as {
      windows: { end: string }[];
    };
    expect(d.windows.length).toBeGreaterThan(0);
    expect(d.windows.every((w) => w.end <= '2020-01-01')).toBe(true);
    const c = (await (await app.request('/api/crypto?asOf=2025-11-14')).json()) as {
      stress: { last: { date: string }; claim: { status: string } };
      closes: { date: string }[];
    };
    expect(c.stress.last.date).toBe('2025-11-14');
    expect(c.closes.at(-1)!.date).toBe('2025-11-14');
    // The ~$60k low came in 2026: as of 2025-11-14 the data cannot show it yet.
    expect(c.stress.claim.status).not.toBe('supported');
  });
  it('/api/crypto: the $126k → $60k claim supported with the BTC-USD file; /api/cascade runs calibrated', async () => {
    const app = createApp(store);
    const c = (await (await app.request('/api/crypto')).json()) as {
      stress: { claim: { status: string } };
      closes: unknown[];
      funding: unknown[];
    };
    expect(c.stress.claim.status).toBe('supported');
    expect(c.funding.length).toBeGreaterThan(2000);
    const k = (await (await app.request('/api/cascade?shock=-0.05&positions=20000')).json()) as {
      calibration: { depthUsdPer1Pct: number } | null;
      result: { stable: boolean; finalMove: number };
    };
    expect(k.calibration!.depthUsdPer1Pct).toBeGreaterThan(5e7);
    expect(k.result.stable).toBe(true);
    expect(k.result.finalMove).toBeLessThan(-0.05);
    expect((await app.request('/api/cascade?shock=abc')).status).toBe(400);
  });
  it("/api/cascade: the shock in the CLI's unit (one parser): -10% and -0.1 are the same shock, a bare -10 is refused", async () => {
    const app = createApp(store);
    const get = async (q: string) =>
      (await (await app.request(`/api/cascade?asOf=2026-01-05&positions=2000&${q}`)).json()) as {
        shock: number;
        result: { finalPrice: number };
      };
    const a = await get(`shock=${encodeURIComponent('-10%')}`);
    const b = await get('shock=-0.1');
    expect(a.shock).toBe(-0.1);
    expect(b).toEqual(a);
    expect(parseShock('-10%')).toBe(parseShock('-0.1'));
    const bad = await app.request('/api/cascade?shock=-10');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/ambiguous: write a percent with % \(-10%\) or a fraction \(-0\.1\)/);
  });
  it('/api/cascade?asOf=2020-03-20 starts from the BTC close of that day, not the last one stored; no calibration from the future', async () => {
    const r = (await (
      await createApp(store).request('/api/cascade?asOf=2020-03-20&positions=2000')
    ).json()) as {
      asOf: string;
      startDate: string;
      startPrice: number;
      funding: { date: string } | null;
      calibration: unknown;
      calibrationNote: string;
    };
    expect(r.asOf).toBe('2020-03-20');
    expect(r.startDate).toBe('2020-03-20');
    expect(r.startPrice).toBeCloseTo(6198.78, 2); // BTC-USD close of 2020-03-20
    expect(r.funding!.date <= '2020-03-20T23:59:59Z').toBe(true);
    expect(r.calibration).toBeNull();
    expect(r.calibrationNote).toMatch(
      /^the calibration day 2025-10-10 is after 2020-03-20: default depth used/,
    );
  });
  it('every markets, crypto and capex route takes asOf (OpenAPI)', async () => {
    const doc = (await (await createApp(store).request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    for (const p of [
      '/api/prices',
      '/api/prices/{symbol}',
      '/api/duration',
      '/api/crypto',
      '/api/cascade',
      '/api/capex',
      '/api/curated/tokens',
      '/api/curated/events',
      '/api/theses',
      '/api/backtest/{name}',
    ])
      expect(
        doc.paths[p]!.get.parameters.map((x) => x.name),
        p,
      ).toContain('asOf');
  });
  it('/api/prices and /api/prices/NVDA as of a day: nothing dated later', async () => {
    const app = createApp(store);
    const list = (await (await app.request('/api/prices?asOf=2020-01-02')).json()) as {
      symbol: string;
      lastDate: string;
    }[];
    expect(list.every((s) => s.lastDate <= '2020-01-02')).toBe(true);
    expect(list.some((s) => s.symbol === 'PLTR')).toBe(false); // listed 2020-09-30
    const n = (await (await app.request('/api/prices/NVDA?asOf=2024-06-07')).json()) as {
      points: { date: string }[];
      ohlc: { bars: { date: string }[] };
    };
    expect(n.points.at(-1)!.date).toBe('2024-06-07');
    expect(n.ohlc.bars.every((b) => b.date <= '2024-06-07')).toBe(true);
  });
});
