import { addDays, addMonths } from '../../core/dates.js';
import { formatUsd, formatValue } from '../../core/format.js';
import { ruleVerdict, thresholds, VERDICTS } from '../../core/verdict.js';
import { rateOnReserves, spreadToReservesBp } from '../../indicators/plumbing/repo-stress.js';
import { checkThesis1, THESIS1_THRESHOLDS } from '../../indicators/plumbing/reserves.js';
import { fridays } from '../regime/weekly.js';
import {
  CORRELATION_MIN_QUARTERS,
  CORRELATION_REFUTE,
  CORRELATION_SUPPORT,
  CRISIS_WINDOWS,
  correlationVerdict,
} from './correlation.js';
import { DAILY_MAX_AGE, dates, freshAt, measured, WEEKLY_MAX_AGE } from './evidence.js';
import { between, weeklyNetLiquidity } from './series-tools.js';
import type { CheckResult, Evidence, ThesisCheck, ThesisData, Threshold } from './types.js';
import { insufficient, pct } from './types.js';

/** Theses 1 (liquidity squeeze) and 2 (liquidity demand, "bathtub"). */

const B = 1e9;
const T = 1e12;

// ── Thesis 1 thresholds ──────────────────────────────────────────────────────────────────────

export const REPO_WINDOW_MONTHS = 6;
export const NEED_WINDOW_MONTHS = 12;
export const DRAIN_WEEKS = 26;
/**
 * The claim's own number ("needs > $3T", plumbing's THESIS1_THRESHOLDS) is the line that
 * checkThesis1 splits the days by; NEED_* are on what the line does.
 */
export const NEEDED_RESERVES_USD = THESIS1_THRESHOLDS.find((t) => t.id === 'claimedNeed')!.value;

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { REPO_MIN_DAYS, REPO_SUPPORT_DAYS, RESERVES_2007_TOLERANCE, RESERVES_2023_TOLERANCE, NEED_MIN_DAYS_EACH_SIDE, NEED_SUPPORT_GAP, NEED_REFUTE_GAP, DRAIN_MIN_MOVE } = thresholds({
  REPO_MIN_DAYS: [60, 'days', 'about three months of business days with both rates: fewer cannot tell a habit from one quarter-end'],
  REPO_SUPPORT_DAYS: [3, 'days', 'one or two days above IORB can be a quarter-end or tax-date spike; three separate days is a pattern'],
  RESERVES_2007_TOLERANCE: [0.25, 'fraction', 'the claim is a round figure ("$45B") for a year whose monthly averages moved ±5 %; ±25 % still separates $45B from $10B or $100B'],
  RESERVES_2023_TOLERANCE: [0.1, 'fraction', 'for trillions a round figure is precise to about a tenth ($2.2T vs $2.4T would already be a different claim)'],
  NEED_MIN_DAYS_EACH_SIDE: [20, 'days', 'a month of business days on each side of the line: fewer and one stressed week decides the share'],
  NEED_SUPPORT_GAP: [0.2, 'fraction-difference', 'repo must cross the line on at least 20 percentage points more of the days below $3T than above it for $3T to separate scarce from ample'],
  NEED_REFUTE_GAP: [0, 'fraction-difference', 'crossing as often (or more) above $3T as below it means the level does not mark where stress starts'],
  DRAIN_MIN_MOVE: [0.03, 'fraction', 'one week moves net liquidity by up to 2.8 % (90th percentile of weekly moves 2007–2025, mostly TGA swings): a 26-week change smaller than 3 % is within one week of noise'],
});

// ── Thesis 2 thresholds ──────────────────────────────────────────────────────────────────────

export const COST_WINDOW_MONTHS = 12;

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { RRP_EXHAUSTED_USD, RRP_AMPLE_USD, COST_RISE_MIN_PP } = thresholds({
  RRP_EXHAUSTED_USD: [100 * B, 'usd', 'under 4 % of the $2.55T peak (2022-12-30): about where the facility sat in 2014–2020, when money funds parked no idle cash there'],
  RRP_AMPLE_USD: [300 * B, 'usd', '$300B is still a buffer that can fund a quarter of bill issuance or TGA rebuild without touching reserves'],
  COST_RISE_MIN_PP: [0.25, 'pp', '25 bp is one Fed rate step; a smaller 12-month move of the 10-year yield or HY spread is within its month-to-month noise'],
});

// ── Thesis 1 ─────────────────────────────────────────────────────────────────────────────────

