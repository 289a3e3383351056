import { daysBetween } from '../../core/dates.js';
import { formatUsd } from '../../core/format.js';
import { ruleVerdict, thresholds } from '../../core/verdict.js';
import { curated, dates, measured } from './evidence.js';
import { type CheckResult, type Evidence, insufficient, pct, type ThesisData } from './types.js';

/**
 * Thesis 6's "$2.6B of leveraged positions were liquidated in 24 hours". One exchange's records
 * are a lower bound of the market-wide total: they can support the claim (one venue alone
 * reached it) but never refute it. Only a market-wide daily series (curated aggregator totals,
 * cited per row) that covers the window can refute it or make it mixed.
 */

/** The claim's own figure. */
export const LIQUIDATION_CLAIM_USD = 2.6e9;
/** The fall the seed describes: from the October 2025 peak to the February 2026 low. */
export const LIQUIDATION_WINDOW = { from: '2025-10-01', to: '2026-02-28' } as const;

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { LIQUIDATION_SUPPORT_SHARE, LIQUIDATION_REFUTE_SHARE, LIQUIDATION_MIN_COVERAGE } = thresholds({
  LIQUIDATION_SUPPORT_SHARE: [0.8, 'fraction of $2.6B', 'aggregators disagree by about a fifth on a 24-hour total (venues covered, UTC day vs rolling 24 hours)'],
  LIQUIDATION_REFUTE_SHARE: [0.5, 'fraction of $2.6B', 'a largest market-wide day under half the claimed figure is a different event, not a counting difference'],
  LIQUIDATION_MIN_COVERAGE: [0.9, 'fraction of days', 'a market-wide series missing more than a tenth of the window could miss the one day in question'],
});

interface Day {
  date: string;
  venue: number;
  venueSources: Set<string>;
  market: number | null;
  marketSource: string;
}

export function liquidationCheck(d: ThesisData): CheckResult {
  const W = LIQUIDATION_WINDOW;
  const all = d.liquidations ?? [];
  const rows = all.filter((r) => r.date >= W.from && r.date <= W.to && r.date <= d.asOf);
  if (!rows.length) {
    const stored = all.length ? `; stored records cover ${all[0]!.date} … ${all.at(-1)!.date}` : '';
    return insufficient(`no liquidation totals for ${W.from} … ${W.to} known on ${d.asOf}${stored}`);
  }
  const days = new Map<string, Day>();
  for (const r of rows) {
    const day = days.get(r.date) ?? {
      date: r.date,
      venue: 0,
      venueSources: new Set(),
      market: null,
      marketSource: '',
    };
    days.set(r.date, day);
    if (r.scope === 'venue') {
      day.venue += r.notionalUsd;
      day.venueSources.add(r.source);
    } else if (day.market === null || r.notionalUsd > day.market) {
      // Several aggregators for one day are not added up: each already is the whole market.
      day.market = r.notionalUsd;
      day.marketSource = r.source;
    }
  }
  const total = (x: Day) => Math.max(x.venue, x.market ?? 0);
  const best = [...days.values()].reduce((a, b) => (total(b) > total(a) ? b : a));
  const bestIsMarket = (best.market ?? 0) >= best.venue;
  const windowDays = daysBetween(W.from, W.to) + 1;
  const marketDays = [...days.values()].filter((x) => x.market !== null).length;
  const coverage = marketDays / windowDays;
  const window = { from: W.from, to: [W.to, d.asOf].sort()[0]! };
  const evidence: Evidence[] = [
    (bestIsMarket ? curated : measured)({
      label: `largest one-day liquidated notional (${bestIsMarket ? 'market-wide' : 'sum of stored venues, a lower bound'})`,
      value: total(best),
      unit: 'usd',
      source: bestIsMarket ? best.marketSource : [...best.venueSources].join(' + '),
      ...window,
      inputDates: [best.date],
      chart: 'crypto',
    }),
    curated({
      label: 'days of the window with a market-wide total',
      value: `${marketDays} / ${windowDays}`,
      source: 'curated market-wide liquidation totals',
      ...window,
      inputDates: dates(rows[0]!.date, rows.at(-1)!.date),
    }),
  ];
  const share = total(best) / LIQUIDATION_CLAIM_USD;
  const summary = `largest day ${best.date}: ${formatUsd(total(best))} (${pct(share, 0)} of $2.6B, ${bestIsMarket ? 'market-wide' : 'stored venues only'}); market-wide totals on ${marketDays} of ${windowDays} days of the fall`;
  const supported = share >= LIQUIDATION_SUPPORT_SHARE.value;
  if (!supported && coverage < LIQUIDATION_MIN_COVERAGE.value)
    return insufficient(
      `${summary}: venue records are a lower bound and the market-wide series does not cover the window`,
      evidence,
    );
  return { status: ruleVerdict(supported, share < LIQUIDATION_REFUTE_SHARE.value), summary, evidence };
}
