import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { addDays } from '../../core/dates.js';
import { withStore } from '../../store/memory.testkit.js';
import type { Store } from '../../store/store.js';
import { importFredFiles } from '../../update/import/fred.js';
import { catalogEntry } from './catalog.js';
import { detectDerivedFile } from './derived.js';

const RRP = catalogEntry('RRPONTSYD')!;
const day = async (store: Store, id: string, date: string) =>
  (await store.getObservations(id, { from: date, to: date }))[0]?.value;

describe('a file derived from daily RRPONTSYD (legacy-DATE-header/RRPONTSYD_wednesdays.csv)', () => {
  it('after the real daily file: kept apart as RRPONTSYD:WED; stored 2023-07-19 stays 1,732.804B, no 2020-01-01 row', async () => {
    await withStore(async (store) => {
      const daily = dataFile('fred', 'RRPONTSYD.csv');
      const wed = dataFile('fred', 'legacy-DATE-header', 'RRPONTSYD_wednesdays.csv');
      const [d, w] = await importFredFiles(store, [daily, wed], { runId: null, today: '2026-01-01' });
      expect(d).toMatchObject({ status: 'ok', newRows: 3107 });
      expect(w).toMatchObject({ status: 'ok', newRows: 261, revisedRows: 0 });
      expect(w!.series).toBe(`RRPONTSYD:WED ← ${wed}`);
      const msg = w!.warnings!.join('\n');
      expect(msg).toContain(`${wed}: derived from the daily RRPONTSYD`);
      expect(msg).toContain('all 261 values fall on Wednesdays (2018-07-25 → 2023-07-19)');
      expect(msg).toContain('2023-07-19 = 1716.862 (stored 1732.804, the 2023-07-18 value)');
      expect(msg).toContain('2020-01-01 = 64.087 (= 2019-12-31)');
      // The daily series is exactly what the daily file says.
      expect(await day(store, 'RRPONTSYD', '2023-07-19')).toBeCloseTo(1_732.804e9, 0);
      expect(await day(store, 'RRPONTSYD', '2020-01-01')).toBeUndefined();
      expect((await store.getObservations('RRPONTSYD')).length).toBe(3107);
      // The derived file is still there, under its own id, as a weekly series.
      expect(await day(store, 'RRPONTSYD:WED', '2023-07-19')).toBeCloseTo(1_716.862e9, 0);
      expect(await store.getSeries('RRPONTSYD:WED')).toMatchObject({ frequency: 'weekly', unit: 'usd' });
    });
  });

  it('into an empty store (no stored values to compare): the one-weekday evidence alone keeps it apart', async () => {
    await withStore(async (store) => {
      const wed = dataFile('fred', 'legacy-DATE-header', 'RRPONTSYD_wednesdays.csv');
      const [w] = await importFredFiles(store, [wed], { runId: null, today: '2026-01-01' });
      expect(w).toMatchObject({ status: 'ok', series: `RRPONTSYD:WED ← ${wed}` });
      expect(await store.getSeries('RRPONTSYD')).toBeUndefined();
    });
  });

  it('genuine downloads import as themselves with no derived-file warning (incl. ICE BofA month-end weekend dates)', async () => {
    await withStore(async (store) => {
      const files = [
        'RRPONTSYD.csv',
        'fredapi-pandas/RRPONTSYD_api.csv',
        'sofr3-2021-2026/RRPONTSYD.csv',
        'BAMLH0A0HYM2.csv',
        'fredapi-pandas/BAMLH0A0HYM2_api.csv',
        'DFF.csv',
      ].map((f) => dataFile('fred', ...f.split('/')));
      const res = await importFredFiles(store, files, { runId: null, today: '2026-07-01' });
      for (const r of res) {
        expect(r.status).toBe('ok');
        expect(r.series).not.toMatch(/:(MON|TUE|WED|THU|FRI)/);
        expect((r.warnings ?? []).filter((w) => /derived|repeat|Saturdays/.test(w))).toEqual([]);
      }
    });
  });
});

describe('derived-file rules (literal cases)', () => {
  const stored = new Map(
    [
      ['2024-01-02', 10],
      ['2024-01-03', 12],
      ['2024-01-04', 11],
      ['2024-01-05', 15],
      ['2024-01-08', 9],
    ].map(([d, v]) => [d as string, (v as number) * 1e9]),
  );

  it('a seven-day forward fill of a business-day series is refused, naming the weekend values', () => {
    const rows = [
      { date: '2024-01-05', value: 15 },
      { date: '2024-01-06', value: 15 },
      { date: '2024-01-07', value: 15 },
      { date: '2024-01-08', value: 9 },
    ];
    const v = detectDerivedFile('ff.csv', RRP, rows, new Map());
    expect(v.action).toBe('refuse');
    expect(v.action === 'refuse' && v.message).toMatch(
      /^ff\.csv: derived from the daily RRPONTSYD.*2 of 4 values on Saturdays\/Sundays .*e\.g\. 2024-01-06.*Nothing was written/,
    );
  });

  it('carried values that overwrite stored ones are refused; one alone, or a different value (a revision), is not', () => {
    const carried = [
      { date: '2024-01-03', value: 10 },
      { date: '2024-01-05', value: 11 },
    ];
    const v = detectDerivedFile('c.csv', RRP, carried, stored);
    expect(v.action).toBe('refuse');
    expect(v.action === 'refuse' && v.message).toContain(
      '2 values differ from the stored RRPONTSYD and repeat the previous stored day',
    );
    const one = detectDerivedFile('c.csv', RRP, carried.slice(0, 1), stored);
    expect(one).toMatchObject({ action: 'import' });
    expect(one.action === 'import' && one.warnings[0]).toMatch(/^c\.csv: 1 values differ/);
    const revision = detectDerivedFile('r.csv', RRP, [{ date: '2024-01-03', value: 12.5 }], stored);
    expect(revision).toEqual({ action: 'import', warnings: [] });
  });

  it('weekly and monthly series are not checked; a short one-weekday file is not evidence', () => {
    const wed = Array.from({ length: 10 }, (_, i) => ({ date: addDays('2024-01-03', 7 * i), value: i }));
    expect(detectDerivedFile('d.csv', RRP, wed, new Map()).action).toBe('keep-apart');
    expect(detectDerivedFile('w.csv', catalogEntry('WALCL')!, wed, new Map()).action).toBe('import');
    expect(detectDerivedFile('s.csv', RRP, wed.slice(0, 3), new Map()).action).toBe('import');
  });
});
