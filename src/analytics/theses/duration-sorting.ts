import { fridays } from '../../core/dates.js';
import { weeklyNetLiquidity } from '../../indicators/liquidity.js';
import { DEFAULT_GROUPS, type Thesis3Check, thesis3 } from '../../indicators/markets/duration.js';
import type { Point } from '../../indicators/markets/series.js';
import { DEFAULT_SQUEEZE, squeezeWindows } from '../../indicators/markets/squeeze.js';
import { liquidityIndexesFromSeries } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { DailyPrices } from '../scorecard/score.js';
import { dates, measured } from './evidence.js';
import { type CheckResult, type Evidence, insufficient, type ThesisData } from './types.js';

/**
 * The inputs of thesis 3 built the same way for the ledger and for `duration` (CLI, API,
 * Markets panel): weekly net liquidity from the one weekly definition (indicators/liquidity.ts,
 * Fridays, each as known that day), squeeze windows from it, and the
 * group members' closes. Same store + same day → same windows → same verdict.
 */

/** Weekly net liquidity (US$) on every Friday from the first WALCL observation to `asOf` (indicators/liquidity.ts); unknown or stale weeks left out. */
export function netLiquidityPoints(series: Record<string, DatedValue[] | undefined>, asOf: string): Point[] {
  const first = series.WALCL?.[0]?.date;
  const ix = liquidityIndexesFromSeries(series);
  if (!first || first > asOf || !ix) return [];
  const weeks = fridays(first, asOf);
  const nl = weeklyNetLiquidity(ix, weeks);
  const out: Point[] = [];
  for (let i = 0; i < weeks.length; i++)
    if (Number.isFinite(nl[i]!)) out.push({ date: weeks[i]!, value: nl[i]! });
  return out;
}

export function closesAsPoints(p: DailyPrices): Point[] {
  return p.dates.map((date, i) => ({ date, value: p.closes[i]! }));
}

/**
 * Thesis 3 on what was known on `asOf`: squeeze windows of the default definition, the default
 * groups. `nl`: the caller's `netLiquidityPoints(series, asOf)` when it already has them.
 */
export function durationSortingOn(
  series: Record<string, DatedValue[] | undefined>,
  prices: Record<string, DailyPrices | undefined>,
  asOf: string,
  nl: Point[] = netLiquidityPoints(series, asOf),
): Thesis3Check {
  const windows = squeezeWindows(nl, DEFAULT_SQUEEZE.thresholdPct, DEFAULT_SQUEEZE.lookbackWeeks);
  const assets = Object.keys(DEFAULT_GROUPS).flatMap((symbol) => {
    const p = prices[symbol];
    return p?.dates.length ? [{ symbol, prices: closesAsPoints(p) }] : [];
  });
  return thesis3(assets, windows, DEFAULT_GROUPS);
}

/**
 * The ledger's check of thesis 3: `durationSortingOn`'s verdict and statement, with the windows
 * compared, both groups' mean returns and their members as evidence.
 */
export function durationSortingCheck(d: ThesisData): CheckResult {
  const t = durationSortingOn(d.series, d.prices, d.asOf);
  const compared = t.windows.filter((w) => w.speculativeFellMore !== null);
  if (!compared.length) return insufficient(t.statement);
  const window = { from: compared[0]!.start, to: compared.at(-1)!.end };
  const inputDates = dates(...compared.flatMap((w) => [w.start, w.end]));
  const members = (kind: 'speculativeMembers' | 'cashFlowNearMembers') =>
    [...new Set(compared.flatMap((w) => w[kind]))].join(', ');
  const source = `net liquidity (WALCL − WTREGEN − RRPONTSYD) squeeze windows; closes of ${members('speculativeMembers')} vs ${members('cashFlowNearMembers')}`;
  const ev = (label: string, value: number | string | null, unit?: string, chart?: string): Evidence =>
    measured({
      label,
      value,
      ...(unit ? { unit } : {}),
      source,
      ...window,
      inputDates,
      ...(chart ? { chart } : {}),
    });
  const evidence: Evidence[] = [
    ev(
      'squeeze windows compared / speculative did worse',
      `${t.compared} / ${t.speculativeWorse}`,
      undefined,
      'markets',
    ),
    ev(
      'speculative group, mean window return',
      t.meanSpeculative === null ? null : Number(t.meanSpeculative.toFixed(4)),
      'fraction',
    ),
    ev(
      'cash-flow-near group, mean window return',
      t.meanCashFlowNear === null ? null : Number(t.meanCashFlowNear.toFixed(4)),
      'fraction',
    ),
    ev('speculative members', members('speculativeMembers')),
    ev('cash-flow-near members', members('cashFlowNearMembers')),
  ];
  return { status: t.status, summary: t.statement, evidence };
}
