import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.js';
import { VintageIndex } from '../../indicators/point-in-time.js';
import { bsPrice, realisedVol } from '../thirteenf/black-scholes.js';
import { PREMIUM_METHOD } from '../thirteenf/premium.js';
import type { ShortEpisode } from './episodes.js';
import { literalEpisode } from './literal-episode.testkit.js';
import {
  type DailyPrices,
  type ScoredEpisode,
  scoreEpisode,
  scoreReference,
  summariseByClass,
} from './score.js';

/**
 * scoreReference / scoreEpisode / summariseByClass on small literal series: the entry, the move
 * windows, the maximum adverse excursion window, the premium inputs (symbol, DGS3MO as known),
 * every status and verdict basis, and what the class summary counts. Figures are either written
 * out by hand (MAE, moves) or recomputed from their definition (premium = Black–Scholes ATM).
 */

const T = '2024-01-31';
const episode = (over: Partial<ShortEpisode> = {}): ShortEpisode => literalEpisode(T, over);

/** Daily closes by date. */
const series = (closes: Record<string, number>, source?: string): DailyPrices => ({
  dates: Object.keys(closes),
  closes: Object.values(closes),
  ...(source === undefined ? {} : { source }),
});

/**
 * 100 daily closes up to `end` alternating 100 / 101 (enough returns for a volatility), then
 * `after` (closes by date). The close on `end` itself is 100.
 */
function withHistory(end: string, after: Record<string, number>, source = 'literal'): DailyPrices {
  const closes: Record<string, number> = {};
  for (let k = 99; k >= 0; k--) closes[addDays(end, -k)] = k % 2 ? 101 : 100;
  return series({ ...closes, ...after }, source);
}

/** Realised volatility of the literal history (the last 63 returns of the alternating series). */
const historyVol = realisedVol(
  Array.from({ length: PREMIUM_METHOD.volReturns + 1 }, (_, i) =>
    (PREMIUM_METHOD.volReturns - i) % 2 ? 101 : 100,
  ),
  PREMIUM_METHOD.volReturns,
)!;

describe('scoreReference: entry and windows (literal)', () => {
  // A close above the entry the day before it: only a window that wrongly reaches back sees it.
  const p = series({
    '2024-01-30': 130,
    [T]: 100,
    '2024-02-29': 90,
    '2024-06-28': 110,
    '2024-09-30': 125,
    '2025-01-31': 105,
    '2025-02-03': 140,
  });

  it('entry = the close on the reference day; moves at 1/3/6/12 months from the close at or before each date', () => {
    const r = scoreReference(p, 'period_end', T, null)!;
    expect([r.reference, r.date, r.entryDate, r.entryPrice]).toEqual(['period_end', T, T, 100]);
    // 1 m → 2024-02-29 (90), 3 m → 2024-04-30 (last close 2024-02-29: 90), 6 m → 2024-07-31 (110), 12 m → 2025-01-31 (105)
    expect(r.moves['1']).toBeCloseTo(-0.1, 12);
    expect(r.moves['3']).toBeCloseTo(-0.1, 12);
    expect(r.moves['6']).toBeCloseTo(0.1, 12);
    expect(r.moves['12']).toBeCloseTo(0.05, 12);
  });

  it('MAE: the highest close after the entry up to entry + 12 months, never before the entry nor after the window', () => {
    const r = scoreReference(p, 'period_end', T, null)!;
    expect(r.maeWindowEnd).toBe('2025-01-31');
    expect(r.maxAdverseExcursion).toBeCloseTo(0.25, 12);
  });

  it('MAE: a peak on the last day of the window counts; the day after does not', () => {
    const edge = series({ [T]: 100, '2024-06-28': 120, '2025-01-31': 150, '2025-02-01': 170 });
    expect(scoreReference(edge, 'period_end', T, null)!.maxAdverseExcursion).toBeCloseTo(0.5, 12);
  });

  it('MAE is 0 when the underlying never rose above the entry', () => {
    const down = series({ '2024-01-30': 130, [T]: 100, '2024-03-01': 95, '2024-08-01': 80 });
    expect(scoreReference(down, 'period_end', T, null)!.maxAdverseExcursion).toBe(0);
  });

  it('data ending before 12 months: the MAE window stops at the last close and the later moves are null (not −100 %)', () => {
    const short = series({ [T]: 100, '2024-03-15': 120, '2024-04-10': 80 });
    const r = scoreReference(short, 'period_end', T, null)!;
    expect(r.maeWindowEnd).toBe('2024-04-10');
    expect(r.maxAdverseExcursion).toBeCloseTo(0.2, 12);
    expect(r.moves).toEqual({ '1': 0, '3': null, '6': null, '12': null });
    // the 3-month date itself (2024-04-30) is not reached: a horizon counts only when the data does
    expect(r.puts.map((x) => x.payoffPct)).toEqual([null, null, null]);
  });

  it('no close on or before the reference day → null; a reference on the first close is scored', () => {
    expect(scoreReference(p, 'period_end', '2024-01-29', null)).toBeNull();
    const first = scoreReference(p, 'filed', '2024-01-30', null)!;
    expect([first.reference, first.entryDate, first.entryPrice]).toEqual(['filed', '2024-01-30', 130]);
    // a weekend reference takes the close before it
    expect(scoreReference(p, 'period_end', '2024-02-03', null)!.entryDate).toBe(T);
  });
});

