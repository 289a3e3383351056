import { addMonths } from '../../core/dates.js';
import { ruleVerdict, thresholds } from '../../core/verdict.js';
import { summariseByClass, VERDICT_TENOR } from '../scorecard/score.js';
import { dates, measured } from './evidence.js';
import { type CheckResult, type Evidence, insufficient, pct, type ThesisData } from './types.js';

/**
 * Thesis 5's "macro shorts win, single-name and sector shorts mostly do not", judged only on
 * outcomes estimated from prices (the scorecard's 6-month at-the-money put from each period end;
 * an episode counts once that horizon is inside the data known on the as-of day). The seed's
 * narrative record ("TSLA: loss", "subprime: won big") is the claim being tested, so it is never
 * counted as evidence for it.
 */

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { SHORTS_MIN_SCORED, SINGLE_FAIL_RATE } = thresholds({
  SHORTS_MIN_SCORED: [3, 'episodes', 'a win rate from one or two episodes is 0, 50 or 100 %: three per class is the least that can tell "mostly" apart'],
  SINGLE_FAIL_RATE: [0.5, 'win rate', '"mostly do not win" means a win rate below one half'],
});

export function shortsCheck(d: ThesisData): CheckResult {
  if (!d.scorecard) return insufficient('scorecard not computed');
  const s = summariseByClass(d.scorecard);
  const macro = s.find((c) => c.class === 'macro')!;
  const single = s.find((c) => c.class === 'single-name/sector')!;
  const decided = d.scorecard.filter((e) => e.win !== null);
  const periodEnds = decided.map((e) => e.episode.periodEnd).sort();
  const window = { from: periodEnds[0] ?? d.asOf, to: d.asOf };
  const inputDates = dates(...periodEnds, ...periodEnds.map((p) => addMonths(p, VERDICT_TENOR)));
  const source =
    'short scorecard: estimated 6-month ATM put outcome from the period end (Black–Scholes, realised volatility)';
  const ev = (label: string, value: number | string | null, unit?: string): Evidence =>
    measured({ label, value, ...(unit ? { unit } : {}), source, ...window, inputDates, chart: 'scorecard' });
  const evidence: Evidence[] = [
    ev('macro: priced episodes / estimated wins', `${macro.scored} / ${macro.wins}`),
    ev('single-name/sector: priced episodes / estimated wins', `${single.scored} / ${single.wins}`),
    ev('macro: mean 6-month put outcome', macro.meanPutOutcome, 'payoff/premium − 1'),
    ev('single-name/sector: mean 6-month put outcome', single.meanPutOutcome, 'payoff/premium − 1'),
  ];
  const rate = (c: typeof macro) => (c.winRate === null ? 'n/a' : pct(c.winRate, 0));
  const summary = `estimated put outcomes: macro ${macro.wins} of ${macro.scored} won (${rate(macro)}), single-name/sector ${single.wins} of ${single.scored} (${rate(single)}); the seed's reported record is the claim, not counted`;
  if (macro.scored < SHORTS_MIN_SCORED.value || single.scored < SHORTS_MIN_SCORED.value)
    return insufficient(
      `${summary}: fewer than ${SHORTS_MIN_SCORED.value} priced episodes in a class`,
      evidence,
    );
  const mw = macro.winRate!;
  const sw = single.winRate!;
  // Refutation first: a macro win rate not above single-name/sector refutes whatever the latter's is.
  const status = ruleVerdict(mw > sw && sw < SINGLE_FAIL_RATE.value, mw <= sw);
  return { status, summary, evidence };
}
