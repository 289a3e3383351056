/**
 * Store -> inputs of the pure market analytics (the only I/O in this folder). Used by the CLI,
 * the API and the risk/backtest helpers.
 */

import { daysBetween, today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { LIQUIDITY_COMPONENTS } from '../../indicators/liquidity.js';
import { type CryptoStress, cryptoStress, type SourcedPoint } from '../../indicators/markets/crypto.js';
import { DEFAULT_GROUPS, type DurationResult, durationRanking } from '../../indicators/markets/duration.js';
import type { Point } from '../../indicators/markets/series.js';
import { readFunding, readOpenInterest } from '../../sources/crypto/repository.js';
import type { SourcedSeries } from '../../sources/prices/rebase.js';
import { mergeWithin, readAdjustedCloses, readBars } from '../../sources/prices/repository.js';
import { universe } from '../../sources/prices/universe.js';
import type { Store } from '../../store/store.js';
import { type Calibration, calibrateOnDay, DEFAULT_BOOK, DEFAULT_IMPACT } from '../cascade/calibrate.js';
import { buildPositionBook } from '../cascade/positions.js';
import { binBook, type CascadeResult, type ImpactParams, simulateCascade } from '../cascade/simulate.js';
import { asDailyPrices, loadSeriesAsOf } from '../regime/load.js';
import type { DailyPrices } from '../scorecard/score.js';
import { durationSortingOn, netLiquidityPoints } from '../theses/duration-sorting.js';

/**
 * Index closes that also live in the core observations table (FRED SP500 covers 2021-03 onward,
 * where the shared ^GSPC price files have a hole): merged in as one more source.
 */
export const INDEX_SERIES: Record<string, string> = { '^GSPC': 'SP500' };

/**
 * Stand-ins for symbols with no stored history of their own (no ^NDX file exists in the shared
 * data): Nasdaq-100 futures (continuous front month, 2000 →), then QQQ.
 */
export const PROXIES: Record<string, string[]> = { '^NDX': ['NQ=F', 'QQQ'] };

/** Index series merged into a symbol's closes (see INDEX_SERIES), as known by `to`. */
async function indexSources(store: Store, symbol: string, to?: string): Promise<SourcedSeries[]> {
  const seriesId = INDEX_SERIES[symbol];
  if (!seriesId) return [];
  const obs = await store.getObservations(seriesId, to ? { asOf: to } : {});
  return obs.length
    ? [{ source: `fred:${seriesId}`, points: obs.map((o) => ({ date: o.date, value: o.value })) }]
    : [];
}

export type Merged = ReturnType<typeof mergeWithin>;

/** Price-bar sources merged with any index series of the same symbol (see INDEX_SERIES). */
export async function mergedFor(
  store: Store,
  symbol: string,
  q: { from?: string; to?: string } = {},
): Promise<Merged> {
  const stored = (await readAdjustedCloses(store.db, [symbol], q.to ? { to: q.to } : {})).get(symbol) ?? [];
  return mergeWithin(stored, await indexSources(store, symbol, q.to), q);
}

/** `mergedFor` of several symbols from one read of the store. */
export async function mergedForMany(
  store: Store,
  symbols: readonly string[],
  q: { to?: string } = {},
): Promise<Map<string, Merged>> {
  const stored = await readAdjustedCloses(store.db, symbols, q);
  const out = new Map<string, Merged>();
  for (const s of symbols)
    out.set(s, mergeWithin(stored.get(s) ?? [], await indexSources(store, s, q.to), q));
  return out;
}

/** Merged points already name their source (and the re-basing factor): used as they are. */
function sourced(m: Merged | undefined): SourcedPoint[] {
  return m?.points ?? [];
}

/** Merged adjusted closes of a symbol, each point naming its source. */
export async function closesOf(
  store: Store,
  symbol: string,
  q: { from?: string; to?: string } = {},
): Promise<SourcedPoint[]> {
  return sourced(await mergedFor(store, symbol, q));
}

/** The symbol's own closes, or those of its first proxy with any (`via` names it). */
function ownOrProxy(
  symbol: string,
  closes: (s: string) => SourcedPoint[],
): { points: SourcedPoint[]; via: string | null } {
  const own = closes(symbol);
  if (own.length) return { points: own, via: null };
  for (const p of PROXIES[symbol] ?? []) {
    const pts = closes(p);
    if (pts.length) return { points: pts, via: p };
  }
  return { points: [], via: null };
}

/** Closes of `symbol`, or of its first stored proxy; `via` names the proxy used. */
export async function closesOrProxy(
  store: Store,
  symbol: string,
  asOf?: string,
): Promise<{ points: SourcedPoint[]; via: string | null }> {
  const merged = await mergedForMany(store, [symbol, ...(PROXIES[symbol] ?? [])], asOf ? { to: asOf } : {});
  return ownOrProxy(symbol, (s) => sourced(merged.get(s)));
}

/**
 * The S&P 500 for betas: ^GSPC (price files + FRED SP500) when current, else SPY (total-return
 * ETF proxy, history from 1993).
 */
function pickSpx(gspc: SourcedPoint[], spy: SourcedPoint[]): { symbol: string; points: Point[] } {
  const lastG = gspc.at(-1)?.date;
  const lastS = spy.at(-1)?.date;
  if (lastG && (!lastS || daysBetween(lastG, lastS) <= 31)) return { symbol: '^GSPC', points: gspc };
  return { symbol: 'SPY', points: spy };
}

export async function spxCloses(store: Store, asOf?: string): Promise<{ symbol: string; points: Point[] }> {
  const merged = await mergedForMany(store, ['^GSPC', 'SPY'], asOf ? { to: asOf } : {});
  return pickSpx(sourced(merged.get('^GSPC')), sourced(merged.get('SPY')));
}

/**
 * The group members' closes as the ledger reads them (`loadPrices`: the stored sources merged, no
 * index series — none of the members has one), from the read the ranking already made.
 */
function groupPrices(symbols: readonly string[], merged: Map<string, Merged>): Record<string, DailyPrices> {
  const out: Record<string, DailyPrices> = {};
  for (const s of symbols) {
    const m = merged.get(s);
    if (m?.points.length) out[s] = asDailyPrices(m.points);
  }
  return out;
}

export interface DurationReport extends DurationResult {
  /** The day everything was read as of (nothing published later is used). */
  asOf: string;
  spxSymbol: string;
  notStored: string[];
  /** Symbol -> the proxy whose prices stood in for it. */
  proxies: Record<string, string>;
  /** Where the thesis-3 verdict comes from: the ledger's definition, or a custom squeeze definition. */
  thesisBasis: string;
}

export async function durationFromStore(
  store: Store,
  opts: {
    symbols?: string[];
    thresholdPct?: number;
    lookbackWeeks?: number;
    netLiquidity?: Point[];
    dgs10?: Point[];
    /** Only prices and series published by this day (default today). */
    asOf?: string;
  } = {},
): Promise<DurationReport> {
  const asOf = opts.asOf ?? today();
  const wanted = opts.symbols ?? universe();
  const groupSymbols = Object.keys(DEFAULT_GROUPS);
  // Every price the ranking, the market beta and the thesis-3 groups need, read once.
  const needed = [
    ...new Set([...wanted, ...wanted.flatMap((s) => PROXIES[s] ?? []), '^GSPC', 'SPY', ...groupSymbols]),
  ];
  const merged = await mergedForMany(store, needed, { to: asOf });
  const closes = (s: string) => sourced(merged.get(s));
  const assets = [];
  const notStored: string[] = [];
  const proxies: Record<string, string> = {};
  for (const s of wanted) {
    const r = ownOrProxy(s, closes);
    if (!r.points.length) {
      notStored.push(s);
      continue;
    }
    if (r.via) proxies[s] = r.via;
    assets.push({ symbol: s, prices: r.points });
  }
  // Net liquidity from the same weekly definition and the same as-of read as the thesis ledger.
  const series = await loadSeriesAsOf(store, Object.values(LIQUIDITY_COMPONENTS), asOf);
  const netLiquidity = opts.netLiquidity ?? netLiquidityPoints(series, asOf);
  if (netLiquidity.length < 30) {
    throw new TidewatchError(
      'not-found',
      'net liquidity history is too short or missing (need WALCL, WTREGEN, RRPONTSYD)',
      {
        hint: 'import the FRED files: tidewatch import fred ../shared/data/fred/WALCL.csv …',
      },
    );
  }
  const dgs10 =
    opts.dgs10 ??
    (await store.getObservations('DGS10', { asOf })).map((o) => ({ date: o.date, value: o.value }));
  const spx = pickSpx(closes('^GSPC'), closes('SPY'));
  const custom =
    opts.thresholdPct !== undefined || opts.lookbackWeeks !== undefined || opts.netLiquidity !== undefined;
  const r = durationRanking({
    assets,
    netLiquidity,
    dgs10,
    spx: spx.points,
    ...(opts.thresholdPct !== undefined ? { thresholdPct: opts.thresholdPct } : {}),
    ...(opts.lookbackWeeks !== undefined ? { lookbackWeeks: opts.lookbackWeeks } : {}),
  });
  // The verdict: the ledger's function on the ledger's inputs (all group members, whatever
  // --symbols says), unless the squeeze definition was changed on purpose.
  const thesis = custom
    ? r.thesis
    : durationSortingOn(series, groupPrices(groupSymbols, merged), asOf, netLiquidity);
  return {
    ...r,
    thesis,
    asOf,
    spxSymbol: spx.symbol,
    notStored,
    proxies,
    thesisBasis: custom
      ? 'custom squeeze definition: differs from the thesis ledger'
      : 'same function and inputs as the thesis ledger (thesis 3)',
  };
}

/**
 * Funding prints of a symbol public by `asOf`, one per timestamp: an 8-hourly print where one is
 * stored, else the daily mean (the same per-8h unit). The stress figures and the funding chart
 * read these.
 */
export async function fundingPrints(
  store: Store,
  symbol: string,
  asOf: string,
): Promise<Array<Point & { source: string }>> {
  const funding = (await readFunding(store.db, symbol, { to: asOf })).filter(
    (f) => f.ts.slice(0, 10) <= asOf,
  );
  const byDate = new Map<string, { value: number; source: string; ts: string }>();
  for (const f of funding) {
    const cur = byDate.get(f.ts);
    if (!cur || f.interval === '8h') byDate.set(f.ts, { value: f.rate, source: f.source, ts: f.ts });
  }
  return [...byDate.values()]
    .sort((a, b) => (a.ts < b.ts ? -1 : 1))
    .map((f) => ({ date: f.ts, value: f.value, source: f.source }));
}

export async function cryptoFromStore(
  store: Store,
  asOfDay?: string,
): Promise<CryptoStress & { fundingSource: string | null }> {
  const asOf = asOfDay ?? today();
  // Daily bars and funding prints are public at their own date/time: as of a day keeps those up to it.
  const upTo = (d: string) => d.slice(0, 10) <= asOf;
  const closes = await closesOf(store, 'BTC', { to: asOf });
  const highs = (await readBars(store.db, 'BTC', { to: asOf }))
    .filter((b) => b.high !== null && upTo(b.date))
    .map((b) => ({ date: b.date, value: b.high!, source: b.source }));
  const fpts = await fundingPrints(store, 'BTC', asOf);
  const oi = (await readOpenInterest(store.db, 'BTC', { to: asOf }))
    .filter((o) => o.valueUsd !== null && upTo(o.ts))
    .map((o) => ({ date: o.ts, value: o.valueUsd! }));
  const s = cryptoStress({ asOf, closes, highs, funding: fpts, openInterest: oi });
  const last = fpts.at(-1);
  return {
    ...s,
    fundingLatest: last ? { value: last.value, date: last.date, source: last.source } : null,
    fundingSource: last?.source ?? null,
  };
}

/** The real day the simulator is calibrated on: 2025-10-10, BTC −16.2 % open-to-low on Binance. */
export const CALIBRATION_DAY = '2025-10-10';

export interface CascadeReport {
  /** The day the what-if starts from: the last BTC close, funding and open interest known then. */
  asOf: string;
  startPrice: number;
  startDate: string;
  /** Latest funding print and open interest known on the as-of day (null when none is stored). */
  funding: { value: number; date: string; source: string } | null;
  openInterest: { valueUsd: number; date: string } | null;
  shock: number;
  impact: ImpactParams;
  book: Omit<typeof DEFAULT_BOOK, 'leverage'> & { leverage: typeof DEFAULT_BOOK.leverage };
  /** Where the open interest came from: given, stored (known by as-of), or the default assumption. */
  openInterestBasis: 'given' | 'stored' | 'assumed';
  calibration: Omit<Calibration, 'simulated'> | null;
  calibrationNote: string;
  result: CascadeResult;
}

export async function cascadeFromStore(
  store: Store,
  opts: {
    shock: number;
    /** Start from what was known on this day (default today). */
    asOf?: string;
    depthUsdPer1Pct?: number;
    openInterestUsd?: number;
    longShare?: number;
    count?: number;
    model?: 'linear' | 'sqrt';
  },
): Promise<CascadeReport> {
  const asOf = opts.asOf ?? today();
  const btc = await closesOf(store, 'BTC', { to: asOf });
  const last = btc.at(-1);
  if (!last)
    throw new TidewatchError('not-found', `no BTC prices stored up to ${asOf}`, {
      hint: 'tidewatch import crypto ../shared/data/crypto',
    });
  const fundingRows = (await readFunding(store.db, 'BTC', { to: asOf })).filter(
    (f) => f.ts.slice(0, 10) <= asOf,
  );
  const lastFunding = fundingRows.at(-1);
  const oiRows = (await readOpenInterest(store.db, 'BTC', { to: asOf })).filter(
    (o) => o.valueUsd !== null && o.ts.slice(0, 10) <= asOf,
  );
  const lastOi = oiRows.at(-1);
  const openInterestBasis = opts.openInterestUsd !== undefined ? 'given' : lastOi ? 'stored' : 'assumed';
  const book = {
    ...DEFAULT_BOOK,
    ...(opts.openInterestUsd !== undefined
      ? { openInterestUsd: opts.openInterestUsd }
      : lastOi
        ? { openInterestUsd: lastOi.valueUsd! }
        : {}),
    ...(opts.longShare !== undefined ? { longShare: opts.longShare } : {}),
    ...(opts.count !== undefined ? { count: opts.count } : {}),
  };
  const model = opts.model ?? DEFAULT_IMPACT.model;
  let calibration: Omit<Calibration, 'simulated'> | null = null;
  let note: string;
  let depth = opts.depthUsdPer1Pct;
  const binance = (await readBars(store.db, 'BTC', { to: asOf })).filter(
    (b) => b.open !== null && b.volume !== null && b.source.includes('BTCUSDT'),
  );
  if (CALIBRATION_DAY > asOf) {
    depth ??= DEFAULT_IMPACT.depthUsdPer1Pct;
    note = `the calibration day ${CALIBRATION_DAY} is after ${asOf}: default depth used (uncalibrated)`;
  } else if (binance.some((b) => b.date === CALIBRATION_DAY)) {
    const { simulated: _s, ...c } = calibrateOnDay(binance, CALIBRATION_DAY, book, {
      model,
      marketShare: DEFAULT_IMPACT.marketShare,
    });
    calibration = c;
    depth ??= c.depthUsdPer1Pct;
    note = `depth calibrated on ${CALIBRATION_DAY}: trough ${(c.day.trough * 100).toFixed(1)}% matched; simulated liquidations ${c.liquidatedToExcessVolume.toFixed(1)}× the day's excess Binance spot volume`;
  } else {
    depth ??= DEFAULT_IMPACT.depthUsdPer1Pct;
    note = `no ${CALIBRATION_DAY} BTCUSDT bar stored: default depth used (uncalibrated)`;
  }
  const impact: ImpactParams = { depthUsdPer1Pct: depth, model, marketShare: DEFAULT_IMPACT.marketShare };
  const result = simulateCascade(binBook(buildPositionBook({ ...book, price: last.value })), impact, {
    shock: opts.shock,
  });
  return {
    asOf,
    startPrice: last.value,
    startDate: last.date,
    funding: lastFunding
      ? { value: lastFunding.rate, date: lastFunding.ts, source: lastFunding.source }
      : null,
    openInterest: lastOi ? { valueUsd: lastOi.valueUsd!, date: lastOi.ts } : null,
    shock: opts.shock,
    impact,
    book,
    openInterestBasis,
    calibration,
    calibrationNote: note,
    result,
  };
}
