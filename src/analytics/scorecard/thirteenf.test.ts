import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { curatedStore } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { parseThirteenF } from '../../sources/sec/thirteenf/filing.js';
import { normaliseFiling, type ThirteenFFiling } from '../../sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { DuckDb } from '../../store/duckdb.js';
import type { Store } from '../../store/store.js';
import { holdingsReport } from '../thirteenf/service.js';
import { shippedEpisodes } from './episodes.testkit.js';
import { loadEpisodesAsOf } from './report.js';
import { loadThirteenFPutEpisodes, mergeEpisodes } from './thirteenf.js';

/**
 * Issue case 1: the scorecard read 13F puts with its own "latest row per CUSIP" SQL, so a put
 * restated away survived and a NEW HOLDINGS put replaced the original instead of adding to it.
 * It now reads the one holdings function. The base is the real Scion 2023-06-30 filing
 * (0000905148-23-000689: SPY put 886,560,000 for 2,000,000 sh, QQQ put 738,840,000); the
 * amendments below are LITERAL test filings derived from its rows (no such Scion amendment exists).
 */
const SCION = 'scion_13F-HR_20230630_0000905148-23-000689.txt';
const SPY = '78462F103';
const QQQ = '46090E103';
let store: Store;
let base: ThirteenFFiling;

function amendment(
  accession: string,
  filed: string,
  type: 'RESTATEMENT' | 'NEW HOLDINGS',
  holdings: ThirteenFFiling['holdings'],
): ThirteenFFiling {
  return {
    ...base,
    accession,
    form: '13F-HR/A',
    filed,
    cover: { ...base.cover!, isAmendment: true, amendmentType: type, amendmentNo: 1 },
    holdings,
  };
}

const putsOf = async (asOf: string) =>
  (await loadThirteenFPutEpisodes(store.db, asOf)).episodes.map((e) => [
    e.priceSymbol,
    e.reportedNotionalUsd,
  ]);

beforeEach(async () => {
  store = await curatedStore();
  const text = readFileSync(dataFile('sec', 'scion', SCION), 'utf8');
  base = normaliseFiling(parseThirteenF(text, { source: SCION }));
  await saveFiling(store.db, base, contentHash(text));
});
afterEach(async () => {
  await store.close();
});

describe('13F put episodes read through the one holdings function', () => {
  it('absent tables mean "none stored"', async () => {
    const db = await DuckDb.open(':memory:');
    expect(await loadThirteenFPutEpisodes(db, '2026-01-01')).toEqual({ episodes: [], stored: false });
    await db.close();
  });

  it('the real filing: SPY and QQQ puts, public from the filing date 2023-08-14', async () => {
    expect(await putsOf('2023-08-13')).toEqual([]);
    expect(await putsOf('2023-08-14')).toEqual([
      ['SPY', 886_560_000],
      ['QQQ', 738_840_000],
    ]);
    const [spy] = (await loadThirteenFPutEpisodes(store.db, '2023-08-14')).episodes;
    expect([spy?.knownFrom, spy?.origin, spy?.provenance.reportedNotionalUsd?.source]).toEqual([
      '2023-08-14',
      'filing',
      'SEC EDGAR 13F accession 0000905148-23-000689 (stored)',
    ]);
  });

  it('a put restated away is gone from the day the RESTATEMENT is filed (old SQL kept it)', async () => {
    const withoutQqq = base.holdings.filter((h) => !(h.cusip === QQQ && h.putCall === 'Put'));
    await saveFiling(
      store.db,
      amendment('TEST-RESTATE', '2023-09-01', 'RESTATEMENT', withoutQqq),
      'sha-restate',
    );
    expect(await putsOf('2023-08-31')).toEqual([
      ['SPY', 886_560_000],
      ['QQQ', 738_840_000],
    ]);
    expect(await putsOf('2023-09-01')).toEqual([['SPY', 886_560_000]]);
  });

  it('a NEW HOLDINGS put adds to the quarter (old SQL replaced 886.56M by the 221.64M row)', async () => {
    const spyPut = base.holdings.find((h) => h.cusip === SPY && h.putCall === 'Put')!;
    const more = { ...spyPut, line: 1, shares: 500_000, value: 221_640_000, valueUsd: 221_640_000 };
    await saveFiling(store.db, amendment('TEST-NEW', '2023-09-05', 'NEW HOLDINGS', [more]), 'sha-new');
    expect(await putsOf('2023-09-04')).toContainEqual(['SPY', 886_560_000]);
    expect(await putsOf('2023-09-05')).toEqual([
      ['SPY', 886_560_000 + 221_640_000],
      ['QQQ', 738_840_000],
    ]);
    const [spy] = (await loadThirteenFPutEpisodes(store.db, '2023-09-05')).episodes;
    // public since the original: the first filing that reported the position
    expect([spy?.filedDate, spy?.source]).toEqual([
      '2023-08-14',
      'SEC EDGAR 13F accession 0000905148-23-000689 + TEST-NEW (stored)',
    ]);
  });

  it('PEERS: grouping rows by CUSIP merged Put and Call rows into the stock row (edgartools #824) — a put, a call and the shares of one CUSIP stay three positions', async () => {
    const spyPut = base.holdings.find((h) => h.cusip === SPY && h.putCall === 'Put')!;
    const call = { ...spyPut, line: 1, putCall: 'Call' as const, shares: 100_000, valueUsd: 44_328_000 };
    const shares = { ...spyPut, line: 2, putCall: null, shares: 10_000, valueUsd: 4_432_800 };
    await saveFiling(
      store.db,
      amendment('TEST-MIX', '2023-09-05', 'NEW HOLDINGS', [call, shares]),
      'sha-mix',
    );
    expect(await putsOf('2023-09-05')).toEqual([
      ['SPY', 886_560_000],
      ['QQQ', 738_840_000],
    ]);
    const r = await holdingsReport(store, { cik: 1649339, period: '2023-06-30', asOf: '2023-09-05' });
    expect(r.positions.filter((p) => p.cusip === SPY).map((p) => [p.key, p.shares, p.valueUsd])).toEqual([
      [`${SPY}|Put`, 2_000_000, 886_560_000],
      [`${SPY}|Call`, 100_000, 44_328_000],
      [`${SPY}|SH`, 10_000, 4_432_800],
    ]);
    expect(r.exposure.putNotionalUsd).toBe(886_560_000 + 738_840_000);
    expect(r.exposure.callNotionalUsd).toBe(44_328_000);
  });
});

