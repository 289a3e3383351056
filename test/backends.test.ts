import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { freshSchema, postgresUrl } from './postgres.js';
import { dataFile } from './shared-data.js';

/**
 * The same imports and reports through the real CLI on DuckDB and on PostgreSQL: the answers
 * must be identical (same interface, same numbers).
 */
const pg = postgresUrl();

describe.runIf(pg)('DuckDB and PostgreSQL give the same answers', () => {
  const duck = path.join(mkdtempSync(path.join(tmpdir(), 'tw-backends-')), 'tw.duckdb');
  let pgDb = '';
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const schema = await freshSchema(pg!);
    pgDb = schema.url;
    drop = schema.drop;
    // The curated datasets first, as `import all` and `update` store them (the scorecard reads them).
    const files: Record<string, string[]> = {
      curated: [],
      fred: [
        'WALCL.csv',
        'WTREGEN.csv',
        'RRPONTSYD.csv',
        'sofr3-2021-2026/WRESBAL.csv',
        'sofr3-2021-2026/SOFR.csv',
        'sofr3-2021-2026/IORB.csv',
      ].map((f) => dataFile('fred', f)),
      treasury: [dataFile('treasury/DTS_OpCashBal_20210624_20260623.csv')],
      '13f': [
        'scion_13F-HR_20230630_0000905148-23-000689.txt',
        'scion_13F-HR_20230930_0000905148-23-001400.txt',
      ].map((f) => dataFile('sec/scion', f)),
    };
    for (const db of [duck, pgDb]) {
      for (const [kind, list] of Object.entries(files)) {
        const r = runCli(['import', kind, ...list, '--db', db]);
        if (r.code !== 0)
          throw new Error(
            `import ${kind} into ${db.startsWith('postgres') ? 'PostgreSQL' : 'DuckDB'} failed: ${r.stderr}${r.stdout}`,
          );
      }
    }
  });

  afterAll(() => drop());

  const both = (args: string[]) => {
    const [a, b] = [duck, pgDb].map((db) => runCli([...args, '--json', '--db', db]));
    expect(a!.stderr).toBe('');
    expect(b!.stderr).toBe('');
    return [JSON.parse(a!.stdout), JSON.parse(b!.stdout)];
  };

  it('liquidity as of 2025-11-14', () => {
    const [a, b] = both(['liquidity', '--as-of', '2025-11-14']);
    expect(a.netLiquidityUsd).toBeCloseTo(5_625_087e6, -3);
    expect(b).toEqual(a);
    const [c, d] = both(['liquidity', '--as-of', '2025-04-18', '--tga', 'dts']);
    expect(c.tgaUsd).toBe(638_783e6); // DTS close of Wed 2025-04-16
    expect(d).toEqual(c);
  });

  it('plumbing rows as of 2025-11-14 (reserves, SOFR − IORB, daily TGA from the DTS)', () => {
    const [a, b] = both(['plumbing', '--as-of', '2025-11-14']);
    const reserves = a.rows.find((r: { id: string }) => r.id === 'reserves');
    // WRESBAL 2025-11-12 = 2,855,030 $M in sofr3-2021-2026/WRESBAL.csv.
    expect(reserves).toMatchObject({ date: '2025-11-12', value: 2_855_030e6 });
    expect(b.rows).toEqual(a.rows);
  });

  it('13F holdings of Scion for 2023-06-30 (SPY and QQQ puts)', () => {
    const [a, b] = both(['13f', 'holdings', '--cik', '1649339', '--period', '2023-06-30']);
    expect(JSON.stringify(a)).toContain('886560000');
    expect(b).toEqual(a);
  });

  it('13F watchlist and scorecard as of 2023-08-14 (the filing-date filter in SQL)', () => {
    const [a, b] = both(['13f', 'watchlist', '--as-of', '2023-08-14']);
    expect(a.entries[0].latest.period).toBe('2023-06-30');
    expect(b).toEqual(a);
    const [c, d] = both(['scorecard', '--as-of', '2023-08-14']);
    expect(c.thirteenFPutRows).toBe(2); // SPY and QQQ puts; the 2023-09-30 report was filed later
    expect(d).toEqual(c);
  });
});