describe('scoreReference: the put estimate (literal)', () => {
  const fall = withHistory(T, { '2024-04-30': 95, '2024-07-31': 90, '2025-01-31': 80 });

  it('premium = Black–Scholes ATM at the realised volatility; payoff = max(1 − close/entry, 0); outcome = payoff ÷ premium − 1', () => {
    const r = scoreReference(fall, 'period_end', T, 2e6, { symbol: 'XYZ' })!;
    expect(r.realisedVol).toBeCloseTo(historyVol, 12);
    expect(r.realisedVol).toBeGreaterThan(0.1);
    expect(r.premiumNote).toBeNull();
    expect(r.premium!.rate).toEqual({
      value: 0.04,
      date: null,
      source: 'fixed 4.00% (DGS3MO not stored for 2024-01-31)',
    });
    const payoffs = { 3: 0.05, 6: 0.1, 12: 0.2 } as Record<number, number>;
    expect(r.puts.map((x) => x.tenorMonths)).toEqual([3, 6, 12]);
    for (const put of r.puts) {
      const want = bsPrice('Put', {
        spot: 1,
        strike: 1,
        years: put.tenorMonths / 12,
        rate: 0.04,
        vol: historyVol,
      });
      expect(put.premiumPct).toBeCloseTo(want, 12);
      expect(put.premiumUsd!).toBeCloseTo(2e6 * want, 4);
      expect(put.payoffPct!).toBeCloseTo(payoffs[put.tenorMonths]!, 12);
      expect(put.outcome!).toBeCloseTo(payoffs[put.tenorMonths]! / want - 1, 9);
    }
  });

  it('a rise pays nothing: payoff 0, outcome −1 (the premium lost)', () => {
    const up = withHistory(T, { '2024-07-31': 120 });
    const put6 = scoreReference(up, 'period_end', T, null)!.puts.find((x) => x.tenorMonths === 6)!;
    expect([put6.payoffPct, put6.outcome, put6.premiumUsd]).toEqual([0, -1, null]);
  });

  it('the rate is DGS3MO as known on the reference day when given, else the stated 4 %', () => {
    const rates = new VintageIndex([
      { date: '2024-01-30', value: 5.2, knownFrom: '2024-01-31' },
      // published after the reference day: never used for it
      { date: '2024-01-31', value: 9, knownFrom: '2024-02-01' },
    ]);
    const r = scoreReference(fall, 'period_end', T, null, { rates, symbol: 'XYZ' })!;
    expect(r.premium!.rate.value).toBeCloseTo(0.052, 15);
    expect(r.premium!.rate.date).toBe('2024-01-30');
    const want = bsPrice('Put', { spot: 1, strike: 1, years: 0.5, rate: 0.052, vol: historyVol });
    expect(r.puts[1]!.premiumPct).toBeCloseTo(want, 12);
    expect(scoreReference(fall, 'period_end', T, null, { rates: null })!.premium!.rate.value).toBe(0.04);
  });

  it('too little history: no premium, the reason names the symbol; premium figures NaN/null, outcomes null', () => {
    const thin = series({ '2024-01-29': 100, '2024-01-30': 101, [T]: 100, '2024-07-31': 80 });
    const r = scoreReference(thin, 'period_end', T, 1e6, { symbol: 'XYZ' })!;
    expect(r.premium).toBeNull();
    expect(r.premiumNote).toBe(
      'only 2 daily returns of XYZ up to 2024-01-31; 63 needed: premium not estimated',
    );
    expect(Number.isNaN(r.realisedVol)).toBe(true);
    const put6 = r.puts.find((x) => x.tenorMonths === 6)!;
    expect(Number.isNaN(put6.premiumPct)).toBe(true);
    expect([put6.premiumUsd, put6.outcome]).toEqual([null, null]);
    expect(put6.payoffPct!).toBeCloseTo(0.2, 12);
    // without a symbol the note speaks of "the underlying"
    expect(scoreReference(thin, 'period_end', T, null)!.premiumNote).toMatch(
      /returns of the underlying up to/,
    );
  });
});

