import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ExchangeClient,
  type FundingRateHistoryEntry,
  fetchAllFunding,
} from '../../src/sources/crypto/exchange.js';
import { parseFundingFile } from '../../src/sources/crypto/funding.js';
import { dataFile } from '../shared-data.js';

/**
 * PEERS.md (markets and crypto): exchange funding-rate history has per-exchange caps and gaps
 * (ccxt #27745, #27461, #26414): page by time, de-duplicate, and report gaps instead of hiding
 * them. The prints are the real Binance BTCUSDT 8-hourly funding history 2022-11-03 … 2025-11-12
 * (crypto/PROVENANCE.md, 3,316 prints, [ms, percent] pairs), served by a fake ccxt exchange that
 * caps a page at 1,000 rows and repeats the previous page's last row, as exchanges do.
 */
const FILE = 'binance_btcusdt_funding_8h_pct_2022-2025.json';
const pairs = JSON.parse(readFileSync(dataFile('crypto', 'funding', FILE), 'utf8')) as [number, number][];
const H8 = 8 * 3_600_000;

function exchange(prints: [number, number][]): ExchangeClient & { asked: number[] } {
  const asked: number[] = [];
  return {
    id: 'fake-binance',
    asked,
    async fetchOHLCV() {
      return [];
    },
    async fetchOpenInterestHistory() {
      return [];
    },
    async fetchFundingRateHistory(symbol, since = 0, limit = 1000) {
      asked.push(since);
      return prints
        .filter(([t]) => t >= since - H8) // the boundary row comes back again
        .slice(0, Math.min(limit, 1000))
        .map(([timestamp, pct]): FundingRateHistoryEntry => ({ symbol, timestamp, fundingRate: pct / 100 }));
    },
  };
}

describe('funding-rate history: caps, duplicates, gaps', () => {
  // two consecutive prints missing in the middle of the history
  const hole = [1700, 1701];
  const withHole = pairs.filter((_, i) => !hole.includes(i));

  it('PEERS: funding-rate history has per-exchange caps and gaps (ccxt #27745) — paged by time, de-duplicated, the hole reported', async () => {
    expect(pairs).toHaveLength(3316);
    const whole = await fetchAllFunding(exchange(pairs), 'BTC/USDT:USDT', {
      since: pairs[0]![0],
      limit: 1000,
    });
    expect(whole.rows.map((r) => r.timestamp)).toEqual(pairs.map((p) => p[0]));
    expect(whole.gaps).toEqual([]);
    // every later page repeats rows already held (its boundary row, and once the history is
    // exhausted the last row again): kept once each
    expect(whole.duplicates).toBeGreaterThanOrEqual(4);
    expect(new Set(whole.rows.map((r) => r.timestamp)).size).toBe(3316);
    expect(whole.pages).toBe(5); // 4 capped pages, then one that brings nothing new

    const holed = await fetchAllFunding(exchange(withHole), 'BTC/USDT:USDT', {
      since: pairs[0]![0],
      limit: 1000,
    });
    expect(holed.rows).toHaveLength(3314);
    expect(holed.gaps).toEqual([{ after: pairs[1699]![0], before: pairs[1702]![0], missing: 2 }]);
    // the rate of every print kept is the file's (percent → decimal), none invented for the hole
    expect(holed.rows.find((r) => r.timestamp === pairs[1702]![0])!.fundingRate).toBeCloseTo(
      pairs[1702]![1] / 100,
      15,
    );
  });

  it('PEERS: funding-rate gaps are reported, not hidden — in a file too (the same two prints removed)', () => {
    const f = parseFundingFile(JSON.stringify(withHole), FILE);
    expect(f.rows).toHaveLength(3314);
    expect(f.notes).toContain('1 gap(s) in the 8h cadence');
    expect(parseFundingFile(JSON.stringify(pairs), FILE).notes.join(' ')).not.toMatch(/gap/);
  });
});
