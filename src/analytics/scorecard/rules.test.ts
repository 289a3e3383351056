import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../core/dates.js';
import { classifySymbol, knownEpisodesOf, type ShortEpisode } from './episodes.js';
import { LITERAL_SOURCE, literalEpisode } from './literal-episode.testkit.js';
import {
  CLASS_GROUPS,
  type DailyPrices,
  isWin,
  putOutcome,
  REPORTED_WIN,
  reportedOutcomeKnown,
  type ScoredEpisode,
  scoreEpisode,
  summariseByClass,
  VERDICT_TENOR,
} from './score.js';
import { mergeEpisodes } from './thirteenf.js';

/**
 * Issue case 6: the scorecard's win/loss rule, verdict tenor, class split and as-of rules pinned
 * at their boundaries, so moving any threshold fails a test. Small literal cases: a synthetic
 * daily series (±1 % alternating before the period end, for a realised volatility of ~16 %) with
 * the level after the period end set per case.
 */
const P = '2021-06-30';
const src = LITERAL_SOURCE;

function episode(over: Partial<ShortEpisode> = {}): ShortEpisode {
  return literalEpisode(P, {
    priceSymbol: 'TEST',
    reportedNotionalUsd: 1e6,
    provenance: { narrative: src, reportedNotionalUsd: src, filedDate: null },
    ...over,
  });
}

/** Daily closes from P − 100 days to `end`; after P the level is `after(monthsSinceP)` × 100. */
function prices(after: (date: string) => number, end = addMonths(P, 13)): DailyPrices {
  const dates: string[] = [];
  const closes: number[] = [];
  for (let d = addDays(P, -100), i = 0; d <= end; d = addDays(d, 1), i++) {
    dates.push(d);
    closes.push(d <= P ? 100 * (i % 2 ? 1.01 : 1) : 100 * after(d));
  }
  // the period-end close is the entry: make it exactly 100
  closes[dates.indexOf(P)] = 100;
  return { dates, closes, source: 'literal' };
}

const at6 = addMonths(P, VERDICT_TENOR);
/** The 6-month ATM premium as a fraction of spot for the literal series (same for every case). */
const premium6 = (() => {
  const s = scoreEpisode(
    episode(),
    prices(() => 1),
    { asOf: '2030-01-01' },
  );
  return s.references[0]!.puts.find((p) => p.tenorMonths === VERDICT_TENOR)!.premiumPct;
})();

/** A series whose close on the 6-month date pays `k` × the premium (flat at 1 elsewhere). */
const paying = (k: number) => prices((d) => (d >= at6 ? 1 - k * premium6 : 1));

describe('win/loss rule (literal)', () => {
  it('outcome = payoff ÷ premium − 1; a put wins only when the outcome is above 0', () => {
    expect(putOutcome(0.05, 0.05)).toBe(0);
    expect(isWin(0)).toBe(false);
    expect(isWin(1e-12)).toBe(true);
    expect(isWin(-1e-12)).toBe(false);
    expect(isWin(null)).toBeNull();
    expect(putOutcome(0.06, 0.04)).toBeCloseTo(0.5, 12);
    expect(putOutcome(0, 0.04)).toBe(-1);
    expect(putOutcome(null, 0.04)).toBeNull();
    expect(putOutcome(0.1, 0)).toBeNull();
    expect(putOutcome(0.1, Number.NaN)).toBeNull();
  });

  it('on prices: paying 1 % more than the premium is a win, 1 % less a loss', () => {
    expect(premium6).toBeGreaterThan(0.03);
    expect(premium6).toBeLessThan(0.06);
    const win = scoreEpisode(episode(), paying(1.01), { asOf: '2030-01-01' });
    const loss = scoreEpisode(episode(), paying(0.99), { asOf: '2030-01-01' });
    expect([win.status, win.win]).toEqual(['scored', true]);
    expect(win.references[0]!.puts.find((p) => p.tenorMonths === 6)!.outcome).toBeCloseTo(0.01, 6);
    expect([loss.status, loss.win]).toEqual(['scored', false]);
    expect(loss.references[0]!.puts.find((p) => p.tenorMonths === 6)!.outcome).toBeCloseTo(-0.01, 6);
  });

  it('the 6-month put decides, not the 3- or 12-month one', () => {
    expect(VERDICT_TENOR).toBe(6);
    // deep fall at 3 and 12 months, back to the entry at 6 months
    const at3 = addMonths(P, 3);
    const at12 = addMonths(P, 12);
    const p = prices((d) => (d >= at3 && d < at6 ? 0.5 : d >= at12 ? 0.5 : 1));
    const s = scoreEpisode(episode(), p, { asOf: '2030-01-01' });
    const out = (m: number) => s.references[0]!.puts.find((x) => x.tenorMonths === m)!.outcome!;
    expect(out(3)).toBeGreaterThan(0);
    expect(out(12)).toBeGreaterThan(0);
    expect(out(6)).toBe(-1);
    expect(s.win).toBe(false);
  });

  it('pending until the prices reach the 6-month date (that day included)', () => {
    const reach = scoreEpisode(
      episode(),
      prices(() => 0.5, at6),
      { asOf: '2030-01-01' },
    );
    expect([reach.win, reach.verdictBasis]).toEqual([true, `6-month ATM put from period end ${P}`]);
    const short = scoreEpisode(
      episode(),
      prices(() => 0.5, addDays(at6, -1)),
      { asOf: '2030-01-01' },
    );
    expect([short.status, short.win, short.verdictBasis]).toEqual([
      'scored',
      null,
      `pending: 6-month window from ${P} not in the data yet`,
    ]);
  });
});

