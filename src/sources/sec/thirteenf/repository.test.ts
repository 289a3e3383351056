import { describe, expect, it } from 'vitest';
import { DuckDb } from '../../../store/duckdb.js';
import { withMemoryStore } from '../../../store/memory.testkit.js';
import { allMigrations } from '../../../store/migrations/index.js';
import { Store } from '../../../store/store.js';
import { parseThirteenF } from './filing.js';
import { normaliseFiling } from './normalise.js';
import { contentHash, listFilings, periodsOf, quarterHoldings, saveFiling } from './repository.js';
import { secText } from './test-files.js';

let store: Store;
withMemoryStore((s) => {
  store = s;
});

async function importFile(folder: string, file: string) {
  const text = secText(folder, file);
  return saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: file })), contentHash(text));
}

describe('13F repository', () => {
  it('importing the same filing twice changes nothing', async () => {
    expect(await importFile('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt')).toBe('new');
    expect(await importFile('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt')).toBe('unchanged');
    const rows = await store.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM sec_13f_rows');
    expect(rows[0]?.n).toBe(33);
    const f = await listFilings(store.db, 1649339);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      period: '2023-06-30',
      filed: '2023-08-14',
      value_unit: 'usd',
      unit_rule: 'implied-price',
    });
  });

  it('Pershing 2021-12-31 quarter from the store: original + NEW HOLDINGS amendment = 7 positions', async () => {
    await importFile('13f', 'pershing_13F-HR-A_20211231_0001172661-22-001013.txt');
    await importFile('13f', 'pershing_13F-HR_20211231_0001172661-22-000776.txt');
    await importFile('13f', 'pershing_13F-HR_20230930_0001172661-23-004016.txt');
    expect(await periodsOf(store.db, 1336528, '2026-01-01')).toEqual(['2021-12-31', '2023-09-30']);
    const q = await quarterHoldings(store.db, 1336528, '2021-12-31', '2026-01-01');
    expect(q.holdings).toHaveLength(7);
    expect(q.applied.map((a) => a.action)).toEqual(['base', 'add']);
    expect(q.holdings.reduce((s, h) => s + h.valueUsd, 0)).toBe(10_781_216_000);
  });

  it('as of a day: the NEW HOLDINGS amendment filed 2022-03-07 is not applied before that day', async () => {
    await importFile('13f', 'pershing_13F-HR-A_20211231_0001172661-22-001013.txt');
    await importFile('13f', 'pershing_13F-HR_20211231_0001172661-22-000776.txt');
    await importFile('13f', 'pershing_13F-HR_20230930_0001172661-23-004016.txt');
    // before the original (filed 2022-02-14): nothing was public
    expect(await periodsOf(store.db, 1336528, '2022-02-13')).toEqual([]);
    expect((await quarterHoldings(store.db, 1336528, '2021-12-31', '2022-02-13')).holdings).toEqual([]);
    // original only: 6 rows, 10,578,795 k$ (the cover total)
    const before = await quarterHoldings(store.db, 1336528, '2021-12-31', '2022-03-06');
    expect(before.applied.map((a) => [a.accession, a.action])).toEqual([['0001172661-22-000776', 'base']]);
    expect(before.holdings.reduce((s, h) => s + h.valueUsd, 0)).toBe(10_578_795_000);
    // the amendment's filing day: CANADIAN PAC added
    const on = await quarterHoldings(store.db, 1336528, '2021-12-31', '2022-03-07');
    expect(on.holdings.map((h) => h.cusip)).toContain('13645T100');
    expect(on.holdings.reduce((s, h) => s + h.valueUsd, 0)).toBe(10_781_216_000);
    expect(await periodsOf(store.db, 1336528, '2023-11-13')).toEqual(['2021-12-31']);
    expect((await listFilings(store.db, 1336528, '2022-03-06')).map((f) => f.accession)).toEqual([
      '0001172661-22-000776',
    ]);
  });

  it('a file without a filing date counts from its import day, or from --filed', async () => {
    const text = secText('13f', 'fss_infotable.xml');
    const parsed = (filed?: string) =>
      normaliseFiling(
        parseThirteenF(text, {
          source: 'fss_infotable.xml',
          cik: 1852858,
          period: '2020-12-31',
          ...(filed ? { filed } : {}),
        }),
      );
    await saveFiling(store.db, parsed(), contentHash(text), new Date('2024-05-02T10:00:00Z'));
    expect((await listFilings(store.db, 1852858))[0]).toMatchObject({
      filed: null,
      known_from: '2024-05-02',
    });
    expect(await periodsOf(store.db, 1852858, '2024-05-01')).toEqual([]);
    expect(await periodsOf(store.db, 1852858, '2024-05-02')).toEqual(['2020-12-31']);
    await saveFiling(store.db, parsed('2021-02-10'), `${contentHash(text)}x`);
    expect((await listFilings(store.db, 1852858))[0]).toMatchObject({
      filed: '2021-02-10',
      known_from: '2021-02-10',
    });
  });

  it('migration 202 drops the rows primary key and keeps rows written before it', async () => {
    const old = new Store(await DuckDb.open(':memory:'));
    try {
      await old.migrate(allMigrations.filter((m) => m.version < 202));
      const text = secText('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
      await saveFiling(old.db, normaliseFiling(parseThirteenF(text, { source: 'scion' })), contentHash(text));
      expect(await old.migrate()).toContain(202);
      const n = await old.db.all<{ n: number; usd: number }>(
        'SELECT COUNT(*) AS n, SUM(value_usd) AS usd FROM sec_13f_rows',
      );
      expect(n[0]?.n).toBe(33);
      const pk = await old.db.all(
        "SELECT * FROM duckdb_constraints() WHERE table_name = 'sec_13f_rows' AND constraint_type = 'PRIMARY KEY'",
      );
      expect(pk).toHaveLength(0);
      // the quarter still reads back whole after the table swap
      expect((await quarterHoldings(old.db, 1649339, '2023-06-30', '2023-08-14')).holdings).toHaveLength(33);
    } finally {
      await old.close();
    }
  });
});
