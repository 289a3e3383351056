import { type ErrorKind, reasonOf, TidewatchError } from '../../core/errors.js';

/**
 * The slice of ccxt's unified API we use, in ccxt's own shapes (docs.ccxt.com, "Unified API"):
 * OHLCV rows are `[timestamp_ms, open, high, low, close, volume]`; funding-rate and
 * open-interest structures are objects with `timestamp` in ms. Tests swap in a fake.
 */
export type OHLCV = [number, number, number, number, number, number];

export interface FundingRateHistoryEntry {
  symbol: string;
  fundingRate: number;
  timestamp: number;
  datetime?: string;
  info?: unknown;
}

export interface OpenInterestEntry {
  symbol: string;
  openInterestAmount?: number | null;
  openInterestValue?: number | null;
  baseVolume?: number | null;
  quoteVolume?: number | null;
  timestamp: number;
  datetime?: string;
  info?: unknown;
}

export interface ExchangeClient {
  readonly id: string;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<OHLCV[]>;
  fetchFundingRateHistory(symbol: string, since?: number, limit?: number): Promise<FundingRateHistoryEntry[]>;
  fetchOpenInterestHistory(
    symbol: string,
    timeframe: string,
    since?: number,
    limit?: number,
  ): Promise<OpenInterestEntry[]>;
}

export const TIMEFRAME_MS: Record<string, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '8h': 28_800_000,
  '1d': 86_400_000,
};

export interface Gap {
  /** Last timestamp before the hole and the first after it (ms). */
  after: number;
  before: number;
  missing: number;
}

export interface Paged<T> {
  rows: T[];
  pages: number;
  duplicates: number;
  gaps: Gap[];
}

export interface PageOptions {
  since: number;
  /** Stop once rows reach this time (ms, exclusive); default: until a page comes back empty. */
  until?: number;
  limit: number;
  /** Expected spacing, for gap reports. */
  stepMs: number;
  maxPages?: number;
}

/**
 * Page through a since/limit endpoint: ask from `since`, move `since` past the newest row
 * returned, stop on an empty page, on no progress, or at `until`. Rows are de-duplicated by
 * timestamp (exchanges repeat the boundary row) and holes larger than 1.5 steps are reported,
 * never filled (per ccxt #27745/#27461: funding history has per-exchange caps and gaps).
 */
export async function paginate<T>(
  fetchPage: (since: number, limit: number) => Promise<T[]>,
  timeOf: (row: T) => number,
  opts: PageOptions,
): Promise<Paged<T>> {
  const byTime = new Map<number, T>();
  let since = opts.since;
  let pages = 0;
  let duplicates = 0;
  const maxPages = opts.maxPages ?? 10_000;
  while (pages < maxPages) {
    const page = await fetchPage(since, opts.limit);
    pages++;
    if (page.length === 0) break;
    let newest = -Infinity;
    for (const row of page) {
      const t = timeOf(row);
      if (opts.until !== undefined && t >= opts.until) continue;
      if (byTime.has(t)) duplicates++;
      else byTime.set(t, row);
      if (t > newest) newest = t;
    }
    if (!(newest >= since)) break; // no progress: the exchange keeps returning older rows
    since = newest + 1;
    if (opts.until !== undefined && since >= opts.until) break;
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const gaps: Gap[] = [];
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d > opts.stepMs * 1.5)
      gaps.push({ after: times[i - 1]!, before: times[i]!, missing: Math.round(d / opts.stepMs) - 1 });
  }
  return { rows: times.map((t) => byTime.get(t)!), pages, duplicates, gaps };
}

/** Milliseconds per bar of a ccxt timeframe ('1d', '8h'…); an unknown one is refused by name. */
function timeframeMs(timeframe: string): number {
  const stepMs = TIMEFRAME_MS[timeframe];
  if (!stepMs)
    throw new TidewatchError(
      'bad-input',
      `timeframe '${timeframe}' not one of ${Object.keys(TIMEFRAME_MS).join(', ')}`,
    );
  return stepMs;
}

type FetchOptions = Omit<PageOptions, 'stepMs'>;

/** Every page of a dataset with one row per `timeframe` (the spacing gaps are measured against). */
function paginateEvery<T>(
  timeframe: string,
  opts: FetchOptions,
  fetchPage: (since: number, limit: number) => Promise<T[]>,
  timeOf: (row: T) => number,
): Promise<Paged<T>> {
  return paginate(fetchPage, timeOf, { ...opts, stepMs: timeframeMs(timeframe) });
}

export function fetchAllOHLCV(ex: ExchangeClient, symbol: string, timeframe: string, opts: FetchOptions) {
  return paginateEvery(
    timeframe,
    opts,
    (s, l) => ex.fetchOHLCV(symbol, timeframe, s, l),
    (r) => r[0],
  );
}

/** Funding prints every 8 hours (Binance USDT-margined perps). */
export function fetchAllFunding(ex: ExchangeClient, symbol: string, opts: FetchOptions) {
  return paginateEvery(
    '8h',
    opts,
    (s, l) => ex.fetchFundingRateHistory(symbol, s, l),
    (r) => r.timestamp,
  );
}

export function fetchAllOpenInterest(
  ex: ExchangeClient,
  symbol: string,
  timeframe: string,
  opts: FetchOptions,
) {
  return paginateEvery(
    timeframe,
    opts,
    (s, l) => ex.fetchOpenInterestHistory(symbol, timeframe, s, l),
    (r) => r.timestamp,
  );
}

/** ccxt error class names -> our kinds, so a rate limit and an unlisted symbol read differently. */
export function exchangeErrorKind(e: unknown): ErrorKind {
  if (e instanceof TidewatchError) return e.kind;
  const names: string[] = [];
  let p = e && typeof e === 'object' ? Object.getPrototypeOf(e) : null;
  while (p && p !== Object.prototype) {
    names.push(p.constructor?.name ?? '');
    p = Object.getPrototypeOf(p);
  }
  if (e instanceof Error) names.push(e.name);
  if (names.some((n) => n === 'RateLimitExceeded' || n === 'DDoSProtection')) return 'rate-limited';
  if (names.some((n) => n === 'BadSymbol' || n === 'NotSupported')) return 'not-found';
  if (names.includes('RequestTimeout')) return 'timeout';
  if (names.some((n) => n === 'NetworkError' || n === 'ExchangeNotAvailable')) return 'network';
  return 'http';
}

export interface SymbolResult<T> {
  symbol: string;
  ok: boolean;
  result: Paged<T> | null;
  error: { kind: ErrorKind; message: string } | null;
}

/** Run one fetch per symbol; one symbol's failure is reported, the others carry on. */
export async function perSymbol<T>(
  symbols: string[],
  run: (s: string) => Promise<Paged<T>>,
): Promise<SymbolResult<T>[]> {
  const out: SymbolResult<T>[] = [];
  for (const symbol of symbols) {
    try {
      out.push({ symbol, ok: true, result: await run(symbol), error: null });
    } catch (e) {
      out.push({
        symbol,
        ok: false,
        result: null,
        error: { kind: exchangeErrorKind(e), message: reasonOf(e) },
      });
    }
  }
  return out;
}
