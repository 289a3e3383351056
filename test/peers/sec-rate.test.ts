import { afterEach, describe, expect, it, vi } from 'vitest';
import { TidewatchError } from '../../src/core/errors.js';
import { HOST_MIN_INTERVAL_MS, HttpClient } from '../../src/http/client.js';

/**
 * PEERS.md (SEC EDGAR): SEC blocks a client for 10 minutes after it exceeds 10 requests/second;
 * peers default to 8–9/s. A 403 usually means a missing or rejected identity (User-Agent) or
 * rate. Literal: a fake fetch answers, a recording sleep stands in for the clock.
 */
function client(answer: (url: string) => Response) {
  const slept: number[] = [];
  const urls: string[] = [];
  const http = new HttpClient({
    archiveDir: null,
    maxRetries: 2,
    backoffMs: 1,
    sleep: async (ms) => void slept.push(ms),
    fetchImpl: async (url) => {
      urls.push(String(url));
      return answer(String(url));
    },
  });
  return { http, slept, urls };
}

describe('SEC request rate and 403', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('PEERS: SEC blocks a client above 10 requests/second — sec.gov hosts are spaced 125 ms (8/s), per host', async () => {
    for (const host of ['www.sec.gov', 'data.sec.gov', 'efts.sec.gov'])
      expect(HOST_MIN_INTERVAL_MS[host]).toBe(125);
    // The clock stands still (only Date is faked): the waits are the schedule itself, not timing.
    vi.useFakeTimers({ toFake: ['Date'] });
    const { http, slept } = client(() => new Response('{}'));
    for (let i = 0; i < 5; i++)
      await http.get(`https://data.sec.gov/submissions/CIK000164933${i}.json`, { source: 'sec' });
    // five requests in a burst: the k-th waits k × 125 ms
    expect(slept).toEqual([125, 250, 375, 500]);
    // another host has its own slot: no wait for it
    slept.length = 0;
    await http.get('https://www.sec.gov/files/company_tickers.json', { source: 'sec' });
    expect(slept).toEqual([]);
  });

  it('PEERS: a 403 from SEC means a missing User-Agent or too many requests — rate-limited, retried, and the hint says so', async () => {
    const { http, urls } = client(() => new Response('Request Rate Threshold Exceeded', { status: 403 }));
    const url = 'https://www.sec.gov/Archives/edgar/data/1649339/000090514823001400/0000905148-23-001400.txt';
    const err = await http.get(url, { source: 'sec' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TidewatchError);
    const e = err as TidewatchError;
    expect([e.kind, e.status]).toEqual(['rate-limited', 403]);
    expect(e.message).toBe(
      `GET ${url} answered HTTP 403: Request Rate Threshold Exceeded (gave up after 3 attempts)`,
    );
    expect((e.cause as TidewatchError).hint).toBe(
      'SEC wants a User-Agent with a contact address (SEC_USER_AGENT) and ≤10 requests/s',
    );
    expect(urls).toHaveLength(3);
    // elsewhere a 403 is a refusal, not a throttle: not retried
    const other = client(() => new Response('Forbidden', { status: 403 }));
    const o = (await other.http
      .get('https://fred.stlouisfed.org/x', { source: 'fred' })
      .catch((x: unknown) => x)) as TidewatchError;
    expect([o.kind, other.urls.length]).toEqual(['http', 1]);
  });
});
