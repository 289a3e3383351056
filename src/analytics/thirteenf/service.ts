import { TidewatchError } from '../../core/errors.js';
import type { TickerResolver } from '../../sources/sec/thirteenf/cusip-map.js';
import {
  listFilings,
  periodsOf,
  quarterHoldings,
  type StoredFiling,
} from '../../sources/sec/thirteenf/repository.js';
import { type PriceWindow, priceWindow } from '../../sources/sec/thirteenf/stored-prices.js';
import { getWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import type { Db } from '../../store/db.js';
import { realisedVol } from './black-scholes.js';
import { diffPositions, type PositionChange, summariseDiff } from './diff.js';
import { type Concentration, concentration, type Exposure, exposure, NOTIONAL_CAVEAT } from './exposure.js';
import { type Position, toPositions } from './positions.js';
import { estimatePremium, type PremiumEstimate, THESIS5_PLTR } from './premium.js';
import { type CoverageStatus, coverage } from './watchlist.js';

/**
 * Read models for the CLI, API and dashboard: stored filings → positions → analytics. Reads
 * the store; every computation is in the pure modules beside this one.
 */
export type PriceHistory = (ticker: string, until: string) => Promise<PriceWindow | null>;

/** The PriceHistory hook read from the store's price_bars (markets domain). */
export function storePriceHistory(db: Db): PriceHistory {
  return (ticker, until) => priceWindow(db, ticker, until);
}

export interface HoldingsReport {
  cik: number;
  filer: string | null;
  period: string;
  filings: {
    accession: string;
    form: string;
    filed: string | null;
    action: string;
    reason: string;
    unit: string;
    unitRule: string;
    unitDetail: string;
  }[];
  positions: Position[];
  exposure: Exposure;
  concentration: Concentration;
  /** Put/call rows: reported notional next to the estimated premium range. */
  options: OptionRow[];
  /** Says plainly what the option figures are (and are not). */
  notionalCaveat: string;
}

function mapTickers(positions: Position[], resolver?: TickerResolver): Position[] {
  return positions.map((p) => ({ ...p, ticker: resolver?.resolve(p.cusip, p.issuer)?.ticker ?? null }));
}

export async function holdingsReport(
  db: Db,
  cik: number,
  period?: string,
  resolver?: TickerResolver,
  topN = 5,
  prices?: PriceHistory,
): Promise<HoldingsReport> {
  const periods = await periodsOf(db, cik);
  const p = period ?? periods[periods.length - 1];
  if (!p || !periods.includes(p)) {
    throw new TidewatchError(
      'not-found',
      `no 13F report stored for CIK ${cik}${period ? ` and period ${period}` : ''} (stored periods: ${periods.join(', ') || 'none'})`,
      { hint: 'run `tidewatch update --source sec` or `tidewatch import 13f FILE`' },
    );
  }
  const q = await quarterHoldings(db, cik, p);
  const byAcc = new Map<string, StoredFiling>(q.filings.map((f) => [f.accession, f]));
  const positions = mapTickers(toPositions(q.holdings), resolver);
  return {
    cik,
    filer: q.filings.find((f) => f.filer_name)?.filer_name ?? null,
    period: p,
    filings: q.applied.map((a) => {
      const f = byAcc.get(a.accession)!;
      return {
        accession: a.accession,
        form: f.form,
        filed: f.filed,
        action: a.action,
        reason: a.reason,
        unit: f.value_unit,
        unitRule: f.unit_rule,
        unitDetail: f.unit_detail,
      };
    }),
    positions,
    exposure: exposure(positions),
    concentration: concentration(positions, topN),
    options: await optionRows(positions, p, prices),
    notionalCaveat: NOTIONAL_CAVEAT,
  };
}

export interface DiffReport {
  cik: number;
  from: string;
  to: string;
  summary: Record<string, number>;
  changes: PositionChange[];
}

export async function diffReport(db: Db, cik: number, from?: string, to?: string): Promise<DiffReport> {
  const periods = await periodsOf(db, cik);
  const t = to ?? periods[periods.length - 1];
  const f = from ?? (t ? periods[periods.indexOf(t) - 1] : undefined);
  if (!t || !f) {
    throw new TidewatchError(
      'not-found',
      `need two stored 13F quarters for CIK ${cik} to diff (stored: ${periods.join(', ') || 'none'})`,
    );
  }
  const a = await holdingsReport(db, cik, f);
  const b = await holdingsReport(db, cik, t);
  const changes = diffPositions(a.positions, b.positions);
  return { cik, from: f, to: t, summary: summariseDiff(changes), changes };
}

export interface OptionRow {
  issuer: string;
  ticker: string | null;
  putCall: 'Put' | 'Call';
  shares: number;
  notionalUsd: number;
  /** Underlying price implied by the filing (value ÷ shares): 13F values options at the underlying. */
  impliedSpot: number;
  premium: PremiumEstimate | null;
  premiumNote: string | null;
}

export interface WatchlistEntry {
  cik: number;
  name: string;
  note: string;
  coverage: CoverageStatus;
  latest: HoldingsReport | null;
  options: OptionRow[];
  /** Put notional per stored quarter: the history of the put book. */
  putHistory: { period: string; putNotionalUsd: number; callNotionalUsd: number; totalUsd: number }[];
  /** The quarter with the largest put notional on file, when it is not the latest (e.g. Scion 2023-06-30). */
  peakPutBook: { period: string; putNotionalUsd: number; options: OptionRow[] } | null;
}

export const RISK_FREE_RATE = 0.04;

export async function optionRows(
  positions: Position[],
  period: string,
  prices?: PriceHistory,
): Promise<OptionRow[]> {
  const out: OptionRow[] = [];
  for (const p of positions) {
    if (!p.putCall || p.shares <= 0) continue;
    // 13F values an option row at the underlying (shares × price), so this is the filer's spot.
    const spot = p.valueUsd / p.shares;
    let premium: PremiumEstimate | null = null;
    let note: string | null = null;
    const window = p.ticker && prices ? await prices(p.ticker, period) : null;
    const vol = window ? realisedVol(window.closes) : null;
    if (window && vol) {
      premium = estimatePremium({
        putCall: p.putCall,
        shares: p.shares,
        spot,
        vol,
        rate: RISK_FREE_RATE,
        volSource: `${Math.min(window.closes.length - 1, 252)} daily returns to ${window.to} (${window.source})`,
      });
    } else if (window) {
      note = `only ${window.closes.length} closes for ${p.ticker} up to ${period} in ${window.source}: premium not estimated`;
    } else {
      note = p.ticker
        ? `no price history for ${p.ticker} up to ${period} (import prices: tidewatch import prices FILE): premium not estimated`
        : 'ticker unknown (add it to the CUSIP mapping file or run tidewatch 13f map-cusips): premium not estimated';
    }
    out.push({
      issuer: p.issuer,
      ticker: p.ticker ?? null,
      putCall: p.putCall,
      shares: p.shares,
      notionalUsd: p.valueUsd,
      impliedSpot: spot,
      premium,
      premiumNote: note,
    });
  }
  return out;
}

export async function watchlistReport(
  db: Db,
  today: string,
  resolver?: TickerResolver,
  prices?: PriceHistory,
): Promise<{ entries: WatchlistEntry[]; thesis5: typeof THESIS5_PLTR }> {
  const entries: WatchlistEntry[] = [];
  for (const w of await getWatchlist(db)) {
    const periods = (await listFilings(db, w.cik))
      .filter((f) => !/NOTICE/.test(f.report_type ?? ''))
      .map((f) => f.period);
    const cov = coverage(periods, today);
    const latest = cov.latestOnFile
      ? await holdingsReport(db, w.cik, cov.latestOnFile, resolver, 5, prices)
      : null;
    const putHistory = [];
    for (const p of [...new Set(periods)].sort()) {
      const e = (await holdingsReport(db, w.cik, p)).exposure;
      putHistory.push({
        period: p,
        putNotionalUsd: e.putNotionalUsd,
        callNotionalUsd: e.callNotionalUsd,
        totalUsd: e.totalUsd,
      });
    }
    const peak = putHistory.reduce<(typeof putHistory)[number] | null>(
      (a, b) => (b.putNotionalUsd > (a?.putNotionalUsd ?? 0) ? b : a),
      null,
    );
    const peakPutBook =
      peak && peak.period !== latest?.period
        ? {
            period: peak.period,
            putNotionalUsd: peak.putNotionalUsd,
            options: (await holdingsReport(db, w.cik, peak.period, resolver, 5, prices)).options,
          }
        : null;
    entries.push({
      ...w,
      coverage: cov,
      latest,
      options: latest?.options ?? [],
      putHistory,
      peakPutBook,
    });
  }
  return { entries, thesis5: THESIS5_PLTR };
}
