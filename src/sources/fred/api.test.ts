import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import type { Http, HttpResponse } from '../../http/types.js';
import { fetchFredSeries } from './connector.js';

/*
 * The JSON below is HAND-WRITTEN from the FRED API documentation
 * (https://fred.stlouisfed.org/docs/api/fred/series_observations.html and series.html):
 * no recorded API response exists in ../shared/data. Shapes: string values, '.' = missing,
 * realtime_start/realtime_end per row when vintages are requested.
 */
const SERIES_JSON = {
  realtime_start: '2026-01-05',
  realtime_end: '2026-01-05',
  seriess: [
    {
      id: 'WTREGEN',
      title: 'Liabilities: ... Treasury General Account: Week Average',
      units: 'Millions of U.S. Dollars',
      frequency: 'Weekly, Ending Wednesday',
    },
  ],
};

const VINTAGES_JSON = {
  realtime_start: '1776-07-04',
  realtime_end: '9999-12-31',
  count: 4,
  offset: 0,
  limit: 100000,
  observations: [
    { realtime_start: '2025-11-13', realtime_end: '2025-11-19', date: '2025-11-12', value: '953000.000' },
    { realtime_start: '2025-11-20', realtime_end: '9999-12-31', date: '2025-11-12', value: '953816.000' },
    { realtime_start: '2025-11-20', realtime_end: '9999-12-31', date: '2025-11-19', value: '.' },
    { realtime_start: '2025-11-27', realtime_end: '9999-12-31', date: '2025-11-26', value: '900000.000' },
  ],
};

function fakeHttp(routes: Array<[RegExp, unknown, number?]>, seen: string[] = []): Http {
  return {
    async get(url) {
      seen.push(url);
      const hit = routes.find(([re]) => re.test(url));
      if (!hit) throw new Error(`unexpected ${url}`);
      const [, body, status = 200] = hit;
      if (status !== 200)
        throw new TidewatchError('http', `GET ${url} answered HTTP ${status}: ${JSON.stringify(body)}`, {
          status,
        });
      const bytes = new TextEncoder().encode(JSON.stringify(body));
      return {
        url: url.replace(/api_key=[^&]+&?/, ''),
        status,
        contentType: 'application/json',
        body: bytes,
        sha256: 'x',
        fetchedAt: '',
        fromReplay: false,
        archivedPath: null,
        text: () => JSON.stringify(body),
        json: () => body,
      } as HttpResponse;
    },
  };
}

describe('FRED JSON API + ALFRED vintages (hand-written responses)', () => {
  it('PEERS: an as-of query returns several rows per date; keep realtime_start (fredapi #69, OpenBB drops it) — every vintage kept with its realtime_start, units from series metadata', async () => {
    const http = fakeHttp([
      [/\/fred\/series\?/, SERIES_JSON],
      [/\/fred\/series\/observations\?/, VINTAGES_JSON],
    ]);
    const r = await fetchFredSeries(http, { seriesId: 'wtregen', vintages: true }, 'KEY');
    expect(r).toMatchObject({
      seriesId: 'WTREGEN',
      unit: 'usd_millions',
      unitRule: 'api-metadata',
      via: 'alfred',
      missing: 1,
    });
    expect(r.records).toEqual([
      { date: '2025-11-12', value: 953000, knownFrom: '2025-11-13' },
      { date: '2025-11-12', value: 953816, knownFrom: '2025-11-20' },
      { date: '2025-11-26', value: 900000, knownFrom: '2025-11-27' },
    ]);
  });

  it('PEERS: ALFRED refuses more than 2,000 vintage dates (fredapi #28) — the realtime window is split and the vintage repeated at the chunk boundary kept once', async () => {
    const seen: string[] = [];
    let calls = 0;
    const http: Http = {
      async get(url, opts) {
        if (url.includes('/series?')) return fakeHttp([[/./, SERIES_JSON]]).get(url, opts);
        calls++;
        const u = new URL(url);
        const start = u.searchParams.get('realtime_start')!;
        const end = u.searchParams.get('realtime_end')!;
        seen.push(`${start}..${end}`);
        if (start === '1776-07-04' && end > '2000-01-01') {
          throw new TidewatchError(
            'http',
            `GET ${url} answered HTTP 400: {"error_code":400,"error_message":"Bad Request. This exceeds the maximum number of vintage dates allowed (2000)."}`,
            { status: 400 },
          );
        }
        return fakeHttp([
          [
            /./,
            {
              ...VINTAGES_JSON,
              observations:
                start < '2000-01-01'
                  ? VINTAGES_JSON.observations.slice(0, 2)
                  : VINTAGES_JSON.observations.slice(1),
            },
          ],
        ]).get(url, opts);
      },
    };
    const r = await fetchFredSeries(http, { seriesId: 'WTREGEN', vintages: true }, 'KEY');
    expect(calls).toBe(3);
    expect(seen[0]).toMatch(/^1776-07-04\.\./);
    // The vintage repeated at the chunk boundary is kept once.
    expect(r.records.filter((x) => x.date === '2025-11-12' && x.knownFrom === '2025-11-20')).toHaveLength(1);
  });

  it('rejects a changed response shape naming the field and URL', async () => {
    const http = fakeHttp([
      [/\/fred\/series\?/, SERIES_JSON],
      [/\/fred\/series\/observations\?/, { observations: [{ date: '2025-01-01' }] }],
    ]);
    await expect(fetchFredSeries(http, { seriesId: 'WTREGEN' }, 'KEY')).rejects.toThrow(
      /unexpected FRED observations JSON at 'realtime_start'/,
    );
  });

  it('validates the query before any request', async () => {
    await expect(fetchFredSeries(fakeHttp([]), { seriesId: 'WAL CL' })).rejects.toThrow(
      /letters, digits and _/,
    );
  });
});
