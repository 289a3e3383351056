import type { MergedPoint } from '../../sources/prices/rebase.js';
import { mergeWithin, readAdjustedCloses } from '../../sources/prices/repository.js';
import { tableExists } from '../../store/catalog.js';
import type { Store, VintageObservation } from '../../store/store.js';
import type { DailyPrices } from '../scorecard/score.js';
import { RISK_SERIES, type RiskHistory, riskHistory } from './from-series.js';
import type { DatedValue } from './weekly.js';

/**
 * Store → plain arrays for the analytics engines (the only I/O in regime/). Every read is
 * defensive: a domain that was never imported yields no entry, and the engines say
 * "no data" for it instead of failing.
 */

/** Observations of each of `ids` known on `asOf`, by series id. */
type SeriesLoader = (
  store: Store,
  ids: readonly string[],
  asOf: string,
) => Promise<Record<string, DatedValue[]>>;

/** One read per series; a series with no rows is left out. */
async function perSeries(
  ids: readonly string[],
  read: (id: string) => Promise<VintageObservation[]>,
): Promise<Record<string, DatedValue[]>> {
  const out: Record<string, DatedValue[]> = {};
  for (const id of ids) {
    const rows = await read(id);
    if (rows.length) out[id] = rows.map((r) => ({ date: r.date, value: r.value, knownFrom: r.knownFrom }));
  }
  return out;
}

/** Observations of each series as they were known on `asOf` (latest vintage per date). */
export const loadSeriesAsOf: SeriesLoader = (store, ids, asOf) =>
  perSeries(ids, (id) => store.getObservations(id, { asOf }));

/** Merged closes as the daily prices the analytics read (dates, closes, the sources used). */
export function asDailyPrices(points: readonly MergedPoint[]): DailyPrices {
  return {
    dates: points.map((p) => p.date),
    closes: points.map((p) => p.value),
    source: [...new Set(points.map((p) => p.source))].join(' + '),
  };
}

/** Merged adjusted daily closes per symbol (markets domain), one store read; absent table or symbol → omitted. */
export async function loadPrices(
  store: Store,
  symbols: readonly string[],
  to?: string,
): Promise<Record<string, DailyPrices>> {
  const out: Record<string, DailyPrices> = {};
  if (!(await tableExists(store.db, 'price_bars'))) return out;
  const q = to ? { to } : {};
  const stored = await readAdjustedCloses(store.db, symbols, q);
  for (const s of symbols) {
    const m = mergeWithin(stored.get(s) ?? [], [], q);
    if (m.points.length) out[s] = asDailyPrices(m.points);
  }
  return out;
}

/**
 * Every vintage known by `asOf` (several rows per date when revised), so weekly point-in-time
 * alignment can use the value each week actually saw.
 */
export const loadAllVintages: SeriesLoader = (store, ids, asOf) =>
  perSeries(ids, (id) => store.getAllVintages(id, { knownBy: asOf }));

/** Risk levels for every week to `asOf`, with forward stats for the S&P 500 (SPY), QQQ and BTC. */
export async function riskFromStore(
  store: Store,
  asOf: string,
): Promise<RiskHistory & { priceSources: Record<string, string> }> {
  const [series, prices] = await Promise.all([
    loadAllVintages(store, Object.values(RISK_SERIES), asOf),
    loadPrices(store, ['SPY', '^GSPC', 'QQQ', 'BTC'], asOf),
  ]);
  if (!prices.SPY && prices['^GSPC']) prices.SPY = prices['^GSPC'];
  const h = riskHistory(asOf, series, prices);
  const priceSources = Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, v.source ?? '']));
  return { ...h, priceSources };
}
