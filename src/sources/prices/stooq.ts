import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import { parsePriceCsv } from './parse.js';
import type { ParsedPrices } from './types.js';

/**
 * Stooq daily CSV download (keyless): `Date,Open,High,Low,Close,Volume`, split- and
 * dividend-adjusted, fractional adjusted volume. US tickers take a `.us` suffix; indices are
 * `^spx`, `^ndx`. A second keyless connector; `tidewatch update --source prices` uses Yahoo and
 * does not fall back to it yet.
 */
const STOOQ_NAMES: Record<string, string> = { '^GSPC': '^spx', '^NDX': '^ndx', BTC: 'btcusd', ETH: 'ethusd' };

export function stooqUrl(symbol: string): string {
  const s = STOOQ_NAMES[symbol] ?? `${symbol.toLowerCase()}.us`;
  return `https://stooq.com/q/d/l/?s=${encodeURIComponent(s)}&i=d`;
}

export function parseStooqResponse(text: string, symbol: string, url: string): ParsedPrices {
  // Stooq answers an unknown ticker with 200 and the body "No data".
  if (/^\s*no data/i.test(text))
    throw new TidewatchError('not-found', `${url}: Stooq has no data for ${symbol}`);
  const p = parsePriceCsv(text, { file: url, symbol });
  return { ...p, source: 'stooq' };
}

export async function fetchStooqDaily(http: Http, symbol: string): Promise<ParsedPrices> {
  const url = stooqUrl(symbol);
  const res = await http.get(url, { source: 'prices' });
  return parseStooqResponse(res.text(), symbol, res.url);
}
