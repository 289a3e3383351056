import { INSUFFICIENT, thresholds } from '../../core/verdict.js';
import type { LevelHorizonStats } from '../regime/forward.js';
import { levelCounts } from '../regime/from-series.js';
import { outOfSampleSplit, type SplitSample } from '../regime/out-of-sample.js';
import { measured } from './evidence.js';
import {
  type CheckResult,
  type Evidence,
  insufficient,
  pct,
  type ThesisData,
  type ThesisStatus,
  type Threshold,
} from './types.js';

/**
 * Thesis 7: "without a larger macro shock a liquidity squeeze is a minor valuation adjustment,
 * not a collapse" — what SPY, QQQ and BTC did in the 6 months after level-1 (squeeze) weeks.
 * The risk levels come from rules whose thresholds were read off the whole history, so the
 * answer is also computed out of sample (regime/out-of-sample.ts) and reported next to it.
 */

export const RISK_CHECK_ASSETS = ['SPY', 'QQQ', 'BTC'] as const;

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { MINOR_DRAWDOWN, MINOR_DRAWDOWN_BTC, MINOR_MEAN_RETURN, COLLAPSE_MEAN_RETURN, MIN_LEVEL1_WEEKS } = thresholds({
  MINOR_DRAWDOWN: [-0.15, 'fraction', 'a correction is a fall of 10 %, a bear market 20 %: a typical (median) 6-month worst fall shallower than 15 % is an adjustment'],
  MINOR_DRAWDOWN_BTC: [-0.35, 'fraction', "BTC's realised volatility is about three times the S&P 500's; its routine corrections reach 30–40 %"],
  MINOR_MEAN_RETURN: [-0.05, 'fraction', 'a mean 6-month loss under 5 % is about one average 6-month S&P 500 gain given back: an adjustment'],
  COLLAPSE_MEAN_RETURN: [-0.1, 'fraction', 'losing more than 10 % on average over the 6 months after every squeeze week is a collapse, not an adjustment'],
  MIN_LEVEL1_WEEKS: [8, 'weeks', 'two months of level-1 weeks with a complete 6-month future: fewer and one episode is the whole answer'],
});

export const RISK_THRESHOLDS = {
  MINOR_MEAN_RETURN,
  COLLAPSE_MEAN_RETURN,
  MIN_LEVEL1_WEEKS,
  minorDrawdown: (asset: string): Threshold => (asset === 'BTC' ? MINOR_DRAWDOWN_BTC : MINOR_DRAWDOWN),
};

function stat(forward: readonly LevelHorizonStats[] | undefined, level: number, months: number) {
  return forward?.find((s) => s.level === level && s.months === months);
}

interface Judged {
  status: ThesisStatus;
  l1?: LevelHorizonStats;
  l1y?: LevelHorizonStats;
  top?: LevelHorizonStats;
}

/** The rule on one set of forward statistics (whole history or the out-of-sample half). */
export function judgeLevelOne(forward: readonly LevelHorizonStats[] | undefined, asset: string): Judged {
  const l1 = stat(forward, 1, 6);
  const l1y = stat(forward, 1, 12);
  const top = stat(forward, 3, 12) ?? stat(forward, 2, 12);
  const out = { ...(l1 ? { l1 } : {}), ...(l1y ? { l1y } : {}), ...(top ? { top } : {}) };
  if (!l1 || l1.n < MIN_LEVEL1_WEEKS.value) return { status: INSUFFICIENT, ...out };
  if (l1.meanReturn < COLLAPSE_MEAN_RETURN.value) return { status: 'refuted', ...out };
  const deeperAtTop = !top || !l1y || top.worstMaxDrawdown < l1y.worstMaxDrawdown;
  const minor =
    l1.medianMaxDrawdown > RISK_THRESHOLDS.minorDrawdown(asset).value &&
    l1.meanReturn > MINOR_MEAN_RETURN.value;
  return { status: minor && deeperAtTop ? 'supported' : 'mixed', ...out };
}

// One split per risk history: the three asset checks share it.
const splits = new WeakMap<object, SplitSample | undefined>();
function splitOf(d: ThesisData): SplitSample | undefined {
  const r = d.risk!;
  if (!splits.has(r)) splits.set(r, r.weeklyPrices ? outOfSampleSplit(r.levels, r.weeklyPrices) : undefined);
  return splits.get(r);
}

const round4 = (x: number | undefined) => (x === undefined ? null : Number(x.toFixed(4)));

