import { describe, expect, it } from 'vitest';
import { DuckDb } from '../../../store/duckdb.js';
import { openStore } from '../../../store/store.js';
import { type CompactColumn, compactRows, lastText, numbers, texts } from './compact-rows.js';

/**
 * compactRows must give exactly the objects of a plain ordered SELECT: same keys in the same
 * order, texts (nulls too) restored from their dictionaries, numbers as numbers, the 'last-text'
 * column on the last row only. Small literal cases with repeated and null texts.
 */
const ROWS = `SELECT * FROM (VALUES
    ('2024-03-31', '2024-05-15', 'AAA', 'Alpha Inc', NULL, 'Put', 'SH', 100, 2500, 'acc-1'),
    ('2024-03-31', '2024-05-15', 'AAA', 'Alpha Inc', NULL, NULL, 'SH', 300, 9000, 'acc-1'),
    ('2024-03-31', '2024-05-15', 'BBB', 'Beta Holdings Company', 'COM', NULL, 'PRN', 50, 9000, 'acc-1'),
    ('2024-06-30', '2024-08-14', 'AAA', 'Alpha Inc', NULL, NULL, 'SH', 310, 9100, 'acc-2'),
    ('2024-06-30', '2024-09-01', 'BBB', 'Beta Holdings Company', 'COM', 'Call', 'PRN', 5, 12, 'acc-3'))
  t(period, filed, cusip, issuer, "titleOfClass", "putCall", "shareType", shares, "valueUsd", acc)`;
const ORDER = 'q.period, q."valueUsd" DESC, q.cusip, q."putCall" NULLS FIRST';
const COLUMNS: CompactColumn[] = [
  ...texts(0, 'period', 'filed'),
  ...texts(1, 'cusip', 'issuer', 'titleOfClass'),
  ...texts(2, 'putCall', 'shareType'),
  ...numbers('shares', 'valueUsd'),
  lastText('acc'),
];

describe('compactRows', () => {
  it('DuckDB: the objects of the ordered SELECT, texts from their dictionaries, the last-text on the last row', async () => {
    const db = await DuckDb.open(':memory:');
    try {
      const plain = await db.all<Record<string, unknown>>(`SELECT * FROM (${ROWS}) q ORDER BY ${ORDER}`);
      const compact = await compactRows<Record<string, unknown>>(db, ROWS, ORDER, COLUMNS, []);
      expect(compact.map((r) => Object.keys(r))).toEqual(plain.map(() => COLUMNS.map((c) => c.name)));
      expect(compact).toEqual(plain.map((r, i) => ({ ...r, acc: i === plain.length - 1 ? r.acc : null })));
      expect(compact.map((r) => [r.cusip, r.putCall, r.valueUsd, r.acc])).toEqual([
        ['AAA', null, 9000, null],
        ['BBB', null, 9000, null],
        ['AAA', 'Put', 2500, null],
        ['AAA', null, 9100, null],
        ['BBB', 'Call', 12, 'acc-3'],
      ]);
      expect(await compactRows(db, `${ROWS} WHERE false`, ORDER, COLUMNS, [])).toEqual([]);
      // parameters reach the query
      const one = await compactRows<Record<string, unknown>>(
        db,
        `SELECT * FROM (${ROWS}) r WHERE r.cusip = $1`,
        ORDER,
        COLUMNS,
        ['BBB'],
      );
      expect(one.map((r) => [r.period, r.issuer, r.titleOfClass, r.shareType])).toEqual([
        ['2024-03-31', 'Beta Holdings Company', 'COM', 'PRN'],
        ['2024-06-30', 'Beta Holdings Company', 'COM', 'PRN'],
      ]);
    } finally {
      await db.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)('PostgreSQL: the same objects (one JSON text)', async () => {
    const pg = await openStore(process.env.DATABASE_URL);
    const duck = await DuckDb.open(':memory:');
    try {
      const a = await compactRows<Record<string, unknown>>(pg.db, ROWS, ORDER, COLUMNS, []);
      const b = await compactRows<Record<string, unknown>>(duck, ROWS, ORDER, COLUMNS, []);
      // PostgreSQL keeps every row's accession (callers read the last one only)
      expect(a.map((r) => ({ ...r, acc: null }))).toEqual(b.map((r) => ({ ...r, acc: null })));
      expect(a.at(-1)?.acc).toBe(b.at(-1)?.acc);
    } finally {
      await pg.close();
      await duck.close();
    }
  });
});
