import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { openStore, type Store } from '../../store/store.js';
import { importFredFiles } from '../../update/import/fred.js';
import { importTreasuryFiles } from '../../update/import/treasury.js';
import { createApp } from '../app.js';
import { getJson } from '../testing.js';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  const fred = [
    'legacy-DATE-header/WRESBAL_1984-2024.csv',
    'sofr3-2021-2026/WRESBAL.csv',
    'legacy-DATE-header/TOTRESNS.csv',
    'sofr3-2021-2026/SOFR.csv',
    'sofr3-2021-2026/IORB.csv',
    'sofr3-2021-2026/RRPONTSYD.csv',
    'fredapi-pandas/WALCL_api.csv',
    'fredapi-pandas/WTREGEN_api.csv',
  ].map((f) => dataFile('fred', ...f.split('/')));
  await importFredFiles(store, fred, { runId: null, today: '2026-07-01' });
  await importTreasuryFiles(store, [dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv')], {
    runId: null,
    today: '2026-07-01',
  });
});
afterAll(async () => {
  await store.close();
});

describe('/api/plumbing', () => {
  it('summary as of 2025-11-03: SOFR−IORB +32bp on 2025-10-31, reserves $2.848T, thesis-1 check', async () => {
    const body = await getJson<{
      rows: { id: string; value: number | null; date: string | null }[];
      thesis1: { claim2023: { verdict: string } };
      crossings: { month: string; crossing: number }[];
    }>(store, '/api/plumbing?asOf=2025-11-03');
    const row = (id: string) => body.rows.find((r) => r.id === id)!;
    expect(row('sofrIorb')).toMatchObject({ date: '2025-10-31', value: 32 });
    expect(row('reserves')).toMatchObject({ date: '2025-10-29', value: 2_848_021e6 });
    expect(row('tga')).toMatchObject({ date: '2025-10-31', value: 926_328e6 });
    expect(body.crossings.find((c) => c.month === '2025-10')!.crossing).toBe(17);
    expect(body.thesis1.claim2023.verdict).toMatch(/^not confirmed/);
  });

  it('one indicator with from/to; bathtub view has its formula', async () => {
    const app = createApp(store);
    const r = await app.request('/api/plumbing/sofrIorb?asOf=2026-06-24&from=2025-10-30&to=2025-10-31');
    expect(await r.json()).toMatchObject({
      id: 'sofrIorb',
      unit: 'bp',
      points: [
        { date: '2025-10-30', value: 14 },
        { date: '2025-10-31', value: 32 },
      ],
    });
    const b = (await (
      await app.request('/api/plumbing/bathtub?asOf=2026-06-24&from=2025-10-31&to=2025-10-31')
    ).json()) as {
      formula: string;
      weeks: { date: string; h41Week: string; waterLevel: number }[];
    };
    expect(b.formula).toMatch(/waterLevel = net liquidity = WALCL − TGA − ON RRP/);
    // Friday 10-31 as known that day: WALCL 6,587,034M − WTREGEN 957,990M (Wed 10-29) − RRP 51.802B.
    expect(b.weeks).toHaveLength(1);
    expect(b.weeks[0]!.h41Week).toBe('2025-10-29');
    expect(b.weeks[0]!.waterLevel).toBeCloseTo(5_577_242e6, -3);
  });

  it('/api/views/plumbing: the view built once; /api/plumbing answers its data', async () => {
    const app = createApp(store);
    const view = (await (await app.request('/api/views/plumbing?asOf=2025-11-03')).json()) as {
      id: string;
      asOf: string;
      headline: string;
      kpis: { id: string; value: number; format: string; date: string; tone?: string }[];
      charts: { id: string; format: string; stacked?: boolean }[];
      tables: { id: string }[];
      data: unknown;
    };
    expect(view).toMatchObject({ id: 'plumbing', asOf: '2025-11-03' });
    expect(view.kpis.find((k) => k.id === 'sofrIorb')).toMatchObject({
      value: 32,
      format: 'bp',
      date: '2025-10-31',
      tone: 'warn',
    });
    expect(view.kpis.find((k) => k.id === 'reserves')).toMatchObject({
      value: 2_848_021e6,
      format: 'usd',
      date: '2025-10-29',
    });
    expect(view.charts.map((c) => [c.id, c.format, c.stacked ?? false])).toEqual([
      ['plumbing-reserves', 'usd', false],
      ['plumbing-repo', 'bp', false],
      ['plumbing-tga-rrp', 'usd', false],
      ['plumbing-bathtub', 'usd', true],
      ['plumbing-stress', 'number', false],
    ]);
    expect(view.tables.map((t) => t.id)).toEqual(['indicators', 'bathtub', 'crossings', 'thesis1']);
    const data = await (await app.request('/api/plumbing?asOf=2025-11-03')).json();
    expect(data).toEqual(view.data);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/views/plumbing', '/api/views/risk', '/api/views/freshness']),
    );
  });

  it('bad parameters answer 400 naming the parameter; absent data 404', async () => {
    const app = createApp(store);
    const bad = await app.request('/api/plumbing?asOf=2025-13-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe('asOf');
    const unknown = await app.request('/api/plumbing/nonsense');
    expect(unknown.status).toBe(400);
    const none = await app.request('/api/plumbing/srfTakeup');
    expect(none.status).toBe(404);
  });
});
