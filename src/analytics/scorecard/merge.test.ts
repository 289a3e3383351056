import { describe, expect, it } from 'vitest';
import type { FigureSource, ShortEpisode } from './episodes.js';
import { mergeEpisodes } from './thirteenf.js';

/**
 * mergeEpisodes on literal episodes: which curated row a stored put joins (same filer, symbol
 * and quarter — nothing else), which figures the filing replaces, how provenance follows, and
 * the day the merged episode became public.
 */
const cur: FigureSource = { kind: 'curated', source: 'curated row' };
const fil: FigureSource = { kind: 'filing', source: 'SEC EDGAR 13F accession X (stored)' };

function curated(over: Partial<ShortEpisode> = {}): ShortEpisode {
  return {
    id: 'c',
    cik: 7,
    manager: 'Fund',
    underlying: 'SPDR S&P 500',
    priceSymbol: 'SPY',
    instrument: 'puts',
    periodEnd: '2023-06-30',
    filedDate: '2023-08-15',
    class: 'macro',
    reportedNotionalUsd: 100,
    reportedOutcome: 'loss',
    source: 'curated row',
    knownFrom: '2023-08-15',
    knownFromRule: 'cited filing date',
    origin: 'curated',
    provenance: { narrative: cur, reportedNotionalUsd: cur, filedDate: cur },
    ...over,
  };
}

/** The stored filing's put of the same filer and quarter: its own names, figures and date. */
function stored(over: Partial<ShortEpisode> = {}): ShortEpisode {
  return curated({
    id: 'f',
    manager: 'FUND LP',
    underlying: 'SPDR S&P 500 ETF TR',
    instrument: 'puts (13F)',
    filedDate: '2023-08-14',
    reportedNotionalUsd: 250,
    reportedOutcome: '',
    source: fil.source,
    knownFrom: '2023-08-14',
    knownFromRule: 'filing date',
    origin: 'filing',
    provenance: { narrative: fil, reportedNotionalUsd: fil, filedDate: fil },
    ...over,
  });
}

const ids = (xs: ShortEpisode[]) => xs.map((e) => [e.id, e.origin]);

describe('mergeEpisodes (literal)', () => {
  it('same filer, symbol (any case) and quarter: one episode, the filing figures win, the narrative stays curated', () => {
    const [m, ...rest] = mergeEpisodes([curated({ priceSymbol: 'spy' })], [stored()]);
    expect(rest).toEqual([]);
    expect(m).toEqual({
      ...curated({ priceSymbol: 'spy' }),
      origin: 'curated+filing',
      reportedNotionalUsd: 250,
      filedDate: '2023-08-14',
      knownFrom: '2023-08-14',
      knownFromRule: 'filing date',
      provenance: { narrative: cur, reportedNotionalUsd: fil, filedDate: fil },
      curatedFigures: { reportedNotionalUsd: 100, filedDate: '2023-08-15' },
    });
  });

  it('the curated input is not modified', () => {
    const c = curated();
    mergeEpisodes([c], [stored()]);
    expect(c).toEqual(curated());
  });

  it('a filing without a notional (value 0) keeps the curated notional and its provenance; the filing date still wins', () => {
    const [m] = mergeEpisodes(
      [curated()],
      [
        stored({
          reportedNotionalUsd: null,
          provenance: { narrative: fil, reportedNotionalUsd: null, filedDate: fil },
        }),
      ],
    );
    expect([
      m!.reportedNotionalUsd,
      m!.provenance.reportedNotionalUsd,
      m!.filedDate,
      m!.provenance.filedDate,
    ]).toEqual([100, cur, '2023-08-14', fil]);
  });

  it('public from the earlier day: a tie keeps the cited date and its rule', () => {
    const [tie] = mergeEpisodes([curated({ knownFrom: '2023-08-14' })], [stored()]);
    expect([tie!.knownFrom, tie!.knownFromRule]).toEqual(['2023-08-14', 'cited filing date']);
    const [earlier] = mergeEpisodes([curated({ knownFrom: '2023-08-10' })], [stored()]);
    expect([earlier!.knownFrom, earlier!.knownFromRule]).toEqual(['2023-08-10', 'cited filing date']);
  });

  it('another filer, symbol or quarter stays a separate episode', () => {
    for (const f of [
      stored({ cik: 8 }),
      stored({ priceSymbol: 'QQQ' }),
      stored({ periodEnd: '2023-09-30' }),
    ]) {
      const out = mergeEpisodes([curated()], [f]);
      expect(ids(out)).toEqual([
        ['c', 'curated'],
        ['f', 'filing'],
      ]);
      expect(out[0]).toEqual(curated());
    }
  });

  it('a curated row without a CIK (a manager with no 13F) or without a listed symbol never merges', () => {
    const noCik = mergeEpisodes([curated({ cik: null })], [stored({ cik: null })]);
    expect(ids(noCik)).toEqual([
      ['c', 'curated'],
      ['f', 'filing'],
    ]);
    const noSymbol = mergeEpisodes([curated({ priceSymbol: '' })], [stored({ priceSymbol: '' })]);
    expect(ids(noSymbol)).toEqual([
      ['c', 'curated'],
      ['f', 'filing'],
    ]);
  });

  it('several stored puts: each joins its own curated row or is added, in order', () => {
    const out = mergeEpisodes(
      [curated(), curated({ id: 'q', priceSymbol: 'QQQ', reportedNotionalUsd: 50 })],
      [
        stored({ id: 'f1', priceSymbol: 'QQQ', reportedNotionalUsd: 70 }),
        stored({ id: 'f2', priceSymbol: 'IWM' }),
      ],
    );
    expect(out.map((e) => [e.id, e.origin, e.reportedNotionalUsd])).toEqual([
      ['c', 'curated', 100],
      ['q', 'curated+filing', 70],
      ['f2', 'filing', 250],
    ]);
  });
});
