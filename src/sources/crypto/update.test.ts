import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import { withMemoryStore } from '../../store/memory.testkit.js';
import type { Store } from '../../store/store.js';
import { makeCryptoUpdateJob } from '../../update/registry.js';
import { silentProgress } from '../../update/types.js';
import { mergedCloses } from '../prices/repository.js';
import type { ExchangeClient, OHLCV } from './exchange.js';
import { readFunding, readOpenInterest } from './repository.js';

/*
 * HAND-WRITTEN FROM ccxt's DOCUMENTATION (OHLCV, funding-rate-history and open-interest
 * structures). Not recorded exchange responses: none exist in ../shared/data.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const fake: ExchangeClient = {
  id: 'fake',
  async fetchOHLCV(symbol, _tf, since = 0, limit = 1000) {
    if (symbol.startsWith('ETH'))
      throw new (class BadSymbol extends Error {})('binance does not have market symbol ETH/USDT');
    const all: OHLCV[] = [0, 1, 2, 4].map((i) => [T0 + i * DAY, 100, 110, 90, 105 + i, 1000]);
    return all.filter((c) => c[0] >= since).slice(0, limit);
  },
  async fetchFundingRateHistory(symbol, since = 0) {
    return [0, 1, 2]
      .map((i) => ({ symbol, fundingRate: [0.0001, 0.0002, 0.0003][i]!, timestamp: T0 + i * 8 * 3_600_000 }))
      .filter((f) => f.timestamp >= since);
  },
  async fetchOpenInterestHistory() {
    throw new TidewatchError(
      'replay-miss',
      'replay: no recorded response for GET https://fapi.binance.com/futures/data/openInterestHist',
    );
  },
};

let store: Store;
withMemoryStore((s) => {
  store = s;
}, 'all');

describe("update job 'crypto' (fake ccxt client)", () => {
  it('stores klines and funding, reports the kline gap, a per-symbol BadSymbol and a replay miss, and carries on', async () => {
    const logs: string[] = [];
    const job = makeCryptoUpdateJob(async () => fake);
    const out = await job.run({
      store,
      http: {
        get: async () => {
          throw new Error('unused');
        },
      },
      progress: silentProgress,
      log: (l) => logs.push(l),
      runId: 1,
      today: '2026-01-10',
      from: '2026-01-01',
    });
    expect(out.map((s) => [s.series, s.status])).toEqual([
      ['BTC daily klines ← binance', 'ok'],
      ['BTC funding 8h ← binanceusdm', 'ok'],
      ['BTC open interest 1d ← binanceusdm', 'skipped'],
      ['ETH daily klines ← binance', 'failed'],
      ['ETH funding 8h ← binanceusdm', 'ok'],
      ['ETH open interest 1d ← binanceusdm', 'skipped'],
    ]);
    expect(out[0]!.warnings).toEqual(['BTC: 1 day(s) missing after 2026-01-03']);
    expect(out[3]!.reason).toMatch(/^not-found: .*ETH\/USDT/);
    expect((await mergedCloses(store.db, 'BTC')).points.map((p) => p.value)).toEqual([105, 106, 107, 109]);
    expect((await readFunding(store.db, 'BTC')).map((f) => f.rate)).toEqual([0.0001, 0.0002, 0.0003]);
    expect(await readOpenInterest(store.db, 'BTC')).toEqual([]);
    expect(logs).toHaveLength(3);
  });
});
