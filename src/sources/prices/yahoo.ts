import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import { checkBars } from './quality.js';
import type { CorporateAction, ParsedPrices, PriceBar } from './types.js';

/**
 * Yahoo Finance v8 chart endpoint (keyless). One request returns daily bars, split-adjusted
 * `close`, split+dividend `adjclose`, and the split/dividend events, so raw closes can be
 * rebuilt and the NVDA 10:1 split of 2024-06-10 arrives as an event, not a −90 % day.
 */
export const YAHOO_CHART = 'https://query1.finance.yahoo.com/v8/finance/chart/';

/** Our universe names -> Yahoo tickers (crypto trades as BTC-USD there). */
export function yahooTicker(symbol: string): string {
  if (symbol === 'BTC' || symbol === 'ETH') return `${symbol}-USD`;
  return symbol;
}

export function yahooChartUrl(symbol: string, period1 = 0, period2 = 9_999_999_999): string {
  return `${YAHOO_CHART}${encodeURIComponent(yahooTicker(symbol))}?period1=${period1}&period2=${period2}&interval=1d&events=div%2Csplits&includeAdjustedClose=true`;
}

interface ChartResult {
  meta?: {
    symbol?: string;
    currency?: string;
    gmtoffset?: number;
    currentTradingPeriod?: { regular?: { start?: number; end?: number } };
  };
  timestamp?: number[];
  events?: {
    dividends?: Record<string, { amount: number; date: number }>;
    splits?: Record<string, { date: number; numerator: number; denominator: number; splitRatio?: string }>;
  };
  indicators?: {
    quote?: Array<{
      open?: (number | null)[];
      high?: (number | null)[];
      low?: (number | null)[];
      close?: (number | null)[];
      volume?: (number | null)[];
    }>;
    adjclose?: Array<{ adjclose?: (number | null)[] }>;
  };
}

interface ChartResponse {
  chart?: { result?: ChartResult[] | null; error?: { code?: string; description?: string } | null };
}

/** Exchange-local calendar date of a bar: Yahoo stamps daily bars at the session open (UTC s). */
function localDate(ts: number, gmtoffset: number): string {
  return new Date((ts + gmtoffset) * 1000).toISOString().slice(0, 10);
}

/**
 * Parse a chart response. `fetchedAt` (ISO) lets us drop a bar for a session still open
 * when the response was fetched: Yahoo's newest daily bar is live until the close.
 */
export function parseYahooChart(
  body: unknown,
  symbol: string,
  url: string,
  fetchedAt?: string,
): ParsedPrices {
  const r = body as ChartResponse;
  const err = r?.chart?.error;
  if (err) {
    const kind = /not found|delisted|no data/i.test(`${err.code} ${err.description}`) ? 'not-found' : 'http';
    throw new TidewatchError(kind, `${url}: Yahoo says ${err.code}: ${err.description}`);
  }
  const res = r?.chart?.result?.[0];
  if (!res?.indicators?.quote?.[0]) {
    throw new TidewatchError(
      'format-changed',
      `${url}: no chart.result[0].indicators.quote[0] in the response`,
    );
  }
  const ts = res.timestamp ?? [];
  const q = res.indicators.quote[0];
  const adj = res.indicators.adjclose?.[0]?.adjclose;
  const off = res.meta?.gmtoffset ?? 0;
  const bars: PriceBar[] = [];
  const dropped: ParsedPrices['dropped'] = [];
  for (let i = 0; i < ts.length; i++) {
    const date = localDate(ts[i]!, off);
    const close = q.close?.[i];
    if (close === null || close === undefined) {
      dropped.push({ date, reason: 'null close (no trade)' });
      continue;
    }
    if (!(close > 0))
      throw new TidewatchError('bad-input', `${url}: close ${close} on ${date} is not positive`);
    bars.push({
      date,
      open: q.open?.[i] ?? null,
      high: q.high?.[i] ?? null,
      low: q.low?.[i] ?? null,
      close,
      adjClose: adj?.[i] ?? close,
      volume: q.volume?.[i] ?? null,
    });
  }
  const actions: CorporateAction[] = [];
  const source = 'yahoo-chart';
  for (const s of Object.values(res.events?.splits ?? {})) {
    if (s.denominator > 0)
      actions.push({
        symbol,
        date: localDate(s.date, off),
        kind: 'split',
        value: s.numerator / s.denominator,
        source,
      });
  }
  for (const d of Object.values(res.events?.dividends ?? {})) {
    actions.push({ symbol, date: localDate(d.date, off), kind: 'dividend', value: d.amount, source });
  }
  actions.sort((a, b) => (a.date < b.date ? -1 : 1));
  const notes: string[] = [];
  const end = res.meta?.currentTradingPeriod?.regular?.end;
  const last = bars[bars.length - 1];
  if (fetchedAt && end && last && Date.parse(fetchedAt) < end * 1000 && localDate(end, off) === last.date) {
    bars.pop();
    dropped.push({ date: last.date, reason: 'session still open when fetched' });
  }
  // Splits come as events and closes are already split-adjusted: a remaining jump is a data error.
  const checked = checkBars(bars, {
    file: url,
    symbol,
    source,
    format: 'yahoo-chart',
    closeBasis: 'split',
    partialLast: 'flag',
    repairSplits: true,
  });
  return {
    file: url,
    format: 'yahoo-chart',
    symbol,
    closeBasis: 'split',
    source,
    bars: checked.bars,
    actions: [...actions, ...checked.actions],
    dropped: [...dropped, ...checked.dropped],
    notes: [...notes, ...checked.notes],
  };
}

export async function fetchYahooDaily(
  http: Http,
  symbol: string,
  opts: { period1?: number; period2?: number } = {},
): Promise<ParsedPrices> {
  const url = yahooChartUrl(symbol, opts.period1, opts.period2);
  const res = await http.get(url, { source: 'prices' });
  return parseYahooChart(res.json(), symbol, res.url, res.fromReplay ? undefined : res.fetchedAt);
}
