import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import { fakeResponse } from '../../http/fake.testkit.js';
import type { Http } from '../../http/types.js';
import { openStore, type Store } from '../../store/store.js';
import { pricesUpdateJob } from '../../update/registry.js';
import { silentProgress } from '../../update/types.js';
import { asTradedCloses } from './actions.js';
import { readActions, readBars } from './repository.js';
import { parseStooqResponse, stooqUrl } from './stooq.js';
import { parseYahooChart, yahooChartUrl } from './yahoo.js';

/*
 * HAND-WRITTEN FROM THE PROVIDER'S DOCUMENTATION / the widely documented shape of Yahoo's
 * v8 chart JSON (chart.result[0].{meta,timestamp,events,indicators.quote,indicators.adjclose};
 * errors in chart.error). No recorded Yahoo response exists in ../shared/data (see
 * prices/PROVENANCE.md). Prices are NVDA's split-adjusted closes around the 10:1 split of
 * 2024-06-10, rounded; timestamps are the 09:30 New York session opens.
 */
const NVDA_CHART = {
  chart: {
    result: [
      {
        meta: {
          symbol: 'NVDA',
          currency: 'USD',
          gmtoffset: -14400,
          currentTradingPeriod: { regular: { start: 1718112600, end: 1718136000 } },
        },
        timestamp: [1717767000, 1718026200, 1718112600],
        events: {
          splits: { '1718026200': { date: 1718026200, numerator: 10, denominator: 1, splitRatio: '10:1' } },
          dividends: { '1718026200': { amount: 0.01, date: 1718026200 } },
        },
        indicators: {
          quote: [
            {
              open: [119.77, 120.37, 121.77],
              high: [121.69, 123.1, 122.87],
              low: [118.02, 117.01, 118.74],
              close: [120.89, 121.79, 120.91],
              volume: [412385000, 314162700, 222551200],
            },
          ],
          adjclose: [{ adjclose: [120.87, 121.78, 120.9] }],
        },
      },
    ],
    error: null,
  },
};

function fakeHttp(routes: Record<string, unknown>): Http {
  return {
    async get(url) {
      const body = routes[url];
      if (body === undefined)
        throw new TidewatchError('replay-miss', `replay: no recorded response for GET ${url}`);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return fakeResponse(url, text);
    },
  };
}

describe('Yahoo chart connector (hand-written response in the documented shape)', () => {
  it('bars on New York dates; the 10:1 split arrives as an event; as-traded closes rebuilt', () => {
    const p = parseYahooChart(NVDA_CHART, 'NVDA', 'u');
    expect(p.bars.map((b) => b.date)).toEqual(['2024-06-07', '2024-06-10', '2024-06-11']);
    expect(p.closeBasis).toBe('split');
    expect(p.actions.map((a) => [a.date, a.kind, a.value])).toEqual([
      ['2024-06-10', 'split', 10],
      ['2024-06-10', 'dividend', 0.01],
    ]);
    expect(p.notes).toEqual([]); // no jump: no "detected split"
    const raw = asTradedCloses(p.bars, p.actions);
    expect(raw[0]).toBeCloseTo(1208.9, 6); // what NVDA printed on 2024-06-07
    expect(raw[1]).toBeCloseTo(121.79, 6);
  });
  it('a session still open at fetch time is dropped', () => {
    const p = parseYahooChart(NVDA_CHART, 'NVDA', 'u', '2024-06-11T17:00:00Z');
    expect(p.bars.at(-1)!.date).toBe('2024-06-10');
    expect(p.dropped[0]).toMatchObject({ date: '2024-06-11', reason: 'session still open when fetched' });
  });
  it('chart.error "Not Found" is a not-found error naming the URL', () => {
    const body = {
      chart: {
        result: null,
        error: { code: 'Not Found', description: 'No data found, symbol may be delisted' },
      },
    };
    expect(() => parseYahooChart(body, 'XXXX', 'https://q/XXXX')).toThrow(
      /https:\/\/q\/XXXX: Yahoo says Not Found/,
    );
  });
  it('URLs: index caret encoded, crypto mapped to BTC-USD', () => {
    expect(yahooChartUrl('^GSPC')).toContain('/chart/%5EGSPC?');
    expect(yahooChartUrl('BTC')).toContain('/chart/BTC-USD?');
    expect(stooqUrl('NVDA')).toBe('https://stooq.com/q/d/l/?s=nvda.us&i=d');
  });
  it('Stooq: "No data" body is not-found; a CSV body parses (hand-written, Stooq header)', () => {
    expect(() => parseStooqResponse('No data', 'ZZZ', 'u')).toThrow(/no data for ZZZ/);
    const p = parseStooqResponse(
      'Date,Open,High,Low,Close,Volume\n2024-06-10,120.37,123.1,117.01,121.79,314162700.5\n',
      'NVDA',
      'u',
    );
    expect(p).toMatchObject({ format: 'stooq', source: 'stooq', symbol: 'NVDA' });
  });
});

describe("update job 'prices'", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(async () => {
    await store.close();
  });
  it('replay without recorded responses: each symbol says so and the run carries on; a recorded one is stored', async () => {
    const lines: string[] = [];
    const http = fakeHttp({ [yahooChartUrl('NVDA')]: NVDA_CHART });
    const out = await pricesUpdateJob.run({
      store,
      http,
      only: ['SPY', 'NVDA', 'BTC'],
      progress: silentProgress,
      log: (l) => lines.push(l),
      runId: 1,
      today: '2024-06-20',
    });
    expect(out.map((s) => [s.series, s.status])).toEqual([
      ['SPY', 'skipped'],
      ['NVDA ← yahoo-chart', 'ok'],
      ['BTC', 'skipped'],
    ]);
    expect(out[0]!.reason).toMatch(/replay mode: no recorded Yahoo response for SPY/);
    expect(lines).toHaveLength(2);
    expect(await readBars(store.db, 'NVDA')).toHaveLength(3);
    expect((await readActions(store.db, 'NVDA')).map((a) => a.kind).sort()).toEqual(['dividend', 'split']);
  });
});
