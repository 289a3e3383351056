import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import { withStore } from '../../../store/memory.testkit.js';
import { importPriceFiles } from '../../../update/import/prices.js';
import { importDataSetZip } from './bulk.js';
import { storeResolver } from './cusip-store.js';
import { dataSetOf, realDataSetFilings, realMeta, writeZip } from './data-set.testkit.js';
import { listFilings } from './repository.js';
import { normaliseWithStoredPrices } from './stored-prices.js';
import { decideUnit, UNIT_RULES, type UnitEvidence, unitCaseSql } from './unit-rule.js';

/**
 * One value-unit rule, two evaluators: the TypeScript one (value-unit.ts, a single parsed filing)
 * and the SQL one (bulk.ts, a quarterly data set). Every real filing in shared/data/sec goes
 * through both — as parsed, and as the rows of a data set built from it with the official
 * columns — and must get the same unit from the same rule.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-unit-rule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bothPaths(withPrices: boolean) {
  return withStore(async (store) => {
    if (withPrices) {
      await importPriceFiles(store, [
        dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
        dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
        dataFile('prices', 'yf-autoadj-ohlcv', 'GLD.csv'),
      ]);
      for (const [cusip, ticker] of [
        ['78462F103', 'SPY'],
        ['46090E103', 'QQQ'],
        ['78463V107', 'GLD'],
      ])
        await store.db.run(
          "INSERT INTO sec_cusip_map VALUES ($1, $2, NULL, 'user', TIMESTAMP '2026-01-01 00:00:00')",
          [cusip!, ticker!],
        );
    }
    const filings = realDataSetFilings();
    const resolver = await storeResolver(store.db);
    const ts = new Map<string, [string, string]>();
    for (const f of filings) {
      const n = await normaliseWithStoredPrices(store.db, f.parsed, resolver);
      ts.set(f.accession, [n.unit.unit, n.unit.rule]);
    }
    const zip = path.join(dir, `real-${withPrices}.zip`);
    writeZip(zip, dataSetOf(realMeta(), filings));
    const r = await importDataSetZip(store.db, zip);
    expect(r.filings).toBe(filings.length);
    const sql = new Map((await listFilings(store.db)).map((f) => [f.accession, [f.value_unit, f.unit_rule]]));
    return { filings, ts, sql };
  });
}

describe('value-unit rule: TypeScript (one filing) and SQL (data set) agree on every real filing', () => {
  it('PEERS: 13F values moved from thousands to dollars but some filers kept thousands (edgartools #749) — without stored prices: 26 real filings, same unit and rule, and the known cases are right', async () => {
    const { filings, ts, sql } = await bothPaths(false);
    expect(filings.length).toBe(26);
    for (const f of filings)
      expect([f.accession, ...sql.get(f.accession)!]).toEqual([f.accession, ...ts.get(f.accession)!]);
    // PEERS.md: Renaissance 2023-09-30 filed after the switch is still thousands (implied price)
    expect(ts.get('0001037389-23-000124')).toEqual(['usd_thousands', 'implied-price']);
    // Scion 2022-06-30 has one row: the minimum-sample rule leaves it to the filing date
    expect(ts.get('0001567619-22-015999')).toEqual(['usd_thousands', 'filing-date']);
    // Scion 2022-12-31, filed 2023-02-14: dollars
    expect(ts.get('0000905148-23-000213')).toEqual(['usd', 'implied-price']);
  });

  it('with stored SPY, QQQ and GLD prices the price-check rule is reached on both paths alike', async () => {
    const { filings, ts, sql } = await bothPaths(true);
    for (const f of filings)
      expect([f.accession, ...sql.get(f.accession)!]).toEqual([f.accession, ...ts.get(f.accession)!]);
    const byPrice = [...ts.entries()].filter(([, v]) => v[1] === 'price-check').map(([k]) => k);
    expect(byPrice).toContain('0000905148-23-000689'); // Scion 2023-06-30: SPY and QQQ puts
  });
});

describe('the rule as data', () => {
  const ev = (x: Partial<UnitEvidence>): UnitEvidence => ({
    priced: 0,
    pxUsd: 0,
    pxK: 0,
    n: 0,
    med: null,
    date: '2022-01-01',
    ...x,
  });

  it('every clause is reachable, in order', () => {
    const seen = [
      decideUnit(ev({ priced: 5, pxUsd: 4 })),
      decideUnit(ev({ priced: 5, pxK: 4 })),
      decideUnit(ev({ n: 5, med: 0.49 })),
      decideUnit(ev({ n: 5, med: 2.01 })),
      decideUnit(ev({ date: '2023-01-03' })),
      decideUnit(ev({ n: 4, med: 0.01 })),
    ];
    expect(seen).toEqual(UNIT_RULES.map((c) => ({ rule: c.rule, unit: c.unit })));
    // boundaries: 80 % agreement is enough, 79 % is not; the thresholds themselves abstain
    expect(decideUnit(ev({ priced: 10, pxUsd: 7, n: 5, med: 0.1 })).rule).toBe('implied-price');
    expect(decideUnit(ev({ n: 5, med: 0.5 })).rule).toBe('filing-date');
    expect(decideUnit(ev({ n: 5, med: 2 })).rule).toBe('filing-date');
    expect(decideUnit(ev({ date: '2023-01-02' })).unit).toBe('usd_thousands');
  });

  it('compiles to one CASE per output, clause by clause in the same order', () => {
    const col = { priced: 'p', pxUsd: 'u', pxK: 'k', n: 'n', med: 'm', date: 'd' };
    const { unit, rule } = unitCaseSql(col);
    expect(unit).toBe(
      "CASE WHEN p > 0 AND u >= 0.8 * p THEN 'usd' WHEN p > 0 AND k >= 0.8 * p THEN 'usd_thousands' " +
        "WHEN n >= 5 AND m < 0.5 THEN 'usd_thousands' WHEN n >= 5 AND m > 2 THEN 'usd' " +
        "WHEN d >= DATE '2023-01-03' THEN 'usd' WHEN TRUE THEN 'usd_thousands' END",
    );
    expect(rule).toContain("WHEN n >= 5 AND m < 0.5 THEN 'implied-price'");
  });
});