/** Daily SOFR − rate on reserves (IOER spliced before IORB) in bp, as plumbing computes it. */
function repoSpread(d: ThesisData) {
  const ror = rateOnReserves(d.series.IORB ?? [], d.series.IOER ?? []).series;
  return spreadToReservesBp(d.series.SOFR ?? [], ror);
}

const SPREAD_SOURCE = 'SOFR − IORB (IOER before 2021-07-29)';

function repoCrossesLine(d: ThesisData): CheckResult {
  const from = addMonths(d.asOf, -REPO_WINDOW_MONTHS);
  const spread = between(repoSpread(d), from, d.asOf);
  const fresh = freshAt(spread, d.asOf, DAILY_MAX_AGE, 'SOFR − IORB');
  if (!fresh.ok) return insufficient(fresh.reason);
  if (spread.length < REPO_MIN_DAYS.value)
    return insufficient(
      `only ${spread.length} days of SOFR and IORB in the ${REPO_WINDOW_MONTHS} months to ${d.asOf} (need ${REPO_MIN_DAYS.value})`,
    );
  const crossings = spread.filter((s) => s.value > 0);
  const worst = spread.reduce((a, b) => (b.value > a.value ? b : a));
  const n = crossings.length;
  const status = ruleVerdict(n >= REPO_SUPPORT_DAYS.value, n === 0);
  const window = { from, to: d.asOf };
  return {
    status,
    summary: `${n} of ${spread.length} days since ${from} had SOFR above IORB; widest ${worst.value} bp on ${worst.date}`,
    evidence: [
      measured({
        label: `days SOFR > IORB (${REPO_WINDOW_MONTHS} months)`,
        value: n,
        unit: 'days',
        source: SPREAD_SOURCE,
        ...window,
        inputDates: dates(spread[0]!.date, spread.at(-1)!.date),
        chart: 'plumbing',
      }),
      measured({
        label: 'widest SOFR − IORB',
        value: worst.value,
        unit: 'bp',
        source: SPREAD_SOURCE,
        ...window,
        inputDates: [worst.date],
        chart: 'plumbing',
      }),
    ],
  };
}

/**
 * A year's reserves against a claimed level: the year's average within the tolerance →
 * supported; the claimed level inside the year's range but the average not → mixed (true for
 * part of the year); otherwise refuted. Year statistics come from plumbing's checkThesis1.
 */
function reservesInYear(
  d: ThesisData,
  year: '2007' | '2023',
  claimed: number,
  tolerance: Threshold,
  order: Array<'TOTRESNS' | 'WRESBAL'>,
): CheckResult {
  const c = checkThesis1({ wresbal: d.series.WRESBAL ?? [], totresns: d.series.TOTRESNS ?? [] });
  const claim = year === '2007' ? c.claim2007 : c.claim2023;
  const pick = order
    .map((id) => ({ id, stats: id === 'WRESBAL' ? claim.wresbal : claim.totresns }))
    .find((x) => x.stats !== null);
  if (!pick?.stats) return insufficient(`no reserves data (${order.join(' or ')}) for ${year}`);
  const { id, stats } = pick;
  const window = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (window.to > d.asOf) return insufficient(`${year} is not over on ${d.asOf}`);
  const yearObs = between(d.series[id], window.from, window.to);
  const inputDates = dates(yearObs[0]?.date, yearObs.at(-1)?.date);
  const averageMatches = Math.abs(stats.mean - claimed) / claimed <= tolerance.value;
  const inRange = claimed >= stats.min && claimed <= stats.max;
  const status = ruleVerdict(averageMatches, !inRange);
  const ev = (label: string, value: number) =>
    measured({ label, value, unit: 'usd', source: id, ...window, inputDates, chart: 'plumbing' });
  return {
    status,
    summary: `${id} in ${year}: average ${formatUsd(stats.mean)}, range ${formatUsd(stats.min)}–${formatUsd(stats.max)}; claimed ${formatUsd(claimed)}`,
    evidence: [
      ev(`${id} ${year} average`, stats.mean),
      ev(`${id} ${year} low`, stats.min),
      ev(`${id} ${year} high`, stats.max),
    ],
  };
}