export function riskLevelCheck(d: ThesisData, asset: string): CheckResult {
  if (!d.risk) return insufficient('risk levels not computed');
  const weeks = d.risk.levels.weeks;
  const full = judgeLevelOne(d.risk.forward[asset], asset);
  if (full.status === INSUFFICIENT || !full.l1)
    return insufficient(
      `fewer than ${MIN_LEVEL1_WEEKS.value} level-1 weeks with ${asset} prices and a 6-month future (${full.l1?.n ?? 0})`,
    );
  const l1 = full.l1;
  const window = { from: weeks[0]!, to: weeks.at(-1)! };
  const source = `risk levels (rules.ts) and ${asset} weekly closes`;
  const ev = (label: string, value: number | string | null, unit?: string, w = window): Evidence =>
    measured({
      label,
      value,
      ...(unit ? { unit } : {}),
      source,
      ...w,
      inputDates: [w.from, w.to],
      chart: 'risk',
    });
  // Weeks and runs at level 1 from the risk history's one count (what `tidewatch risk` shows;
  // counted by the same levelCounts when the history came without it); the return statistics
  // use the subset with prices and a 6-month future.
  const c1 = (d.risk.counts ?? levelCounts(d.risk.levels)).find((c) => c.level === 1);
  const evidence: Evidence[] = [
    ev('level-1 weeks (runs)', c1 ? `${c1.weeks} (${c1.runs})` : null),
    ev(`level-1 weeks with ${asset} prices and a 6-month future (runs)`, `${l1.n} (${l1.episodes})`),
    ev('level 1: mean 6-month return (in-sample thresholds)', round4(l1.meanReturn), 'fraction'),
    ev(
      'level 1: median 6-month max drawdown (in-sample thresholds)',
      round4(l1.medianMaxDrawdown),
      'fraction',
    ),
    ev('level 1: worst 12-month max drawdown', round4(full.l1y?.worstMaxDrawdown), 'fraction'),
    ev(
      `level ${full.top?.level ?? 3}: worst 12-month max drawdown`,
      round4(full.top?.worstMaxDrawdown),
      'fraction',
    ),
  ];
  let summary = `${asset} after ${l1.n} level-1 weeks (thresholds chosen on the whole history): mean 6-month return ${pct(l1.meanReturn)}, median max drawdown ${pct(l1.medianMaxDrawdown)}${full.top && full.l1y ? `; worst 12-month drawdown ${pct(full.l1y.worstMaxDrawdown)} vs ${pct(full.top.worstMaxDrawdown)} at level ${full.top.level}` : ''}`;
  const split = splitOf(d);
  let status = full.status;
  if (split) {
    const oos = judgeLevelOne(split.forward[asset], asset);
    const test = { from: split.test.from, to: split.test.to };
    const moved = split.rules
      .filter((r, i) => r.threshold !== d.risk!.levels.rules[i]!.threshold && r.level > 0)
      .map((r) => `${r.id} ${Number(r.threshold.toPrecision(3))}`)
      .join(', ');
    evidence.push(
      ev(
        'out of sample: thresholds re-chosen on',
        `${split.train.from} → ${split.train.to}: ${moved || 'unchanged'}`,
        undefined,
        {
          from: split.train.from,
          to: split.train.to,
        },
      ),
      ev('out of sample: level-1 weeks in the late half', oos.l1?.n ?? 0, 'weeks', test),
      ev('out of sample: level 1 mean 6-month return', round4(oos.l1?.meanReturn), 'fraction', test),
      ev(
        'out of sample: level 1 median 6-month max drawdown',
        round4(oos.l1?.medianMaxDrawdown),
        'fraction',
        test,
      ),
      ev(
        'out of sample: level 1 worst 12-month max drawdown',
        round4(oos.l1y?.worstMaxDrawdown),
        'fraction',
        test,
      ),
      ev(
        `out of sample: level ${oos.top?.level ?? 3} worst 12-month max drawdown`,
        round4(oos.top?.worstMaxDrawdown),
        'fraction',
        test,
      ),
    );
    summary += ` → ${full.status}; out of sample (thresholds re-chosen on ${split.train.from} → ${split.train.to}, tested ${split.test.from} → ${split.test.to}): ${oos.status}${oos.l1 ? ` (${oos.l1.n} weeks, mean ${pct(oos.l1.meanReturn)}, median max drawdown ${pct(oos.l1.medianMaxDrawdown)})` : ''}`;
    if (oos.status !== INSUFFICIENT && oos.status !== full.status) {
      status = 'mixed';
      summary += '; the two disagree';
    }
  }
  return { status, summary, evidence };
}
