import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import type { ExchangeClient, FundingRateHistoryEntry, OHLCV, OpenInterestEntry } from './exchange.js';

/**
 * ExchangeClient backed by a real ccxt exchange. ccxt's own network calls are routed through
 * our `Http` (archive, rate limits, replay) by replacing the instance's `fetch(url, method,
 * headers, body)` — the one method all its REST calls pass through. Only public GET endpoints
 * are used, so anything else is refused.
 */
export async function createCcxtClient(exchangeId: string, http: Http): Promise<ExchangeClient> {
  const mod = (await import('ccxt')) as unknown as Record<string, unknown> & {
    default?: Record<string, unknown>;
  };
  // The ESM build puts the exchange list on the default export; the named `exchanges` is a map.
  const ccxt = (mod.default ?? mod) as Record<string, unknown> & { exchanges: string[] };
  if (
    !Array.isArray(ccxt.exchanges) ||
    !ccxt.exchanges.includes(exchangeId) ||
    typeof ccxt[exchangeId] !== 'function'
  ) {
    throw new TidewatchError('config', `ccxt has no exchange '${exchangeId}'`, {
      hint: 'e.g. binance, bybit, okx',
    });
  }
  const Ctor = ccxt[exchangeId] as new (cfg: Record<string, unknown>) => Record<string, unknown>;
  const ex = new Ctor({ enableRateLimit: true }) as Record<string, unknown> & {
    fetch: (
      url: string,
      method?: string,
      headers?: Record<string, string>,
      body?: unknown,
    ) => Promise<unknown>;
    has: Record<string, boolean | string | undefined>;
    fetchOHLCV: (s: string, tf: string, since?: number, limit?: number) => Promise<OHLCV[]>;
    fetchFundingRateHistory: (
      s: string,
      since?: number,
      limit?: number,
    ) => Promise<FundingRateHistoryEntry[]>;
    fetchOpenInterestHistory: (
      s: string,
      tf: string,
      since?: number,
      limit?: number,
    ) => Promise<OpenInterestEntry[]>;
  };
  ex.fetch = async (url: string, method = 'GET', headers?: Record<string, string>) => {
    if (method !== 'GET') {
      throw new TidewatchError('config', `${exchangeId}: refusing ${method} ${url} (public read-only use)`);
    }
    const res = await http.get(url, { source: 'crypto', ...(headers ? { headers } : {}) });
    return res.json();
  };
  const need = (cap: string) => {
    if (!ex.has[cap]) throw new TidewatchError('not-found', `${exchangeId} does not offer ${cap} in ccxt`);
  };
  return {
    id: exchangeId,
    fetchOHLCV: async (s, tf, since, limit) => {
      need('fetchOHLCV');
      return ex.fetchOHLCV(s, tf, since, limit);
    },
    fetchFundingRateHistory: async (s, since, limit) => {
      need('fetchFundingRateHistory');
      return ex.fetchFundingRateHistory(s, since, limit);
    },
    fetchOpenInterestHistory: async (s, tf, since, limit) => {
      need('fetchOpenInterestHistory');
      return ex.fetchOpenInterestHistory(s, tf, since, limit);
    },
  };
}