function needsThreeTrillion(d: ThesisData): CheckResult {
  const from = addMonths(d.asOf, -NEED_WINDOW_MONTHS);
  if (!d.series.WRESBAL?.length) return insufficient('no WRESBAL stored');
  const spread = between(repoSpread(d), from, d.asOf);
  const fresh = freshAt(spread, d.asOf, DAILY_MAX_AGE, 'SOFR − IORB');
  if (!fresh.ok) return insufficient(fresh.reason);
  const reserves = freshAt(d.series.WRESBAL, d.asOf, WEEKLY_MAX_AGE, 'WRESBAL');
  if (!reserves.ok) return insufficient(reserves.reason);
  // The crossing counts on each side of the line are plumbing's (one definition).
  const { below, above } = checkThesis1({ wresbal: d.series.WRESBAL, sofrSpreadBp: spread }).claimNeed;
  const share = (b: { days: number; crossing: number }) => (b.days ? b.crossing / b.days : 0);
  const gap = share(below) - share(above);
  const window = { from, to: d.asOf };
  const inputDates = dates(spread[0]?.date, spread.at(-1)?.date);
  const evidence: Evidence[] = [
    measured({
      label: `days with reserves < ${formatUsd(NEEDED_RESERVES_USD)}: SOFR > IORB / days`,
      value: `${below.crossing} / ${below.days}`,
      source: `${SPREAD_SOURCE}; WRESBAL`,
      ...window,
      inputDates,
      chart: 'plumbing',
    }),
    measured({
      label: `days with reserves ≥ ${formatUsd(NEEDED_RESERVES_USD)}: SOFR > IORB / days`,
      value: `${above.crossing} / ${above.days}`,
      source: `${SPREAD_SOURCE}; WRESBAL`,
      ...window,
      inputDates,
    }),
    measured({
      label: 'crossing share below the line − above it',
      value: Number(gap.toFixed(4)),
      // A difference of two shares: percentage points.
      unit: 'fraction-difference',
      source: `${SPREAD_SOURCE}; WRESBAL`,
      ...window,
      inputDates,
    }),
  ];
  const summary = `since ${from}: SOFR > IORB on ${below.crossing} of ${below.days} days with reserves below ${formatUsd(NEEDED_RESERVES_USD)} (${pct(share(below), 0)}) vs ${above.crossing} of ${above.days} at or above (${pct(share(above), 0)})`;
  if (below.days < NEED_MIN_DAYS_EACH_SIDE.value || above.days < NEED_MIN_DAYS_EACH_SIDE.value)
    return insufficient(`${summary}: the line was not tested on both sides`, evidence);
  const status = ruleVerdict(gap >= NEED_SUPPORT_GAP.value, gap <= NEED_REFUTE_GAP.value);
  return { status, summary, evidence };
}

function netLiquidityDrain(d: ThesisData): CheckResult {
  const weeks = fridays(addMonths(d.asOf, -13), d.asOf);
  const nl = weeklyNetLiquidity(d, weeks);
  if (!nl) return insufficient('WALCL / WTREGEN not stored');
  const k = weeks.length - 1;
  // The week of the as-of day must be known: net liquidity is NaN once its inputs are stale.
  if (k < DRAIN_WEEKS || !Number.isFinite(nl[k]!) || !Number.isFinite(nl[k - DRAIN_WEEKS]!))
    return insufficient(
      `net liquidity not known for both the week of ${weeks[k] ?? d.asOf} and ${DRAIN_WEEKS} weeks earlier (inputs missing or stale)`,
    );
  const end = nl[k]!;
  const start = nl[k - DRAIN_WEEKS]!;
  const change = end / start - 1;
  const window = { from: weeks[k - DRAIN_WEEKS]!, to: weeks[k]! };
  const status = ruleVerdict(change <= -DRAIN_MIN_MOVE.value, change >= DRAIN_MIN_MOVE.value);
  const source = 'WALCL − WTREGEN − RRPONTSYD';
  return {
    status,
    summary: `net liquidity ${formatUsd(end)} in the week of ${window.to} vs ${formatUsd(start)} ${DRAIN_WEEKS} weeks earlier (${pct(change)})`,
    evidence: [
      measured({
        label: 'net liquidity',
        value: end,
        unit: 'usd',
        source,
        ...window,
        inputDates: [window.to],
        chart: 'liquidity',
      }),
      measured({
        label: `change over ${DRAIN_WEEKS} weeks`,
        value: Number(change.toFixed(4)),
        unit: 'fraction',
        source,
        ...window,
        inputDates: [window.from, window.to],
        chart: 'liquidity',
      }),
    ],
  };
}

