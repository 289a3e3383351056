import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeHttp } from '../treasury/testing/fake-http.js';
import { dateWindows, fetchRates, fetchRepoOperations, fetchTreasuryOperations } from './markets-api.js';
import { dailyTotals } from './operations.js';

// Responses below are HAND-WRITTEN from the provider's documentation (see fixtures/README.md).
const fixture = (n: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', n), 'utf8');

describe('date-range paging', () => {
  it('splits a range into inclusive windows without gaps or overlap', () => {
    expect(dateWindows('2025-01-01', '2025-01-10', 4)).toEqual([
      ['2025-01-01', '2025-01-04'],
      ['2025-01-05', '2025-01-08'],
      ['2025-01-09', '2025-01-10'],
    ]);
    expect(dateWindows('2025-01-01', '2025-01-01', 4)).toEqual([['2025-01-01', '2025-01-01']]);
    expect(() => dateWindows('2025-02-01', '2025-01-01', 4)).toThrow(/reversed/);
  });

  it('fetchRates requests one URL per window and de-duplicates records at window edges', async () => {
    const body = fixture('sofr_api_2025-10-29_31.json');
    const http = new FakeHttp((u) => (u.pathname.endsWith('/sofr/search.json') ? { body } : undefined));
    const r = await fetchRates(http, 'sofr', '2024-10-01', '2025-11-30');
    expect(http.requests.map((q) => new URL(q.url).searchParams.get('startDate'))).toEqual([
      '2024-10-01',
      '2025-10-02',
    ]);
    expect(http.requests.every((q) => q.opts.source === 'nyfed')).toBe(true);
    expect(r.records.map((x) => x.date)).toEqual(['2025-10-29', '2025-10-30', '2025-10-31']);
  });

  it('a response without refRates is a format change naming the URL', async () => {
    const http = new FakeHttp(() => ({ body: '{"rates":[]}' }));
    await expect(fetchRates(http, 'effr', '2025-01-01', '2025-01-31')).rejects.toThrow(
      /effr\/search\.json\?startDate=2025-01-01&endDate=2025-01-31: required field 'refRates' missing/,
    );
  });

  it('non-200 is an http error', async () => {
    const http = new FakeHttp(() => ({ status: 503, body: 'down' }));
    await expect(fetchRates(http, 'sofr', '2025-01-01', '2025-01-02')).rejects.toMatchObject({
      kind: 'http',
    });
  });
});

describe('operations', () => {
  it('standing repo (SRF) vs ON RRP take-up, two SRF operations summed per day', async () => {
    const http = new FakeHttp(() => ({ body: fixture('rp_results_2025-10.json') }));
    const ops = await fetchRepoOperations(http, '2025-10-01', '2025-10-31');
    const srf = dailyTotals(
      ops.filter((o) => o.kind === 'repo'),
      (o) => o.accepted,
    );
    expect(srf.get('2025-10-31')).toBe(35e9);
    const rrp = ops.find((o) => o.kind === 'reverse-repo')!;
    expect(rrp).toMatchObject({ accepted: 50e9, awardRate: 3.75, term: 'Overnight' });
  });

  it('Treasury purchases: bills flagged; string amounts parsed', async () => {
    const http = new FakeHttp(() => ({ body: fixture('tsy_results_2025-12.json') }));
    const ops = await fetchTreasuryOperations(http, '2025-12-01', '2025-12-31');
    expect(ops.filter((o) => o.bills).map((o) => o.parAccepted)).toEqual([8e9, 6e9]);
    expect(ops.every((o) => o.direction === 'purchase')).toBe(true);
  });

  it('missing required amount is rejected naming the field and URL', async () => {
    const http = new FakeHttp(() => ({
      body: '{"repo":{"operations":[{"operationDate":"2025-10-31","operationType":"Repo"}]}}',
    }));
    await expect(fetchRepoOperations(http, '2025-10-31', '2025-10-31')).rejects.toThrow(
      /rp\/results\/search\.json\?startDate=2025-10-31&endDate=2025-10-31 repo\.operations\[0\]: required field 'totalAmtAccepted' missing/,
    );
  });
});
