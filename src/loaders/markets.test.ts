import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullStoreCopy } from '../../test/full-store.js';
import { INDEX_SERIES, mergedForMany, PROXIES } from '../analytics/markets/load.js';
import { weekday } from '../core/dates.js';
import { DEFAULT_GROUPS } from '../indicators/markets/duration.js';
import { type Point, valueAsOf, weeklyOn } from '../indicators/markets/series.js';
import { mergeWithin, readAdjustedCloses } from '../sources/prices/repository.js';
import { universe } from '../sources/prices/universe.js';
import { openStore, type Store } from '../store/store.js';
import { rankingCloses } from './markets.js';

/**
 * The duration ranking's one query (loaders/markets.ts) against the JS definitions it stands in
 * for: `mergeSourced` (re-based merge of a symbol's sources) and `weeklyOn` (anchor-day sampling).
 */

/** Dates and values rounded to 1e-9 (a re-basing factor of exp(ln 2) may differ from 2 in the last bit). */
const plain = (ps: Point[]) => ps.map((p) => ({ date: p.date, value: Math.round(p.value * 1e9) / 1e9 }));

async function bars(store: Store, rows: Array<[string, string, string, number]>): Promise<void> {
  await store.db.insertMany(
    'price_bars',
    ['symbol', 'date', 'source', 'open', 'high', 'low', 'close', 'adj_close', 'volume', 'close_basis'],
    rows.map(([symbol, date, source, v]) => [symbol, date, source, null, null, null, v, v, null, 'split']),
  );
}

describe('rankingCloses on small literal sources', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
    // X: source "a" (the latest) closes 2024-01-08 … 2024-01-19 (weekdays); "b" the same dates but
    // the last at half the figure plus 2024-01-01 … 2024-01-05 → re-based ×2; "c" overlaps on 3 dates only →
    // kept at ×1 and fills 2023-12-20 alone. Then nothing from 2023-12-21 to 2023-12-31 (a hole).
    const a = ['08', '09', '10', '11', '12', '15', '16', '17', '18', '19'].map(
      (d, i) => [`2024-01-${d}`, 100 + i] as const,
    );
    await bars(store, [
      ...a.map(([d, v]): [string, string, string, number] => ['X', d, 'a', v]),
      ...a.slice(0, -1).map(([d, v]): [string, string, string, number] => ['X', d, 'b', v / 2]),
      ...['01', '02', '03', '04', '05'].map((d, i): [string, string, string, number] => [
        'X',
        `2024-01-${d}`,
        'b',
        45 + i,
      ]),
      ['X', '2023-12-20', 'c', 7],
      ['X', '2024-01-02', 'c', 1],
      ['X', '2024-01-03', 'c', 1],
      ['X', '2024-01-04', 'c', 1],
      // A close after the as-of day: never read.
      ['X', '2024-01-22', 'a', 999],
    ]);
  });
  afterAll(() => store.close());

  it('re-bases like mergeSourced, samples Fridays like weeklyOn, keeps a window’s closes and its lead-in', async () => {
    const asOf = '2024-01-19';
    const r = await rankingCloses(store.db, {
      symbols: ['X', 'NONE'],
      asOf,
      anchorWeekday: 5,
      windows: [{ start: '2024-01-06', end: '2024-01-10' }],
    });
    expect([...r.keys()]).toEqual(['X']);
    const x = r.get('X')!;
    // Fridays: 2023-12-22 (the 12-20 close, 2 days old), 12-29 skipped (last close 9 days old),
    // 01-05 (b's 49 ×2), 01-12 (a's 104), 01-19 (a's 109).
    expect(plain(x.weekly)).toEqual([
      { date: '2023-12-22', value: 7 },
      { date: '2024-01-05', value: 98 },
      { date: '2024-01-12', value: 104 },
      { date: '2024-01-19', value: 109 },
    ]);
    // First, last, the window 01-06 … 01-10 and the last close on or before its start (01-05).
    expect(plain(x.daily)).toEqual([
      { date: '2023-12-20', value: 7 },
      { date: '2024-01-05', value: 98 },
      { date: '2024-01-08', value: 100 },
      { date: '2024-01-09', value: 101 },
      { date: '2024-01-10', value: 102 },
      { date: '2024-01-19', value: 109 },
    ]);
    // The same as the JS definitions on the same bars.
    const js = mergeWithin((await readAdjustedCloses(store.db, ['X'], { to: asOf })).get('X')!, [], {
      to: asOf,
    });
    expect(js.links.map((l) => [l.source, Math.round(l.ratio * 1e9) / 1e9])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 1],
    ]);
    expect(plain(x.weekly)).toEqual(plain(weeklyOn(js.points, 5)));
    expect(plain(x.daily)).toEqual(plain(x.daily.map((p) => valueAsOf(js.points, p.date)!)));
  });

  it('as of an earlier day the later closes take no part: "b" is then the base', async () => {
    const r = await rankingCloses(store.db, {
      symbols: ['X'],
      asOf: '2024-01-05',
      anchorWeekday: 5,
      windows: [],
    });
    expect(r.get('X')!.weekly).toEqual([
      { date: '2023-12-22', value: 7 },
      { date: '2024-01-05', value: 49 },
    ]);
  });
});

describe('rankingCloses on the full real store equals the JS merge and weeklyOn', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(fullStoreCopy());
  }, 900_000);
  afterAll(() => store?.close());

  const wanted = universe();
  const symbols = [
    ...new Set([
      ...wanted,
      ...wanted.flatMap((s) => PROXIES[s] ?? []),
      '^GSPC',
      'SPY',
      ...Object.keys(DEFAULT_GROUPS),
    ]),
  ];
  for (const asOf of ['2025-11-14', '2009-06-30']) {
    it(`every symbol the ranking reads, as of ${asOf}`, async () => {
      const windows = [
        { start: '2008-10-03', end: '2009-03-06' },
        { start: '2020-04-03', end: '2020-08-07' },
      ];
      const anchor = weekday('2025-11-14');
      const sql = await rankingCloses(store.db, {
        symbols,
        asOf,
        anchorWeekday: anchor,
        windows,
        index: INDEX_SERIES,
      });
      const js = await mergedForMany(store, symbols, { to: asOf });
      let compared = 0;
      for (const s of symbols) {
        const m = js.get(s)!.points;
        const got = sql.get(s);
        expect(got === undefined, s).toBe(m.length === 0);
        if (!got) continue;
        const want = weeklyOn(m, anchor);
        expect(
          got.weekly.map((p) => p.date),
          s,
        ).toEqual(want.map((p) => p.date));
        for (const [i, p] of got.weekly.entries())
          expect(p.value, `${s} ${p.date}`).toBeCloseTo(want[i]!.value, 9);
        expect(got.daily[0]!.date).toBe(m[0]!.date);
        expect(got.daily.at(-1)!.date).toBe(m.at(-1)!.date);
        for (const p of got.daily) {
          const at = valueAsOf(m, p.date)!;
          expect(at.date).toBe(p.date);
          expect(p.value, `${s} ${p.date}`).toBeCloseTo(at.value, 9);
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(asOf < '2010' ? 12 : 20);
    });
  }
});