export const THESIS_1_CHECKS: ThesisCheck[] = [
  {
    id: 'repo-crosses-line',
    claim: 'repo rates cross the line (SOFR above IORB)',
    dataNeeded: ['SOFR', 'IORB'],
    test: `days in the last ${REPO_WINDOW_MONTHS} months with SOFR > IORB: ≥ ${REPO_SUPPORT_DAYS.value} supported, 1–${REPO_SUPPORT_DAYS.value - 1} mixed, 0 refuted; fewer than ${REPO_MIN_DAYS.value} days with both rates, or SOFR older than ${DAILY_MAX_AGE.value} days on the as-of day → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { REPO_MIN_DAYS, REPO_SUPPORT_DAYS, DAILY_MAX_AGE },
    evaluate: repoCrossesLine,
  },
  {
    id: 'reserves-2007',
    claim: '$45B of reserves sufficed in 2007',
    dataNeeded: ['TOTRESNS (total reserves, 2007), else WRESBAL'],
    // $45B is the size of total reserves (incl. vault cash) then; reserve balances at the Fed
    // (WRESBAL) were only $5-15B, so TOTRESNS is the like-for-like series.
    test: `2007 average within ±${RESERVES_2007_TOLERANCE.value * 100} % of $45B → supported; $45B inside the year's range but the average not → mixed; else refuted`,
    outcomes: VERDICTS,
    thresholds: { RESERVES_2007_TOLERANCE },
    evaluate: (d) => reservesInYear(d, '2007', 45 * B, RESERVES_2007_TOLERANCE, ['TOTRESNS', 'WRESBAL']),
  },
  {
    id: 'reserves-2023',
    claim: 'reserves were about $2.2T in 2023',
    dataNeeded: ['WRESBAL (2023), else TOTRESNS'],
    test: `2023 average within ±${RESERVES_2023_TOLERANCE.value * 100} % of $2.2T → supported; $2.2T inside the year's range but the average not → mixed; else refuted`,
    outcomes: VERDICTS,
    thresholds: { RESERVES_2023_TOLERANCE },
    evaluate: (d) => reservesInYear(d, '2023', 2.2 * T, RESERVES_2023_TOLERANCE, ['WRESBAL', 'TOTRESNS']),
  },
  {
    id: 'needs-3t',
    claim: 'the system now needs more than $3T of reserves',
    dataNeeded: ['SOFR', 'IORB', 'WRESBAL'],
    test: `last ${NEED_WINDOW_MONTHS} months, days split by the reserves known that day (< $3T / ≥ $3T): share of days with SOFR > IORB below the line minus above it ≥ ${NEED_SUPPORT_GAP.value * 100} pp → supported, ≤ ${NEED_REFUTE_GAP.value} → refuted, between → mixed; fewer than ${NEED_MIN_DAYS_EACH_SIDE.value} days on either side → insufficient data (the line was not tested)`,
    outcomes: VERDICTS,
    thresholds: { NEED_MIN_DAYS_EACH_SIDE, NEED_SUPPORT_GAP, NEED_REFUTE_GAP },
    evaluate: needsThreeTrillion,
  },
  {
    id: 'net-liquidity-drain',
    claim: 'TGA, RRP and QT drain liquidity',
    dataNeeded: ['WALCL', 'WTREGEN', 'RRPONTSYD'],
    test: `net liquidity (WALCL − TGA − RRP) in the as-of week vs ${DRAIN_WEEKS} weeks earlier: down ≥ ${DRAIN_MIN_MOVE.value * 100} % supported, up ≥ ${DRAIN_MIN_MOVE.value * 100} % refuted, in between mixed; unknown in either week (missing or older than ${WEEKLY_MAX_AGE.value} days) → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { DRAIN_MIN_MOVE, WEEKLY_MAX_AGE },
    evaluate: netLiquidityDrain,
  },
];

// ── Thesis 2 ─────────────────────────────────────────────────────────────────────────────────

function dryPowder(d: ThesisData): CheckResult {
  const rrp = d.series.RRPONTSYD;
  const fresh = freshAt(rrp, d.asOf, DAILY_MAX_AGE, 'RRPONTSYD');
  if (!fresh.ok) return insufficient(fresh.reason);
  const v = fresh.value;
  const peak = (rrp ?? []).reduce((m, o) => (o.value > m.value ? o : m), v);
  const status = ruleVerdict(v.value < RRP_EXHAUSTED_USD.value, v.value >= RRP_AMPLE_USD.value);
  return {
    status,
    summary: `ON RRP ${formatUsd(v.value)} on ${v.date} (peak ${formatUsd(peak.value)} on ${peak.date})`,
    evidence: [
      measured({
        label: 'ON RRP',
        value: v.value,
        unit: 'usd',
        source: 'RRPONTSYD',
        from: addDays(d.asOf, -DAILY_MAX_AGE.value),
        to: d.asOf,
        inputDates: [v.date],
        chart: 'plumbing',
      }),
      measured({
        label: 'ON RRP peak',
        value: peak.value,
        unit: 'usd',
        source: 'RRPONTSYD',
        from: rrp![0]!.date,
        to: d.asOf,
        inputDates: [peak.date],
      }),
    ],
  };
}

/** Rising = up at least the minimum move; the claim needs both rates rising. */
function costOfCapital(d: ThesisData): CheckResult {
  const from = addMonths(d.asOf, -COST_WINDOW_MONTHS);
  const ids = [
    { id: 'DGS10', name: '10-year yield' },
    { id: 'BAMLH0A0HYM2', name: 'HY OAS' },
  ] as const;
  const moves: Array<{ id: string; name: string; change: number; a: string; b: string }> = [];
  for (const { id, name } of ids) {
    const a = freshAt(d.series[id], from, DAILY_MAX_AGE, id);
    const b = freshAt(d.series[id], d.asOf, DAILY_MAX_AGE, id);
    if (!a.ok) return insufficient(`${a.reason}: the ${COST_WINDOW_MONTHS}-month window is not covered`);
    if (!b.ok) return insufficient(`${b.reason}: the ${COST_WINDOW_MONTHS}-month window is not covered`);
    moves.push({ id, name, change: b.value.value - a.value.value, a: a.value.date, b: b.value.date });
  }
  const rising = moves.filter((m) => m.change >= COST_RISE_MIN_PP.value).length;
  const status = ruleVerdict(rising === moves.length, rising === 0);
  return {
    status,
    summary: `${from} → ${d.asOf}: ${moves.map((m) => `${m.name} ${formatValue(m.change, 'pp', { digits: 2 })} (${m.a} → ${m.b})`).join(', ')}; rising means ≥ +${COST_RISE_MIN_PP.value} pp`,
    evidence: moves.map((m) =>
      measured({
        label: `${m.name} change, ${COST_WINDOW_MONTHS} months`,
        value: Number(m.change.toFixed(3)),
        unit: 'pp',
        source: m.id,
        from,
        to: d.asOf,
        inputDates: [m.a, m.b],
        ...(m.id === 'BAMLH0A0HYM2' ? { chart: 'risk' } : {}),
      }),
    ),
  };
}

export const THESIS_2_CHECKS: ThesisCheck[] = [
  {
    id: 'prices-float-on-liquidity',
    claim: 'asset prices float on the water level',
    dataNeeded: ['WALCL', 'WTREGEN', 'RRPONTSYD', 'SPY prices'],
    test: `correlation of non-overlapping 13-week changes of net liquidity and the S&P 500 since 2007, computed on all quarters and again without those overlapping ${CRISIS_WINDOWS.map((w) => w.name).join(' and ')}: each > ${CORRELATION_SUPPORT.value} supported, < ${CORRELATION_REFUTE.value} refuted, else mixed; both agree → that verdict, otherwise mixed; fewer than ${CORRELATION_MIN_QUARTERS.value} quarters in either → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { CORRELATION_SUPPORT, CORRELATION_REFUTE, CORRELATION_MIN_QUARTERS },
    evaluate: correlationVerdict,
  },
  {
    id: 'dry-powder-exhausted',
    claim: 'the dry powder (ON RRP balance) is exhausted',
    dataNeeded: ['RRPONTSYD'],
    test: `ON RRP on the as-of day < ${formatUsd(RRP_EXHAUSTED_USD.value)} → supported, ≥ ${formatUsd(RRP_AMPLE_USD.value)} → refuted, between → mixed; latest value older than ${DAILY_MAX_AGE.value} days → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { RRP_EXHAUSTED_USD, RRP_AMPLE_USD, DAILY_MAX_AGE },
    evaluate: dryPowder,
  },
  {
    id: 'cost-of-capital-rises',
    claim: 'the cost of capital rises (sovereign and credit rates)',
    dataNeeded: ['DGS10', 'BAMLH0A0HYM2'],
    test: `10-year yield and HY spread over the ${COST_WINDOW_MONTHS} months to the as-of day, each read within ${DAILY_MAX_AGE.value} days of the window's start and end: both up ≥ ${COST_RISE_MIN_PP.value} pp supported, neither → refuted, one → mixed; a rate not read at both ends → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { COST_RISE_MIN_PP, DAILY_MAX_AGE },
    evaluate: costOfCapital,
  },
];
