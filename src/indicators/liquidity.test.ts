import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liquidityStore } from '../../test/fixtures.js';
import { dataFile } from '../../test/shared-data.js';
import { liquidityAsOf, loadLiquidityIndexes } from '../loaders/liquidity.js';
import type { Store } from '../store/store.js';
import { importFredFiles } from '../update/import/fred.js';
import { netLiquidityHistory } from './liquidity.js';

/** Independent reading of one CSV row (not through the parser under test). */
function csvValue(file: string, date: string): number {
  const line = readFileSync(dataFile('fred', file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${date},`));
  if (!line) throw new Error(`${file} has no row ${date}`);
  return Number(line.split(',')[1]);
}

describe('net liquidity on the real FRED files', () => {
  let store: Store;
  beforeAll(async () => {
    store = await liquidityStore();
  });
  afterAll(() => store.close());

  it('hand-check: as of Fri 2025-11-14 = WALCL 6,580,462M − WTREGEN 953,816M − RRP 1.559B', async () => {
    const nl = await liquidityAsOf(store, '2025-11-14');
    expect(nl).toBeDefined();
    expect(nl!).toMatchObject({ fedAssetsDate: '2025-11-12', tgaDate: '2025-11-12', rrpDate: '2025-11-14' });
    expect(nl!.fedAssetsUsd).toBe(6_580_462e6);
    expect(nl!.tgaUsd).toBe(953_816e6);
    expect(nl!.rrpUsd).toBeCloseTo(1.559e9, 0);
    expect(nl!.netLiquidityUsd).toBeCloseTo(5_625_087e6, -3);
  });

  it('PEERS: H.4.1 Wednesday levels are published Thursday afternoon — on Wed 2025-11-12 net liquidity is the week of 2025-11-05, the H.4.1 of that day is not out yet', async () => {
    const nl = (await liquidityAsOf(store, '2025-11-12'))!;
    expect(nl.fedAssetsDate).toBe('2025-11-05');
    expect(nl.fedAssetsUsd).toBe(csvValue('WALCL.csv', '2025-11-05') * 1e6);
    expect(nl.tgaUsd).toBe(csvValue('WTREGEN.csv', '2025-11-05') * 1e6);
    expect(nl.rrpUsd).toBeCloseTo(csvValue('RRPONTSYD.csv', '2025-11-12') * 1e9, 0);
    expect(nl.netLiquidityUsd).toBeCloseTo(5_625_867e6, -3);
  });

  it('4- and 13-week changes compare with the levels current 28 and 91 days earlier', async () => {
    const nl = (await liquidityAsOf(store, '2025-11-14'))!;
    const level = (w: string, r: string) =>
      csvValue('WALCL.csv', w) * 1e6 - csvValue('WTREGEN.csv', w) * 1e6 - csvValue('RRPONTSYD.csv', r) * 1e9;
    const now = level('2025-11-12', '2025-11-14');
    expect(nl.change4wUsd!).toBeCloseTo(now - level('2025-10-15', '2025-10-17'), -3);
    expect(nl.change13wUsd!).toBeCloseTo(now - level('2025-08-13', '2025-08-15'), -3);
  });

  it('before 2013 a missing ON RRP operation counts as 0, with a note', async () => {
    const nl = (await liquidityAsOf(store, '2010-06-03'))!;
    expect(nl.rrpUsd).toBe(0);
    expect(nl.components[2]!.note).toMatch(/counted as 0/);
    expect(nl.netLiquidityUsd).toBe(
      csvValue('WALCL.csv', '2010-06-02') * 1e6 - csvValue('WTREGEN.csv', '2010-06-02') * 1e6,
    );
  });

  it('after the data ends the latest level is returned, flagged stale, without fake changes', async () => {
    const nl = (await liquidityAsOf(store, '2026-11-26'))!;
    expect(nl.stale).toBe(true);
    expect(nl.fedAssetsDate).toBe('2025-11-12');
    expect(nl.change4wUsd).toBeNull();
  });

  it('weekly history: one point per Friday (the risk/ledger grid), each as known that day', async () => {
    const ix = await loadLiquidityIndexes(store);
    const pts = netLiquidityHistory(ix);
    expect(pts[0]!.date).toBe('2007-01-05');
    // The data ends 2025-11-12/14; 11-21 still sees WALCL 11-12 (9 days old, weekly: current),
    // 11-28 would be 16 days old: stale, so no point.
    expect(pts.at(-1)!.date).toBe('2025-11-21');
    expect(pts.every((p) => new Date(`${p.date}T00:00:00Z`).getUTCDay() === 5)).toBe(true);
    const p = pts.find((x) => x.date === '2025-11-14')!;
    expect(p.fedAssetsUsd).toBe(6_580_462e6);
    expect(p.rrpUsd).toBeCloseTo(csvValue('RRPONTSYD.csv', '2025-11-14') * 1e9, 0);
  });

  it('no data before the first publication', async () => {
    expect(await liquidityAsOf(store, '2007-01-03')).toBeUndefined();
  });
});

describe('vintages from two downloads of a revised series (NFCI, revised every week)', () => {
  it('as-of before the second import sees the first download; after, the revision', async () => {
    const store = await liquidityStore();
    const first = await importFredFiles(store, [dataFile('fred/NFCI.csv')], {
      runId: null,
      today: '2025-11-20',
    });
    expect(first[0]).toMatchObject({ status: 'ok', newRows: 984 });
    const second = await importFredFiles(store, [dataFile('fred/fredapi-pandas/NFCI_api.csv')], {
      runId: null,
      today: '2026-03-10',
    });
    expect(second[0]!.revisedRows).toBeGreaterThan(900);
    const before = await store.getObservations('NFCI', {
      from: '2007-01-05',
      to: '2007-01-05',
      asOf: '2026-01-01',
    });
    const after = await store.getObservations('NFCI', { from: '2007-01-05', to: '2007-01-05' });
    expect(before[0]!.value).toBe(-0.64806);
    expect(after[0]).toEqual({ date: '2007-01-05', value: -0.64693, knownFrom: '2026-03-10' });
    await store.close();
  });
});
