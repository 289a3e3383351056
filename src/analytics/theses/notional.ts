import { daysBetween } from '../../core/dates.js';
import { formatUsd } from '../../core/format.js';
import { ruleVerdict, thresholds } from '../../core/verdict.js';
import { dates, measured } from './evidence.js';
import { closeAt } from './series-tools.js';
import { type CheckResult, type Evidence, insufficient, type ThesisData } from './types.js';

/**
 * Thesis 5's "13F option rows report notional, not premium", tested on the filings themselves:
 * a put row's value against shares × the underlying's close on the period end. A notional row
 * matches that product; a premium would be a small fraction of it.
 */

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { NOTIONAL_MATCH_TOLERANCE, PREMIUM_LIKE_MAX_RATIO, NOTIONAL_MIN_ROWS } = thresholds({
  NOTIONAL_MATCH_TOLERANCE: [0.05, 'fraction', 'filers value rows at the period-end price; stored closes may include later dividends (SPY: about 1.3 % a year), so within 5 % is the same number'],
  PREMIUM_LIKE_MAX_RATIO: [0.3, 'value ÷ (shares × close)', 'an at-the-money 12-month put on a stock with 60 % volatility costs about 22 % of spot (Black–Scholes): a value under 30 % of shares × price is what a premium looks like'],
  NOTIONAL_MIN_ROWS: [2, 'rows', "one row can be a filer's own convention; two priced rows show the form's"],
});
/** The close used must be from the period-end week (a quarter end can fall on a weekend or holiday). */
const PERIOD_END_CLOSE_MAX_AGE = 5;

export function notionalCheck(d: ThesisData): CheckResult {
  const rows = (d.thirteenFPuts ?? []).filter((r) => r.filed <= d.asOf && r.shares > 0);
  const priced = rows.flatMap((r) => {
    const merged = r.symbol ? closeAt(d.prices[r.symbol], r.period) : undefined;
    const c =
      r.periodClose ??
      (merged && {
        ...merged,
        source: d.prices[r.symbol]?.source ?? `${r.symbol} closes`,
        basis: 'merged adjusted closes (split+div)',
      });
    if (!c || c.date > r.period || daysBetween(c.date, r.period) > PERIOD_END_CLOSE_MAX_AGE) return [];
    return [{ row: r, close: c, ratio: r.valueUsd / (r.shares * c.close) }];
  });
  const evidence: Evidence[] = priced.map((p) =>
    measured({
      label: `${p.row.filer} ${p.row.symbol} put, period ${p.row.period}: value ÷ (shares × close)`,
      value: Number(p.ratio.toFixed(4)),
      unit: 'ratio',
      source: `SEC 13F accession ${p.row.accession} (${formatUsd(p.row.valueUsd)} for ${p.row.shares} sh); ${p.row.symbol} close ${p.close.close.toFixed(2)} on ${p.close.date} (${p.close.source}, ${p.close.basis})`,
      from: p.close.date,
      to: p.row.filed,
      inputDates: dates(p.close.date, p.row.filed),
      chart: 'scorecard',
    }),
  );
  const unpriced = rows.length - priced.length;
  const notional = priced.filter((p) => Math.abs(p.ratio - 1) <= NOTIONAL_MATCH_TOLERANCE.value).length;
  const premiumLike = priced.filter((p) => p.ratio <= PREMIUM_LIKE_MAX_RATIO.value).length;
  const summary = `${priced.length} stored 13F put rows filed by ${d.asOf} with a close on the period end${unpriced ? ` (${unpriced} without one)` : ''}: ${notional} equal shares × price (notional), ${premiumLike} look like a premium`;
  if (priced.length < NOTIONAL_MIN_ROWS.value)
    return insufficient(`${summary}; need ${NOTIONAL_MIN_ROWS.value}`, evidence);
  const status = ruleVerdict(notional === priced.length, premiumLike === priced.length);
  return { status, summary, evidence };
}
