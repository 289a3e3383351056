import { daysBetween } from '../../core/dates.js';
import { ruleVerdict, thresholds } from '../../core/verdict.js';
import { pctChange } from '../backtest/ops.js';
import { fridays, weeklyCloses } from '../regime/weekly.js';
import { measured } from './evidence.js';
import { correlation, weeklyNetLiquidity } from './series-tools.js';
import {
  type CheckResult,
  type Evidence,
  insufficient,
  type ThesisData,
  type ThesisStatus,
} from './types.js';

/**
 * Thesis 2's "asset prices float on the water level": correlation of non-overlapping 13-week
 * changes of net liquidity and the S&P 500, on every quarter since 2007 and again without the
 * quarters that overlap the crisis windows (2008–09, 2020), so a reader sees how much of the
 * answer those two episodes make.
 */

/**
 * CORRELATION_MAX_AGE: the last quarter used must end within a quarter of the as-of day (a
 * relationship "as of now").
 */
// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { CORRELATION_SUPPORT, CORRELATION_REFUTE, CORRELATION_MIN_QUARTERS, CORRELATION_MAX_AGE } = thresholds({
  CORRELATION_SUPPORT: [0.2, 'r', 'with ~70 quarterly pairs |r| < 0.2 is not distinguishable from zero at the 10 % level; above it the two move together'],
  CORRELATION_REFUTE: [0, 'r', 'a negative correlation means prices moved against the water level, the opposite of floating on it'],
  CORRELATION_MIN_QUARTERS: [20, 'quarters', 'five years of non-overlapping quarters: fewer pairs give a correlation whose sign is noise'],
  CORRELATION_MAX_AGE: [91, 'days', 'one quarter: the sample is of whole quarters, so data ending within the last one still covers the claim'],
});

/**
 * Quarters overlapping these crises are left out of the second correlation: the Fed answered
 * both crashes with QE, so liquidity rose while prices fell and the two windows alone can set
 * the sign of the whole sample.
 */
export const CRISIS_WINDOWS = [
  { from: '2008-01-01', to: '2009-12-31', name: '2008–09' },
  { from: '2020-01-01', to: '2020-12-31', name: '2020' },
] as const;

export const CORRELATION_START = '2007-01-05';
export const QUARTER_WEEKS = 13;

/** The verdict of one correlation against the two cuts. */
export function correlationStatus(r: number): ThesisStatus {
  return ruleVerdict(r > CORRELATION_SUPPORT.value, r < CORRELATION_REFUTE.value);
}

function overlapsCrisis(from: string, to: string): boolean {
  return CRISIS_WINDOWS.some((w) => from <= w.to && to >= w.from);
}

export function correlationVerdict(d: ThesisData): CheckResult {
  const spx = d.prices.SPY ?? d.prices['^GSPC'];
  if (!spx) return insufficient('no S&P 500 prices stored (SPY or ^GSPC)');
  const weeks = fridays(CORRELATION_START, d.asOf);
  const nl = weeklyNetLiquidity(d, weeks);
  if (!nl) return insufficient('WALCL / WTREGEN not stored');
  const a = pctChange(nl, QUARTER_WEEKS);
  const b = pctChange(weeklyCloses(weeks, spx.dates, spx.closes), QUARTER_WEEKS);
  let last = weeks.length - 1;
  while (last >= QUARTER_WEEKS && !(Number.isFinite(a[last]!) && Number.isFinite(b[last]!))) last--;
  if (last < QUARTER_WEEKS) return insufficient('no quarter with both net liquidity and S&P 500 changes');
  const age = daysBetween(weeks[last]!, d.asOf);
  if (age > CORRELATION_MAX_AGE.value)
    return insufficient(
      `the last quarter with both series ends ${weeks[last]}, ${age} days before ${d.asOf} (more than ${CORRELATION_MAX_AGE.value}: stale)`,
    );
  const all = { x: [] as number[], y: [] as number[] };
  const calm = { x: [] as number[], y: [] as number[] };
  let first = last;
  for (let i = last; i >= QUARTER_WEEKS; i -= QUARTER_WEEKS) {
    if (!(Number.isFinite(a[i]!) && Number.isFinite(b[i]!))) continue;
    first = i - QUARTER_WEEKS;
    all.x.push(a[i]!);
    all.y.push(b[i]!);
    if (!overlapsCrisis(weeks[i - QUARTER_WEEKS]!, weeks[i]!)) {
      calm.x.push(a[i]!);
      calm.y.push(b[i]!);
    }
  }
  const full = correlation(all.x, all.y);
  const exCrisis = correlation(calm.x, calm.y);
  // Does liquidity lead? Net-liquidity change vs the NEXT quarter's S&P 500 change.
  const lead = correlation(all.x.slice(1), all.y.slice(0, -1));
  const window = { from: weeks[first]!, to: weeks[last]! };
  const inputDates = [window.from, window.to];
  const source = 'WALCL − WTREGEN − RRPONTSYD; S&P 500 weekly closes';
  const r3 = (r: number) => (Number.isFinite(r) ? Number(r.toFixed(3)) : null);
  const evidence: Evidence[] = [
    measured({
      label: 'correlation, all quarters',
      value: r3(full.r),
      unit: 'r',
      source,
      ...window,
      inputDates,
      chart: 'liquidity',
    }),
    measured({
      label: `correlation without ${CRISIS_WINDOWS.map((w) => w.name).join(' and ')}`,
      value: r3(exCrisis.r),
      unit: 'r',
      source,
      ...window,
      inputDates,
    }),
    measured({
      label: 'quarters (all / without crises)',
      value: `${full.n} / ${exCrisis.n}`,
      source,
      ...window,
      inputDates,
    }),
    measured({
      label: 'correlation, liquidity leading by a quarter',
      value: r3(lead.r),
      unit: 'r',
      source,
      ...window,
      inputDates,
    }),
  ];
  const summary = `correlation of 13-week changes, net liquidity vs S&P 500, ${window.from} → ${window.to}: ${full.r.toFixed(2)} over ${full.n} quarters, ${exCrisis.r.toFixed(2)} over ${exCrisis.n} without ${CRISIS_WINDOWS.map((w) => w.name).join(' and ')} (liquidity leading: ${lead.r.toFixed(2)})`;
  if (full.n < CORRELATION_MIN_QUARTERS.value || exCrisis.n < CORRELATION_MIN_QUARTERS.value)
    return insufficient(`${summary}: fewer than ${CORRELATION_MIN_QUARTERS.value} quarters`, evidence);
  const v1 = correlationStatus(full.r);
  const v2 = correlationStatus(exCrisis.r);
  return {
    status: v1 === v2 ? v1 : 'mixed',
    summary: `${summary}; all quarters ${v1}, without crises ${v2}`,
    evidence,
  };
}