describe('curated episodes merged with stored filings', () => {
  it("a stored filing's notional wins; the curated row keeps its narrative, labelled curated", async () => {
    const spyPut = base.holdings.find((h) => h.cusip === SPY && h.putCall === 'Put')!;
    const more = { ...spyPut, line: 1, shares: 500_000, value: 221_640_000, valueUsd: 221_640_000 };
    await saveFiling(store.db, amendment('TEST-NEW', '2023-09-05', 'NEW HOLDINGS', [more]), 'sha-new');
    const { episodes } = await loadEpisodesAsOf(store, '2023-09-05');
    const spy = episodes.find((e) => e.id === 'scion-spy-2023q2')!;
    expect(spy.reportedNotionalUsd).toBe(1_108_200_000); // curated says 886,560,000
    expect(spy.curatedFigures).toEqual({ reportedNotionalUsd: 886_560_000, filedDate: '2023-08-14' });
    expect(spy.origin).toBe('curated+filing');
    expect(spy.provenance.narrative.kind).toBe('curated');
    expect(spy.provenance.narrative.source).toMatch(/^SEC EDGAR 13F-HR accession 0000905148-23-000689/);
    expect(spy.provenance.reportedNotionalUsd).toEqual({
      kind: 'filing',
      source: 'SEC EDGAR 13F accession 0000905148-23-000689 + TEST-NEW (stored)',
    });
    expect(spy.reportedOutcome).toBe('loss');
    // one episode per filer, symbol and quarter: no 13F duplicate of the curated SPY/QQQ rows
    expect(episodes.filter((e) => e.priceSymbol === 'SPY' && e.periodEnd === '2023-06-30')).toHaveLength(1);
    expect(episodes.filter((e) => e.priceSymbol === 'QQQ' && e.periodEnd === '2023-06-30')).toHaveLength(1);
  });

  it('a curated row stays whole when no stored filing matches, and a put of another filer never merges', () => {
    const curated = shippedEpisodes();
    const other = {
      ...curated.find((e) => e.id === 'scion-spy-2023q2')!,
      id: 'x',
      cik: 1029160,
      origin: 'filing' as const,
    };
    const merged = mergeEpisodes(curated, [{ ...other, reportedNotionalUsd: 1 }]);
    const spy = merged.find((e) => e.id === 'scion-spy-2023q2')!;
    expect([spy.reportedNotionalUsd, spy.origin, spy.provenance.reportedNotionalUsd?.kind]).toEqual([
      886_560_000,
      'curated',
      'curated',
    ]);
    expect(merged.map((e) => e.id)).toContain('x');
  });
});