describe('class split (literal)', () => {
  it('symbols: index/broad ETFs macro, industry ETFs sector, anything else single-name', () => {
    expect(['SPY', 'qqq', '^GSPC', 'TLT'].map(classifySymbol)).toEqual(['macro', 'macro', 'macro', 'macro']);
    expect(['SOXX', 'arkk', 'KWEB'].map(classifySymbol)).toEqual(['sector', 'sector', 'sector']);
    expect(['PLTR', 'NVDA', 'SPYX'].map(classifySymbol)).toEqual([
      'single-name',
      'single-name',
      'single-name',
    ]);
  });

  it('macro alone against single-name + sector pooled; each side counted once', () => {
    expect(CLASS_GROUPS.map(([name]) => name)).toEqual([
      'macro',
      'single-name/sector',
      'single-name',
      'sector',
    ]);
    const flat = prices(() => 1);
    const falls = prices((d) => (d >= at6 ? 0.7 : 1));
    const scored = [
      scoreEpisode(episode({ id: 'm1', class: 'macro' }), falls, { asOf: '2030-01-01' }),
      scoreEpisode(episode({ id: 'm2', class: 'macro' }), flat, { asOf: '2030-01-01' }),
      scoreEpisode(episode({ id: 's1', class: 'single-name' }), flat, { asOf: '2030-01-01' }),
      scoreEpisode(episode({ id: 'x1', class: 'sector' }), falls, { asOf: '2030-01-01' }),
      scoreEpisode(episode({ id: 'x2', class: 'sector', priceSymbol: '' }), undefined, {
        asOf: '2030-01-01',
      }),
    ];
    const by = new Map(summariseByClass(scored).map((c) => [c.class, c]));
    const row = (c: string) => {
      const x = by.get(c as never)!;
      return [x.episodes, x.scored, x.wins, x.winRate];
    };
    expect(row('macro')).toEqual([2, 2, 1, 0.5]);
    expect(row('single-name/sector')).toEqual([3, 2, 1, 0.5]);
    expect(row('single-name')).toEqual([1, 1, 0, 0]);
    expect(row('sector')).toEqual([2, 1, 1, 1]);
    // means over the decided episodes: the flat one lost its premium (−1)
    const m = by.get('macro')!;
    expect(m.meanPutOutcome).toBeCloseTo((0.3 / premium6 - 1 + -1) / 2, 9);
    expect(m.meanMove6m).toBeCloseTo((-0.3 + 0) / 2, 9);
    expect(summariseByClass([]).every((c) => c.winRate === null && c.meanPutOutcome === null)).toBe(true);
  });
});

describe('as of a day (literal)', () => {
  it('an episode counts from its knownFrom day (that day included)', () => {
    const e = [episode({ id: 'a', knownFrom: '2021-08-14' })];
    expect(knownEpisodesOf(e, '2021-08-13')).toEqual([]);
    expect(knownEpisodesOf(e, '2021-08-14').map((x) => x.id)).toEqual(['a']);
  });

  it('a reported outcome counts from period end + 6 months: blanked and not counted before', () => {
    const e = episode({ class: 'macro', priceSymbol: '', reportedOutcome: 'won big' });
    expect(reportedOutcomeKnown(e, addDays(at6, -1))).toBe(false);
    expect(reportedOutcomeKnown(e, at6)).toBe(true);
    expect(reportedOutcomeKnown({ ...e, reportedOutcome: '' }, '2030-01-01')).toBe(false);
    const before = scoreEpisode(e, undefined, { asOf: addDays(at6, -1) });
    const after = scoreEpisode(e, undefined, { asOf: at6 });
    expect([before.reportedOutcomeKnown, before.episode.reportedOutcome]).toEqual([false, '']);
    expect([after.reportedOutcomeKnown, after.episode.reportedOutcome]).toEqual([true, 'won big']);
    const count = (s: ScoredEpisode) => {
      const macro = summariseByClass([s]).find((c) => c.class === 'macro')!;
      return [macro.reportedWins, macro.reportedKnown];
    };
    expect(count(before)).toEqual([0, 0]);
    expect(count(after)).toEqual([1, 1]);
  });

  it("reported wins: outcomes that say 'won', nothing else", () => {
    expect(['won big', 'Won', 'won'].every((x) => REPORTED_WIN.test(x))).toBe(true);
    expect(['loss', 'small loss', 'failed', 'wonky', ''].some((x) => REPORTED_WIN.test(x))).toBe(false);
  });

  it('a merged episode is public from the earlier of the filing and the cited date', () => {
    const acc = { kind: 'filing', source: 'acc' } as const;
    const curated = episode({
      id: 'c',
      priceSymbol: 'SPY',
      knownFrom: '2023-08-15',
      filedDate: '2023-08-15',
    });
    const filing = episode({
      id: 'f',
      priceSymbol: 'SPY',
      knownFrom: '2023-08-14',
      filedDate: '2023-08-14',
      knownFromRule: 'filing date',
      origin: 'filing',
      provenance: { narrative: acc, reportedNotionalUsd: acc, filedDate: acc },
      reportedNotionalUsd: 2e6,
    });
    const [m] = mergeEpisodes([curated], [filing]);
    expect([m!.id, m!.knownFrom, m!.filedDate, m!.reportedNotionalUsd, m!.origin]).toEqual([
      'c',
      '2023-08-14',
      '2023-08-14',
      2e6,
      'curated+filing',
    ]);
    const [n] = mergeEpisodes([{ ...curated, knownFrom: '2023-08-13' }], [filing]);
    expect(n!.knownFrom).toBe('2023-08-13');
  });
});
