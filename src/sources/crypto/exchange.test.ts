import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import * as exchange from './exchange.js';

/*
 * HAND-WRITTEN FROM ccxt's DOCUMENTATION (docs.ccxt.com, Manual → "OHLCV Structure",
 * "Funding Rate History Structure", "Open Interest Structure"). Not recorded exchange responses:
 * none exist in ../shared/data (see crypto/PROVENANCE.md). Values are made up; shapes are ccxt's.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 9, 1); // 2025-10-01
const candle = (i: number): exchange.OHLCV => [T0 + i * DAY, 100 + i, 101 + i, 99 + i, 100.5 + i, 1000];

/** A fake exchange with a 3-row page cap that repeats the boundary row and lacks day 5. */
function fakeExchange(): exchange.ExchangeClient & { calls: number[] } {
  const days = [0, 1, 2, 3, 4, 6, 7, 8].map(candle); // day 5 missing
  const calls: number[] = [];
  return {
    id: 'fake',
    calls,
    async fetchOHLCV(_s, _tf, since = 0, limit = 500) {
      calls.push(since);
      // Like many exchanges: inclusive of `since` minus one step (boundary repeated).
      return days.filter((c) => c[0] >= since - DAY).slice(0, Math.min(limit, 3));
    },
    async fetchFundingRateHistory(symbol, since = 0, limit = 100) {
      const out: exchange.FundingRateHistoryEntry[] = [];
      for (let i = 0; i < 9; i++) {
        const timestamp = T0 + i * 8 * 3_600_000;
        if (timestamp >= since)
          out.push({
            symbol,
            fundingRate: 0.0001,
            timestamp,
            datetime: new Date(timestamp).toISOString(),
            info: {},
          });
      }
      return out.slice(0, limit);
    },
    async fetchOpenInterestHistory(symbol, _tf, since = 0, limit = 100) {
      const out: exchange.OpenInterestEntry[] = [];
      for (let i = 0; i < 4; i++) {
        const timestamp = T0 + i * 3_600_000;
        if (timestamp >= since)
          out.push({ symbol, openInterestAmount: 1000 + i, openInterestValue: 1e8 + i, timestamp, info: {} });
      }
      return out.slice(0, limit);
    },
  };
}

describe('ccxt pagination (fake ExchangeClient, hand-written ccxt shapes)', () => {
  it('OHLCV: since/limit loop, boundary duplicates removed, the missing day reported as a gap', async () => {
    const ex = fakeExchange();
    const r = await exchange.fetchAllOHLCV(ex, 'BTC/USDT', '1d', { since: T0, limit: 3 });
    expect(r.rows.map((c) => (c[0] - T0) / DAY)).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    expect(r.duplicates).toBeGreaterThan(0);
    expect(r.gaps).toEqual([{ after: T0 + 4 * DAY, before: T0 + 6 * DAY, missing: 1 }]);
    expect(ex.calls[1]).toBe(T0 + 2 * DAY + 1); // next page asks from just after the newest row
  });
  it('OHLCV: `until` stops the loop', async () => {
    const r = await exchange.fetchAllOHLCV(fakeExchange(), 'BTC/USDT', '1d', {
      since: T0,
      until: T0 + 3 * DAY,
      limit: 2,
    });
    expect(r.rows).toHaveLength(3);
  });
  it('funding history and open interest page the same way', async () => {
    const f = await exchange.fetchAllFunding(fakeExchange(), 'BTC/USDT:USDT', { since: T0, limit: 4 });
    expect(f.rows).toHaveLength(9);
    expect(f.gaps).toEqual([]);
    const oi = await exchange.fetchAllOpenInterest(fakeExchange(), 'BTC/USDT:USDT', '1h', {
      since: T0,
      limit: 2,
    });
    expect(oi.rows.map((r) => r.openInterestAmount)).toEqual([1000, 1001, 1002, 1003]);
  });
  it('per-symbol errors: a rate limit and an unlisted symbol are reported, others carry on', async () => {
    class RateLimitExceeded extends Error {}
    class BadSymbol extends Error {}
    const ex = fakeExchange();
    const res = await exchange.perSymbol(['BTC/USDT', 'NOPE/USDT', 'ETH/USDT'], async (s) => {
      if (s === 'NOPE/USDT') throw new BadSymbol('binance does not have market symbol NOPE/USDT');
      if (s === 'ETH/USDT') throw new RateLimitExceeded('429 Too Many Requests');
      return exchange.fetchAllOHLCV(ex, s, '1d', { since: T0, limit: 3 });
    });
    expect(res.map((r) => [r.symbol, r.ok, r.error?.kind ?? null])).toEqual([
      ['BTC/USDT', true, null],
      ['NOPE/USDT', false, 'not-found'],
      ['ETH/USDT', false, 'rate-limited'],
    ]);
    expect(exchange.exchangeErrorKind(new TidewatchError('timeout', 'x'))).toBe('timeout');
  });
  it('unknown timeframe is bad input', () => {
    expect(() => exchange.fetchAllOHLCV(fakeExchange(), 'BTC/USDT', '3d', { since: T0, limit: 3 })).toThrow(
      /timeframe '3d'/,
    );
  });
});
