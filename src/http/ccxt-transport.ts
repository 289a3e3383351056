import { TidewatchError } from '../core/errors.js';
import type { Http } from './types.js';

/** The one transport method every ccxt REST call goes through (`Exchange.fetch`). */
export interface CcxtTransport {
  fetch: (url: string, method?: string, headers?: Record<string, string>, body?: unknown) => Promise<unknown>;
}

/**
 * Hand a ccxt exchange's transport to the HTTP layer: its requests then get the same per-host
 * limits, retries, archive, replay and record as every other source, and nothing reaches the
 * network on its own. Only public GET endpoints are used, so any other method is refused.
 */
export function routeCcxtThroughHttp(exchange: CcxtTransport, http: Http, exchangeId: string): void {
  exchange.fetch = async (url, method = 'GET', headers) => {
    if (method !== 'GET') {
      throw new TidewatchError('config', `${exchangeId}: refusing ${method} ${url} (public read-only use)`);
    }
    const res = await http.get(url, { source: 'crypto', ...(headers ? { headers } : {}) });
    return res.json();
  };
}
