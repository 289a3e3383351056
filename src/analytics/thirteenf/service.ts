import { TidewatchError } from '../../core/errors.js';
import type { TickerResolver } from '../../sources/sec/thirteenf/cusip-map.js';
import { getWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import type { Store } from '../../store/store.js';
import type { ShortEpisode } from '../scorecard/episodes.js';
import { loadEpisodesAsOf } from '../scorecard/report.js';
import { diffPositions, type PositionChange, summariseDiff } from './diff.js';
import { type Concentration, concentration, type Exposure, exposure, NOTIONAL_CAVEAT } from './exposure.js';
import { type FilingRole, holdingsAsOf, type QuarterPositions, type SourcedPosition } from './holdings.js';
import { loadPremiumMarket } from './market.js';
import {
  PREMIUM_METHOD,
  type PremiumEstimate,
  type PremiumMarket,
  premiumFor,
  THESIS5_PLTR,
} from './premium.js';
import { type CoverageStatus, coverage } from './watchlist.js';

/**
 * Read models for the CLI, API and dashboard, each built once for an as-of day: holdings from
 * holdings.ts (the one holdings read), premiums from premium.ts (the one premium), prices and
 * rates as known on that day (market.ts). Renderers only format what is here.
 */

export interface OptionRow {
  issuer: string;
  /** With the filer and quarter, names the position (`trace 13f:CIK:PERIOD:CUSIP:put`). */
  cusip: string;
  ticker: string | null;
  putCall: 'Put' | 'Call';
  shares: number;
  notionalUsd: number;
  /** Underlying price implied by the filing (value ÷ shares): 13F values options at the underlying. */
  impliedSpot: number;
  premium: PremiumEstimate | null;
  premiumNote: string | null;
}

export interface HoldingsReport {
  asOf: string;
  cik: number;
  filer: string | null;
  period: string;
  /** The quarter's filings public by asOf and what each did (base, add, replace, …). */
  filings: FilingRole[];
  positions: SourcedPosition[];
  exposure: Exposure;
  concentration: Concentration;
  /** Put/call rows: reported notional next to the estimated premium range. */
  options: OptionRow[];
  premiumMethod: typeof PREMIUM_METHOD;
  /** Says plainly what the option figures are (and are not). */
  notionalCaveat: string;
}

function optionRows(q: QuarterPositions, market: PremiumMarket): OptionRow[] {
  const out: OptionRow[] = [];
  for (const p of q.positions) {
    if (!p.putCall || p.shares <= 0) continue;
    const est = p.ticker
      ? premiumFor(market, {
          symbol: p.ticker,
          putCall: p.putCall,
          referenceDate: q.period,
          notionalUsd: p.valueUsd,
        })
      : {
          premium: null,
          note: 'ticker unknown (add it to the CUSIP mapping file or run tidewatch 13f map-cusips): premium not estimated',
        };
    out.push({
      issuer: p.issuer,
      cusip: p.cusip,
      ticker: p.ticker,
      putCall: p.putCall,
      shares: p.shares,
      notionalUsd: p.valueUsd,
      impliedSpot: p.valueUsd / p.shares,
      premium: est.premium,
      premiumNote: est.note,
    });
  }
  return out;
}

function buildReport(q: QuarterPositions, market: PremiumMarket, asOf: string, topN: number): HoldingsReport {
  return {
    asOf,
    cik: q.cik,
    filer: q.filer,
    period: q.period,
    filings: q.filings,
    positions: q.positions,
    exposure: exposure(q.positions),
    concentration: concentration(q.positions, topN),
    options: optionRows(q, market),
    premiumMethod: PREMIUM_METHOD,
    notionalCaveat: NOTIONAL_CAVEAT,
  };
}

const optionTickers = (qs: QuarterPositions[]) =>
  qs.flatMap((q) => q.positions.filter((p) => p.putCall && p.ticker).map((p) => p.ticker!));

export interface HoldingsQuery {
  cik: number;
  /** Default: the latest quarter with a report public by asOf. */
  period?: string;
  asOf: string;
  topN?: number;
  resolver?: TickerResolver;
}

export async function holdingsReport(store: Store, q: HoldingsQuery): Promise<HoldingsReport> {
  const quarters = await holdingsAsOf(store.db, { knownBy: q.asOf, ciks: [q.cik] }, q.resolver);
  const periods = quarters.map((x) => x.period);
  const quarter = q.period ? quarters.find((x) => x.period === q.period) : quarters[quarters.length - 1];
  if (!quarter) {
    throw new TidewatchError(
      'not-found',
      `no 13F report for CIK ${q.cik}${q.period ? ` and period ${q.period}` : ''} was public by ${q.asOf} (periods public by then: ${periods.join(', ') || 'none'})`,
      {
        hint: 'run `tidewatch update --source sec` or `tidewatch import 13f FILE`, or choose a later --as-of',
      },
    );
  }
  const market = await loadPremiumMarket(store, optionTickers([quarter]), q.asOf);
  return buildReport(quarter, market, q.asOf, q.topN ?? 5);
}

export interface DiffReport {
  asOf: string;
  cik: number;
  from: string;
  to: string;
  summary: Record<string, number>;
  changes: PositionChange[];
}

export async function diffReport(
  store: Store,
  q: { cik: number; from?: string; to?: string; asOf: string },
): Promise<DiffReport> {
  const quarters = await holdingsAsOf(store.db, { knownBy: q.asOf, ciks: [q.cik] });
  const periods = quarters.map((x) => x.period);
  const t = q.to ?? periods[periods.length - 1];
  const f = q.from ?? (t ? periods[periods.indexOf(t) - 1] : undefined);
  const a = quarters.find((x) => x.period === f);
  const b = quarters.find((x) => x.period === t);
  if (!a || !b) {
    throw new TidewatchError(
      'not-found',
      `need two 13F quarters of CIK ${q.cik} public by ${q.asOf} to diff${q.from || q.to ? ` (asked ${q.from ?? '?'} → ${q.to ?? '?'})` : ''} (public by then: ${periods.join(', ') || 'none'})`,
    );
  }
  const changes = diffPositions(a.positions, b.positions);
  return { asOf: q.asOf, cik: q.cik, from: a.period, to: b.period, summary: summariseDiff(changes), changes };
}

export interface WatchlistEntry {
  cik: number;
  name: string;
  note: string;
  coverage: CoverageStatus;
  latest: HoldingsReport | null;
  options: OptionRow[];
  /** Put notional per quarter public by asOf: the history of the put book. */
  putHistory: { period: string; putNotionalUsd: number; callNotionalUsd: number; totalUsd: number }[];
  /** The quarter with the largest put notional on file, when it is not the latest (e.g. Scion 2023-06-30). */
  peakPutBook: { period: string; putNotionalUsd: number; options: OptionRow[] } | null;
}

/**
 * Thesis 5's PLTR puts: the quoted (curated) figures and the one premium estimate for the quoted
 * notional at the period end — the same figure the scorecard's scion-pltr-2025q3 episode shows.
 * Null before the curated episode's filing date (the position was not public yet).
 */
export interface Thesis5Premium {
  /** The quoted figures are curated (PRODUCT.md), not parsed from a filing. */
  curated: true;
  episodeId: string;
  /** Which of the episode's figures came from where (a stored filing wins). */
  provenance: ShortEpisode['provenance'];
  notionalUsd: number | null;
  periodEnd: string;
  knownFrom: string;
  quotedNotionalUsd: number;
  quotedPremiumUsd: number;
  source: string;
  premium: PremiumEstimate | null;
  premiumNote: string | null;
}

export interface WatchlistReport {
  asOf: string;
  entries: WatchlistEntry[];
  thesis5: Thesis5Premium | null;
  premiumMethod: typeof PREMIUM_METHOD;
  notionalCaveat: string;
}

/** A quarter counts as on file when it holds a report, not only a 13F notice. */
const reported = (q: QuarterPositions) => q.filings.some((f) => f.action !== 'notice');

export async function watchlistReport(
  store: Store,
  q: { asOf: string; resolver?: TickerResolver },
): Promise<WatchlistReport> {
  const watched = await getWatchlist(store.db);
  const all = await holdingsAsOf(store.db, { knownBy: q.asOf, ciks: watched.map((w) => w.cik) }, q.resolver);
  // The scorecard's own episode (curated row merged with any stored filing, public by asOf).
  const pltr = (await loadEpisodesAsOf(store, q.asOf)).episodes.find((e) => e.id === THESIS5_PLTR.episodeId);
  const market = await loadPremiumMarket(
    store,
    [...optionTickers(all), ...(pltr ? [pltr.priceSymbol] : [])],
    q.asOf,
  );
  const entries = watched.map((w): WatchlistEntry => {
    const quarters = all.filter((x) => x.cik === w.cik && reported(x));
    const cov = coverage(
      quarters.map((x) => x.period),
      q.asOf,
    );
    const last = quarters[quarters.length - 1];
    const latest = last ? buildReport(last, market, q.asOf, 5) : null;
    const putHistory = quarters.map((x) => {
      const e = exposure(x.positions);
      return {
        period: x.period,
        putNotionalUsd: e.putNotionalUsd,
        callNotionalUsd: e.callNotionalUsd,
        totalUsd: e.totalUsd,
      };
    });
    const peak = putHistory.reduce<(typeof putHistory)[number] | null>(
      (a, b) => (b.putNotionalUsd > (a?.putNotionalUsd ?? 0) ? b : a),
      null,
    );
    const peakQuarter =
      peak && peak.period !== latest?.period ? quarters.find((x) => x.period === peak.period) : undefined;
    return {
      ...w,
      coverage: cov,
      latest,
      options: latest?.options ?? [],
      putHistory,
      peakPutBook: peakQuarter
        ? {
            period: peakQuarter.period,
            putNotionalUsd: peak!.putNotionalUsd,
            options: optionRows(peakQuarter, market),
          }
        : null,
    };
  });
  let thesis5: Thesis5Premium | null = null;
  if (pltr) {
    const est = premiumFor(market, {
      symbol: pltr.priceSymbol,
      putCall: 'Put',
      referenceDate: pltr.periodEnd,
      notionalUsd: pltr.reportedNotionalUsd,
    });
    thesis5 = {
      curated: true,
      episodeId: pltr.id,
      provenance: pltr.provenance,
      notionalUsd: pltr.reportedNotionalUsd,
      periodEnd: pltr.periodEnd,
      knownFrom: pltr.knownFrom,
      quotedNotionalUsd: THESIS5_PLTR.notionalUsd,
      quotedPremiumUsd: THESIS5_PLTR.premiumUsd,
      source: THESIS5_PLTR.source,
      premium: est.premium,
      premiumNote: est.note,
    };
  }
  return { asOf: q.asOf, entries, thesis5, premiumMethod: PREMIUM_METHOD, notionalCaveat: NOTIONAL_CAVEAT };
}
