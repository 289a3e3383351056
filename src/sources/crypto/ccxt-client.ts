import { TidewatchError } from '../../core/errors.js';
import { type CcxtTransport, routeCcxtThroughHttp } from '../../http/ccxt-transport.js';
import type { Http } from '../../http/types.js';
import type { ExchangeClient, FundingRateHistoryEntry, OHLCV, OpenInterestEntry } from './exchange.js';

/**
 * ExchangeClient backed by a real ccxt exchange whose transport is handed to the HTTP layer
 * (`routeCcxtThroughHttp`), so ccxt never reaches the network by itself.
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
  const ex = new Ctor({ enableRateLimit: true }) as Record<string, unknown> &
    CcxtTransport & {
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
  routeCcxtThroughHttp(ex, http, exchangeId);
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
