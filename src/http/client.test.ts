import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Misbehaving, startMisbehavingServer } from '../../test/misbehaving-server.js';
import { dataFile, SHARED_DATA } from '../../test/shared-data.js';
import { bodySnippet, createHttp, HttpClient, parseRetryAfter } from './client.js';
import { matchEntry, recordPath, redactUrl, scrubSecrets, secretValuesOf } from './replay.js';

describe('HttpClient against a misbehaving local server', () => {
  let srv: Misbehaving;
  const waits: number[] = [];
  const client = () =>
    new HttpClient({ archiveDir: null, backoffMs: 5, maxRetries: 3, timeoutMs: 300, sleep: async (ms) => void waits.push(ms), minIntervalMs: {} });
  beforeAll(async () => {
    srv = await startMisbehavingServer({ WALCL: dataFile('fred/WALCL.csv') }, { 'SLOW': 'hang', 'R429': '429-once', 'E500': '500', 'RST': 'reset' });
  });
  afterAll(() => srv.close());

  it('honours Retry-After on 429, then succeeds', async () => {
    waits.length = 0;
    const res = await client().get(`${srv.base}/graph/fredgraph.csv?id=R429`, { source: 'fred' });
    expect(res.status).toBe(200);
    expect(srv.hits.get('R429')).toBe(2);
    expect(waits.some((w) => w >= 2000)).toBe(true);
  });

  it('gives up on persistent 500s after bounded retries, naming the URL', async () => {
    await expect(client().get(`${srv.base}/graph/fredgraph.csv?id=E500`, { source: 'fred' })).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/graph\/fredgraph\.csv\?id=E500 answered HTTP 500: Internal Server Error \(gave up after 4 attempts\)/,
    );
    expect(srv.hits.get('E500')).toBe(4);
  });

  it('times out on a server that hangs', async () => {
    const c = new HttpClient({ archiveDir: null, maxRetries: 1, timeoutMs: 200, backoffMs: 1, minIntervalMs: {} });
    await expect(c.get(`${srv.base}/graph/fredgraph.csv?id=SLOW`, { source: 'fred' })).rejects.toMatchObject({ kind: 'timeout' });
    expect(srv.hits.get('SLOW')).toBe(2);
  });

  it('reports a reset connection as a network error', async () => {
    await expect(client().get(`${srv.base}/graph/fredgraph.csv?id=RST`, { source: 'fred' })).rejects.toMatchObject({ kind: 'network' });
  });

  it('archives the raw body by content hash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-archive-'));
    const c = new HttpClient({ archiveDir: dir, minIntervalMs: {} });
    const res = await c.get(`${srv.base}/graph/fredgraph.csv?id=WALCL`, { source: 'fred' });
    expect(res.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(res.archivedPath!, 'utf8')).toBe(readFileSync(dataFile('fred/WALCL.csv'), 'utf8'));
    expect(res.archivedPath).toBe(path.join(dir, res.sha256.slice(0, 2), res.sha256));
  });

  it('PEERS: FRED\'s rate limit is per second (HTTP 429 above ~2 requests/s, OpenBB #7527) — requests are spaced per host, FRED 500 ms', async () => {
    const slept: number[] = [];
    const c = new HttpClient({ archiveDir: null, sleep: async (ms) => void slept.push(ms), fetchImpl: async () => new Response('observation_date,X\n') });
    for (let i = 0; i < 3; i++) await c.get('https://fred.stlouisfed.org/graph/fredgraph.csv?id=X', { source: 'fred' });
    expect(slept).toHaveLength(2);
    expect(Math.min(...slept)).toBeGreaterThan(400);
  });

  it('never puts an api_key into the URL it reports', async () => {
    const c = new HttpClient({ archiveDir: null, fetchImpl: async () => new Response('{}') });
    const res = await c.get('https://api.stlouisfed.org/fred/series?series_id=WALCL&api_key=SECRET123', { source: 'fred', secretParams: ['api_key'] });
    expect(res.url).not.toContain('SECRET123');
  });

  it('createHttp without TIMEOUT env keeps the 30 s default (an undefined override once aborted every request)', async () => {
    const saved = process.env.TIDEWATCH_HTTP_TIMEOUT_MS;
    delete process.env.TIDEWATCH_HTTP_TIMEOUT_MS;
    try {
      const c = createHttp({ archiveDir: null, replayDir: undefined, minIntervalMs: {} });
      const res = await c.get(`${srv.base}/graph/fredgraph.csv?id=WALCL`, { source: 'fred' });
      expect(res.status).toBe(200);
    } finally {
      if (saved !== undefined) process.env.TIDEWATCH_HTTP_TIMEOUT_MS = saved;
    }
  });

  it('a host that refuses connections fails fast for the rest of the run', async () => {
    const c = new HttpClient({ archiveDir: null, maxRetries: 1, backoffMs: 1, minIntervalMs: {} });
    // A port that was free a moment ago and is closed now: connection refused.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await expect(c.get(`http://127.0.0.1:${port}/a`, { source: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    const t0 = Date.now();
    await expect(c.get(`http://127.0.0.1:${port}/b`, { source: 'x' })).rejects.toThrow(/skipped: 127\.0\.0\.1:\d+ was unreachable earlier in this run/);
    expect(Date.now() - t0).toBeLessThan(50);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('replay and record', () => {
  it('matches the shared manifest: extra request params (api_key, cosd) are ignored', async () => {
    const c = new HttpClient({ replayDir: SHARED_DATA });
    const res = await c.get('https://fred.stlouisfed.org/graph/fredgraph.csv?id=WALCL&cosd=2020-01-01&api_key=k', { source: 'fred' });
    expect(res.fromReplay).toBe(true);
    expect(res.text()).toBe(readFileSync(dataFile('fred/WALCL.csv'), 'utf8'));
  });

  it('a request with no recording fails naming method and URL, secrets removed', async () => {
    const c = new HttpClient({ replayDir: SHARED_DATA });
    await expect(c.get('https://fred.stlouisfed.org/graph/fredgraph.csv?id=NOPE&api_key=SECRET', { source: 'fred' })).rejects.toThrow(
      /^replay: no recorded response for GET https:\/\/fred\.stlouisfed\.org\/graph\/fredgraph\.csv\?id=NOPE$/,
    );
  });

  it('record mode writes the manifest format replay reads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-record-'));
    const rec = new HttpClient({ recordDir: dir, archiveDir: null, fetchImpl: async () => new Response('observation_date,WALCL\n2024-01-03,1\n', { headers: { 'content-type': 'text/csv' } }) });
    await rec.get('https://fred.stlouisfed.org/graph/fredgraph.csv?id=WALCL&api_key=SECRET', { source: 'fred', secretParams: ['api_key'] });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'replay.json'), 'utf8'));
    expect(manifest.entries[0]).toMatchObject({ method: 'GET', url: 'https://fred.stlouisfed.org/graph/fredgraph.csv?id=WALCL', file: 'fred/fred.stlouisfed.org/graph/fredgraph--id=WALCL.csv', status: 200 });
    expect(JSON.stringify(manifest)).not.toContain('SECRET');
    const replay = new HttpClient({ replayDir: dir });
    expect((await replay.get('https://fred.stlouisfed.org/graph/fredgraph.csv?id=WALCL', { source: 'fred' })).text()).toContain('2024-01-03,1');
  });

  it('recordPath folds sorted query pairs into the name', () => {
    expect(recordPath('fred', 'https://fred.stlouisfed.org/graph/fredgraph.csv?id=WALCL')).toBe('fred/fred.stlouisfed.org/graph/fredgraph--id=WALCL.csv');
    expect(recordPath('sec', 'https://data.sec.gov/x/y.json?b=2&a=1')).toBe('sec/data.sec.gov/x/y--a=1_b=2.json');
    expect(redactUrl('https://a.b/c?api_key=1&x=2')).toBe('https://a.b/c?x=2');
    expect(matchEntry([{ method: 'GET', url: 'https://a.b/c?id=1', file: 'f', status: 200 }], 'GET', 'https://a.b/c?id=2')).toBeUndefined();
  });

  it('error bodies quoted in messages are cut and scrubbed of secrets', () => {
    const secrets = secretValuesOf('https://api.stlouisfed.org/fred/series?series_id=X&api_key=k3y-VALUE', ['api_key']);
    expect(secrets).toEqual(['k3y-VALUE']);
    // The request's own key, in any form, and any key-like pair.
    expect(scrubSecrets('echo: /fred?api_key=k3y-VALUE and k3y-VALUE and {"token": "t0k"}', secrets)).toBe(
      'echo: /fred?api_key=*** and *** and {"token": "***"}',
    );
    const long = new TextEncoder().encode(`<html>${'x'.repeat(500)} password=hunter2</html>`);
    const s = bodySnippet(long, []);
    expect(s.length).toBe(201);
    expect(s.endsWith('…')).toBe(true);
    expect(bodySnippet(new TextEncoder().encode('bad\n  request password=hunter2'))).toBe('bad request password=***');
  });
});