describe('scoreEpisode: statuses and verdict basis (literal)', () => {
  const asOf = '2030-01-01';
  const fall = withHistory(T, { '2024-07-31': 80 }, 'literal closes');
  /** What an unscored episode says: its status, price source, references, win and basis. */
  const unscored = (s: ReturnType<typeof scoreEpisode>) => [
    s.status,
    s.priceSource,
    s.references,
    s.win,
    s.verdictBasis,
  ];

  it('no price symbol: reported outcome only, even when prices are passed', () => {
    const s = scoreEpisode(episode({ priceSymbol: '' }), fall, { asOf });
    expect(unscored(s)).toEqual(['no-listed-underlying', null, [], null, 'reported outcome only']);
  });

  it('no prices, or an empty series: no-prices, naming the symbol', () => {
    for (const p of [undefined, series({})]) {
      const s = scoreEpisode(episode(), p, { asOf });
      expect(unscored(s)).toEqual(['no-prices', null, [], null, 'no prices stored for XYZ']);
    }
  });

  it('prices starting after the period end: no-prices with their source; the filing-day view is still given', () => {
    const late = series({ '2024-02-15': 100, '2024-03-20': 90 }, 'late closes');
    const s = scoreEpisode(episode({ filedDate: '2024-03-15' }), late, { asOf });
    expect([s.status, s.priceSource, s.win, s.verdictBasis]).toEqual([
      'no-prices',
      'late closes',
      null,
      `prices for XYZ start after ${T}`,
    ]);
    expect(s.references.map((r) => [r.reference, r.date, r.entryDate])).toEqual([
      ['filed', '2024-03-15', '2024-02-15'],
    ]);
    // filed before the first close too: no view at all
    expect(scoreEpisode(episode({ filedDate: '2024-02-10' }), late, { asOf }).references).toEqual([]);
  });

  it('scored: the period-end view decides, the filing-day view is added; the price source is kept', () => {
    const s = scoreEpisode(episode({ filedDate: '2024-02-05', reportedNotionalUsd: 1e6 }), fall, { asOf });
    expect([s.status, s.priceSource, s.win]).toEqual(['scored', 'literal closes', true]);
    expect(s.verdictBasis).toBe(`6-month ATM put from period end ${T}`);
    expect(s.references.map((r) => [r.reference, r.date, r.entryDate])).toEqual([
      ['period_end', T, T],
      ['filed', '2024-02-05', T],
    ]);
    // the premium is estimated on the episode's own symbol and with the given rates
    const rates = new VintageIndex([{ date: '2024-01-30', value: 5, knownFrom: '2024-01-31' }]);
    const r = scoreEpisode(episode(), fall, { asOf, rates }).references[0]!;
    expect(r.premium!.rate.value).toBe(0.05);
    expect(r.premium!.vol.source).toBe('literal closes');
    const unsourced = scoreEpisode(episode(), { dates: fall.dates, closes: fall.closes }, { asOf });
    expect(unsourced.priceSource).toBeNull();
  });

  it('no premium but a known payoff: says why there is no verdict (not "pending")', () => {
    const thin = series({ '2024-01-30': 101, [T]: 100, '2024-07-31': 80 });
    const s = scoreEpisode(episode(), thin, { asOf });
    expect([s.status, s.win]).toEqual(['scored', null]);
    expect(s.verdictBasis).toBe(
      `no premium estimate at ${T}: only 1 daily returns of XYZ up to ${T}; 63 needed: premium not estimated`,
    );
  });
});

describe('summariseByClass: what counts (literal)', () => {
  const asOf = '2030-01-01';
  const fall = withHistory(T, { '2024-07-31': 80 });
  const rise = withHistory(T, { '2024-07-31': 110 });
  const pending = withHistory(T, { '2024-05-31': 90 });

  it('mean 6-month move over the episodes that have one: reported-only and pending episodes are left out', () => {
    const scored = [
      scoreEpisode(episode({ id: 'a', class: 'sector' }), fall, { asOf }),
      scoreEpisode(episode({ id: 'b', class: 'sector' }), rise, { asOf }),
      scoreEpisode(episode({ id: 'c', class: 'sector' }), pending, { asOf }),
      scoreEpisode(episode({ id: 'd', class: 'sector', priceSymbol: '' }), undefined, { asOf }),
    ];
    const sector = summariseByClass(scored).find((c) => c.class === 'sector')!;
    expect([sector.episodes, sector.scored, sector.wins]).toEqual([4, 2, 1]);
    expect(sector.meanMove6m).toBeCloseTo((-0.2 + 0.1) / 2, 12);
    const put6 = (s: ScoredEpisode) => s.references[0]!.puts.find((x) => x.tenorMonths === 6)!.outcome!;
    expect(sector.meanPutOutcome).toBeCloseTo((put6(scored[0]!) + -1) / 2, 12);
  });

  it('a reported outcome counts only when it was known by the as-of day AND says something', () => {
    const base = scoreEpisode(episode({ class: 'macro', priceSymbol: '' }), undefined, { asOf });
    const with_ = (reportedOutcome: string, reportedOutcomeKnown: boolean): ScoredEpisode => ({
      ...base,
      episode: { ...base.episode, reportedOutcome },
      reportedOutcomeKnown,
    });
    const macro = (rows: ScoredEpisode[]) => {
      const m = summariseByClass(rows).find((c) => c.class === 'macro')!;
      return [m.reportedWins, m.reportedKnown];
    };
    expect(macro([with_('won', true)])).toEqual([1, 1]);
    expect(macro([with_('won', false)])).toEqual([0, 0]);
    expect(macro([with_('', true)])).toEqual([0, 0]);
    expect(macro([with_('loss', true)])).toEqual([0, 1]);
  });
});
