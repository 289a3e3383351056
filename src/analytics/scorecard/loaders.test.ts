import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { curatedStore } from '../../../test/fixtures.js';
import { addDays } from '../../core/dates.js';
import { ANY_VALUE } from '../../core/plausibility.js';
import { writePrices } from '../../sources/prices/repository.js';
import type { Holding, ThirteenFFiling } from '../../sources/sec/thirteenf/normalise.js';
import { saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { addToWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import { tableExists } from '../../store/catalog.js';
import { DuckDb } from '../../store/duckdb.js';
import type { Store } from '../../store/store.js';
import { scorecardView } from '../../views/scorecard.js';
import { bsPrice, realisedVol } from '../thirteenf/black-scholes.js';
import { PREMIUM_METHOD } from '../thirteenf/premium.js';
import { shippedEpisodes } from './episodes.testkit.js';
import { loadEpisodesAsOf, loadScorecard, SCORECARD_ASSUMPTIONS } from './report.js';
import { loadThirteenFPutEpisodes, watchedPutQuarters } from './thirteenf.js';

/**
 * The scorecard's store edge on LITERAL inputs (an in-memory store, hand-written 13F filings and
 * closes — no real files): which stored puts become episodes, for which filers, public from
 * when, and the scorecard assembled as of a day. The real Scion filing is in thirteenf.test.ts.
 */

const SCION = 1649339;
const OTHER = 1029160;
const SPY = '78462F103';
const QQQ = '46090E103';
const SOXX = '464287523';

type Row = Pick<Holding, 'cusip' | 'issuer' | 'putCall' | 'valueUsd' | 'shares'>;

function filing(
  accession: string,
  cik: number,
  filer: string | null,
  period: string,
  filed: string,
  rows: Row[],
): ThirteenFFiling {
  return {
    accession,
    cik,
    filerName: filer,
    form: '13F-HR',
    period,
    filed,
    cover: null,
    rows: [],
    source: `literal ${accession}`,
    warnings: [],
    unit: {
      unit: 'usd',
      rule: 'filing-date',
      detail: 'literal',
      sample: 0,
      medianImpliedPrice: null,
      disagreement: null,
    },
    holdings: rows.map((r, i) => ({
      line: i + 1,
      titleOfClass: r.putCall ? r.putCall.toUpperCase() : 'COM',
      figi: null,
      value: r.valueUsd,
      shareType: 'SH',
      discretion: 'SOLE',
      otherManagers: [],
      votingSole: 0,
      votingShared: 0,
      votingNone: 0,
      ...r,
    })),
  };
}

const put = (cusip: string, issuer: string, valueUsd: number): Row => ({
  cusip,
  issuer,
  putCall: 'Put',
  valueUsd,
  shares: 1000,
});

let store: Store;
beforeEach(async () => {
  store = await curatedStore();
  await saveFiling(
    store.db,
    filing('L-1', SCION, 'Scion Asset Management, LLC', '2023-06-30', '2023-08-14', [
      put(SPY, 'SPDR S&P 500 ETF TR', 886_560_000),
      { cusip: SPY, issuer: 'SPDR S&P 500 ETF TR', putCall: null, valueUsd: 4_432_800, shares: 10_000 },
      { cusip: SPY, issuer: 'SPDR S&P 500 ETF TR', putCall: 'Call', valueUsd: 44_328_000, shares: 100_000 },
      put(QQQ, 'INVESCO QQQ TR', 0), // a put reported at value 0: no notional
      put('999999999', 'OBSCURE HOLDINGS INC', 1_000_000), // no ticker known for this CUSIP
    ]),
    'sha-1',
  );
  await saveFiling(
    store.db,
    filing('L-2', OTHER, null, '2023-06-30', '2023-08-10', [put(SOXX, 'ISHARES TR', 5_000_000)]),
    'sha-2',
  );
  await saveFiling(
    store.db,
    filing('L-3', 4242, 'Shares Only LP', '2023-06-30', '2023-08-01', [
      { cusip: SPY, issuer: 'SPDR S&P 500 ETF TR', putCall: null, valueUsd: 1_000, shares: 2 },
    ]),
    'sha-3',
  );
  // A new store watches Scion (seeded by its migration); the user added the two other filers.
  for (const [cik, name] of [
    [OTHER, `CIK ${OTHER}`],
    [4242, 'Shares Only LP'],
  ] as const)
    await addToWatchlist(store.db, { cik, name, note: '' });
});
afterEach(async () => {
  await store.close();
});

const summary = (eps: Awaited<ReturnType<typeof loadThirteenFPutEpisodes>>['episodes']) =>
  eps.map((e) => [
    e.cik,
    e.manager,
    e.priceSymbol,
    e.class,
    e.reportedNotionalUsd,
    e.provenance.reportedNotionalUsd?.kind ?? null,
  ]);

describe('stored 13F puts → episodes (literal filings)', () => {
  it('tableExists: true for a table, false (not an error) for none', async () => {
    expect(await tableExists(store.db, 'sec_13f_rows')).toBe(true);
    expect(await tableExists(store.db, 'no_such_table')).toBe(false);
  });

  it('either 13F table missing means "none stored"', async () => {
    for (const table of ['sec_13f_rows', 'sec_13f_filings']) {
      const db = await DuckDb.open(':memory:');
      await db.run(`CREATE TABLE ${table} (x INTEGER)`);
      expect(await loadThirteenFPutEpisodes(db, '2026-01-01')).toEqual({ episodes: [], stored: false });
      expect(await watchedPutQuarters(db, '2026-01-01')).toBeUndefined();
      await db.close();
    }
  });

  it('tables but no filing public yet: stored, no episodes', async () => {
    expect(await loadThirteenFPutEpisodes(store.db, '2023-07-31')).toEqual({ episodes: [], stored: true });
  });

  it('every watched filer; one episode per put position, each from its own filing day', async () => {
    const { episodes, stored } = await loadThirteenFPutEpisodes(store.db, '2023-08-14');
    expect(stored).toBe(true);
    // filers by CIK; a filer's positions largest first
    expect(summary(episodes)).toEqual([
      [OTHER, `CIK ${OTHER}`, 'SOXX', 'sector', 5_000_000, 'filing'],
      [SCION, 'Scion Asset Management, LLC', 'SPY', 'macro', 886_560_000, 'filing'],
      [SCION, 'Scion Asset Management, LLC', '', 'single-name', 1_000_000, 'filing'],
      [SCION, 'Scion Asset Management, LLC', 'QQQ', 'macro', null, null],
    ]);
    expect(episodes.map((e) => [e.id, e.knownFrom, e.filedDate, e.knownFromRule, e.origin])).toEqual([
      [`13f-${OTHER}-2023-06-30-${SOXX}`, '2023-08-10', '2023-08-10', 'filing date', 'filing'],
      [`13f-${SCION}-2023-06-30-${SPY}`, '2023-08-14', '2023-08-14', 'filing date', 'filing'],
      [`13f-${SCION}-2023-06-30-999999999`, '2023-08-14', '2023-08-14', 'filing date', 'filing'],
      [`13f-${SCION}-2023-06-30-${QQQ}`, '2023-08-14', '2023-08-14', 'filing date', 'filing'],
    ]);
    // the day before Scion's filing only the other filer's put was public
    expect(summary((await loadThirteenFPutEpisodes(store.db, '2023-08-13')).episodes)).toEqual([
      [OTHER, `CIK ${OTHER}`, 'SOXX', 'sector', 5_000_000, 'filing'],
    ]);
  });

  it('the watchlist restricts the read to its filers; a filer with shares only has no put; an empty list reads none', async () => {
    const quarters = await watchedPutQuarters(store.db, '2023-08-14');
    expect(quarters!.map((q) => [q.cik, q.positions.length])).toEqual([
      [4242, 0],
      [OTHER, 1],
      [SCION, 3],
    ]);
    await store.db.run('DELETE FROM sec_watchlist WHERE cik <> $1', [SCION]);
    const { episodes } = await loadThirteenFPutEpisodes(store.db, '2023-08-14');
    expect([...new Set(episodes.map((e) => e.cik))]).toEqual([SCION]);
    expect((await watchedPutQuarters(store.db, '2023-08-14'))!.map((q) => q.cik)).toEqual([SCION]);
    // An emptied list watches no filer (it used to mean every filer): no put is read, and the
    // scorecard says why it has no 13F episode.
    await store.db.run('DELETE FROM sec_watchlist');
    expect(await watchedPutQuarters(store.db, '2023-08-14')).toEqual([]);
    expect(await loadThirteenFPutEpisodes(store.db, '2023-08-14')).toEqual({ episodes: [], stored: true });
    const early = await scorecardView(store, { asOf: '2005-01-01' });
    expect(early.empty).toEqual({
      reason: 'missing-input',
      message:
        "No short episode was public by 2005-01-01, and no watched filer: the 13F watchlist is empty, so no stored filing's puts are read.",
      hint: 'tidewatch 13f watchlist --add CIK',
    });
    const later = await scorecardView(store, { asOf: '2023-08-14' });
    expect([later.data.watchedFilers, later.data.thirteenFPutRows, later.notes.at(-1)?.text]).toEqual([
      0,
      0,
      '13F put positions from stored filings public by 2023-08-14: none read (no watched filer: the 13F watchlist is empty)',
    ]);
  });
});

describe('the scorecard as of a day (literal store)', () => {
  /** SPY closes: 100 days alternating 400/404 up to 2023-06-30 (400), then 440 through 2024-03-10. */
  async function withSpyAndRate() {
    const bars = [];
    for (let k = 99; k >= 0; k--) {
      const close = k % 2 ? 404 : 400;
      bars.push({
        date: addDays('2023-06-30', -k),
        open: null,
        high: null,
        low: null,
        close,
        adjClose: close,
        volume: null,
      });
    }
    for (let d = '2023-07-01'; d <= '2024-03-10'; d = addDays(d, 1)) {
      bars.push({ date: d, open: null, high: null, low: null, close: 440, adjClose: 440, volume: null });
    }
    await writePrices(store.db, {
      file: 'literal',
      format: 'generic',
      symbol: 'SPY',
      closeBasis: 'split+div',
      source: 'literal:SPY',
      bars,
      actions: [],
      dropped: [],
      notes: [],
    });
    await store.upsertSeries({
      id: 'DGS3MO',
      source: 'test',
      title: '3m',
      unit: 'percent',
      sourceUnit: 'percent',
      frequency: 'daily',
    });
    await store.writeObservations(
      'DGS3MO',
      [
        { date: '2023-06-29', value: 5.3, knownFrom: '2023-06-30' },
        // a later revision of the same day, public after the reference day: not used for it
        { date: '2023-06-29', value: 9.9, knownFrom: '2023-07-03' },
      ],
      { sourceUnit: 'percent', revisionKnownFrom: '2023-07-03', rule: ANY_VALUE, origin: 'literal' },
    );
  }

  it('episodes: the curated rows public by then, merged with the stored puts (the filing figures win)', async () => {
    const e = await loadEpisodesAsOf(store, '2023-08-14');
    expect([e.thirteenFStored, e.thirteenFPutRows]).toEqual([true, 4]);
    expect(e.episodes.map((x) => [x.id, x.origin, x.reportedNotionalUsd])).toEqual([
      ['scion-subprime-2005', 'curated', null],
      ['scion-tsla-2021q1', 'curated', null],
      ['scion-arkk-2021q2', 'curated', null],
      ['scion-spy-2023q2', 'curated+filing', 886_560_000],
      // the stored QQQ put has no value: the curated notional stays
      ['scion-qqq-2023q2', 'curated+filing', 738_840_000],
      [`13f-${OTHER}-2023-06-30-${SOXX}`, 'filing', 5_000_000],
      [`13f-${SCION}-2023-06-30-999999999`, 'filing', 1_000_000],
    ]);
    // before any stored filing was public: curated rows only, nothing merged
    const before = await loadEpisodesAsOf(store, '2023-08-09');
    expect([before.thirteenFPutRows, before.episodes.map((x) => x.id)]).toEqual([
      0,
      ['scion-subprime-2005', 'scion-tsla-2021q1', 'scion-arkk-2021q2'],
    ]);
    expect(shippedEpisodes().length).toBe(10);
  });

  it('scored against closes dated ≤ asOf with DGS3MO as known then; outcomes known only after their horizon', async () => {
    await withSpyAndRate();
    const s = await loadScorecard(store, '2024-03-01');
    expect([s.asOf, s.thirteenFStored, s.thirteenFPutRows, s.premiumMethod, s.assumptions]).toEqual([
      '2024-03-01',
      true,
      4,
      PREMIUM_METHOD,
      SCORECARD_ASSUMPTIONS,
    ]);
    const status = Object.fromEntries(s.episodes.map((x) => [x.episode.id, x.status]));
    expect(status).toEqual({
      'scion-subprime-2005': 'no-listed-underlying',
      'scion-tsla-2021q1': 'no-prices',
      'scion-arkk-2021q2': 'no-prices',
      'scion-spy-2023q2': 'scored',
      'scion-qqq-2023q2': 'no-prices',
      'scion-soxx-2023q3': 'no-prices',
      [`13f-${SCION}-2023-06-30-999999999`]: 'no-listed-underlying',
      [`13f-${OTHER}-2023-06-30-${SOXX}`]: 'no-prices',
    });
    const spy = s.episodes.find((x) => x.episode.id === 'scion-spy-2023q2')!;
    const ref = spy.references[0]!;
    expect([spy.priceSource, spy.win, ref.entryPrice, ref.maeWindowEnd]).toEqual([
      'literal:SPY',
      false,
      400,
      '2024-03-01',
    ]);
    expect(ref.moves['6']).toBeCloseTo(0.1, 12);
    expect(ref.moves['12']).toBeNull(); // 2024-06-30 lies after the as-of day
    expect(ref.premium!.rate.value).toBeCloseTo(0.053, 12);
    const vol = realisedVol(
      Array.from({ length: 64 }, (_, i) => ((63 - i) % 2 ? 404 : 400)),
      63,
    )!;
    expect(ref.realisedVol).toBeCloseTo(vol, 12);
    const put6 = bsPrice('Put', { spot: 1, strike: 1, years: 0.5, rate: 0.053, vol });
    expect(ref.puts[1]!.premiumUsd!).toBeCloseTo(886_560_000 * put6, 2);
    // SPY's reported 'loss' counts from 2023-12-30; the subprime 'won big' long before
    expect([spy.reportedOutcomeKnown, spy.episode.reportedOutcome]).toEqual([true, 'loss']);
    const macro = s.summary.find((c) => c.class === 'macro')!;
    expect([
      macro.episodes,
      macro.scored,
      macro.wins,
      macro.winRate,
      macro.reportedWins,
      macro.reportedKnown,
    ]).toEqual([3, 1, 0, 0, 1, 3]);
  });

  it('as of 2023-09-01 the SPY outcome is not yet known and is blanked', async () => {
    await withSpyAndRate();
    const s = await loadScorecard(store, '2023-09-01');
    const spy = s.episodes.find((x) => x.episode.id === 'scion-spy-2023q2')!;
    expect([spy.reportedOutcomeKnown, spy.episode.reportedOutcome, spy.win]).toEqual([false, '', null]);
    expect(spy.references[0]!.maeWindowEnd).toBe('2023-09-01');
    const macro = s.summary.find((c) => c.class === 'macro')!;
    expect([macro.reportedWins, macro.reportedKnown]).toEqual([1, 1]);
  });
});
