import http from 'node:http';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { dataFile } from '../../test/shared-data.js';
import { withStore } from '../store/memory.testkit.js';
import { openStore, type Store } from '../store/store.js';
import { importFredFiles } from '../update/import/fred.js';
import { createApp } from './app.js';
import { startServer } from './listen.js';
import { asOfRoute, getRoute, intParam } from './route.js';
import { allowedHosts } from './security.js';

type ErrorBody = { error: { kind: string; message: string; hint?: string; parameter?: string } };

interface OpenApi {
  paths: Record<
    string,
    {
      get: {
        summary: string;
        parameters: Array<{
          name: string;
          in: string;
          required: boolean;
          description: string;
          schema: Record<string, unknown>;
          example?: string;
        }>;
      };
    }
  >;
  components: { schemas: Record<string, unknown> };
}

/** One URL per documented route, path and required parameters filled with their examples. */
function exampleUrls(doc: OpenApi, extra: string): string[] {
  return Object.entries(doc.paths).map(([p, item]) => {
    let url = p;
    const q = [extra];
    for (const prm of item.get.parameters) {
      if (prm.in === 'path') url = url.replace(`{${prm.name}}`, encodeURIComponent(prm.example!));
      else if (prm.required) q.push(`${prm.name}=${encodeURIComponent(prm.example!)}`);
    }
    return `${url}?${q.join('&')}`;
  });
}

describe('API conventions on every documented route', () => {
  let store: Store;
  let app: Hono;
  let doc: OpenApi;
  beforeAll(async () => {
    store = await openStore(':memory:');
    app = createApp(store);
    doc = (await (await app.request('/api/openapi.json')).json()) as OpenApi;
  });
  afterAll(() => store.close());

  it('every route has a summary; every parameter a description, a typed schema and (path or required) an example', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(26);
    for (const [p, item] of Object.entries(doc.paths)) {
      expect(item.get.summary, p).toMatch(/\w/);
      for (const prm of item.get.parameters) {
        expect(prm.description, `${p} ${prm.name}`).toMatch(/\w/);
        expect(prm.schema.type, `${p} ${prm.name}`).toMatch(/^(string|number|integer)$/);
        if (prm.in === 'path' || prm.required) expect(prm.example, `${p} ${prm.name}`).toMatch(/\w/);
      }
    }
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('an unknown parameter is a 400 in the one error shape, naming it, on every route', async () => {
    const urls = exampleUrls(doc, 'bogus=1');
    expect(urls).toContain('/api/13f/holdings?bogus=1&cik=1649339');
    for (const url of urls) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error, url).toMatchObject({ kind: 'unknown-parameter', parameter: 'bogus' });
      expect(body.error.message, url).toMatch(/^unknown query parameter 'bogus' for \/api\/\S+: it takes /);
    }
  });

  it('bad, missing and repeated values get messages written for people', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/risk?asOf=2020-13-01', 'asOf', "asOf must be a calendar date YYYY-MM-DD, got '2020-13-01'"],
      ['/api/13f/holdings', 'cik', 'cik is required: a CIK number like 1649339'],
      ['/api/13f/holdings?cik=1649339&top=x', 'top', "top must be a whole number from 1 to 999, got 'x'"],
      // The shock is read as on the CLI (-10% or -0.1, analytics/cascade/shock.ts) since the merge of
      // the one shock parser; the parser's reason follows the value.
      [
        '/api/cascade?shock=-2',
        'shock',
        "shock must be a move written -10% or -0.1, from -90% to +90%, got '-2', which is ambiguous: write a percent with % (-10%) or a fraction (-0.1)",
      ],
      [
        '/api/plumbing/nonsense',
        'indicator',
        "indicator must be one of reserves, reservesMinus3T, rateOnReserves, sofrIorb, sofrP99Iorb, effrIorb, crossingDays, srfTakeup, tga, tgaChange4w, rrp, rrpRemaining, qtPace, fedAssets, billPurchases, billShare, netIssuance, debtTotal, netLiquidity, bathtubBalance, stressScore, crossings, bathtub, score, thesis1, got 'nonsense'",
      ],
      ['/api/risk?asOf=2020-01-03&asOf=2020-01-10', 'asOf', 'asOf is given 2 times; give it once'],
      [
        '/api/openapi.json?asOf=2020-01-03',
        'asOf',
        "unknown query parameter 'asOf' for /api/openapi.json: it takes no query parameters",
      ],
    ];
    for (const [url, parameter, message] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as ErrorBody).error, url).toMatchObject({ parameter, message });
    }
  });

  it('404 and 405 answer in the same shape; 405 for POST, PUT, DELETE and PATCH with Allow', async () => {
    const nf = await app.request('/api/nope');
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as ErrorBody).error).toMatchObject({
      kind: 'no-such-endpoint',
      message: 'no such endpoint: /api/nope',
    });
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const url of ['/api/risk', '/']) {
        const res = await app.request(url, { method });
        expect(res.status, `${method} ${url}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(((await res.json()) as ErrorBody).error.kind).toBe('method-not-allowed');
      }
    }
    expect((await app.request('/api/series', { method: 'HEAD' })).status).toBe(200);
  });

  it('security headers on HTML, JavaScript, JSON and errors', async () => {
    for (const url of [
      '/',
      '/app.js',
      '/vendor/lightweight-charts.js',
      '/api/series',
      '/api/nope',
      '/api/risk?x=1',
    ]) {
      const res = await app.request(url);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("script-src 'self'");
      // The chart library's one <style> element is allowed by its hash, nothing inline else.
      expect(csp, url).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
      expect(csp, url).not.toContain("script-src 'self' 'unsafe");
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
    }
    expect((await app.request('/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('Host header (DNS rebinding)', () => {
  let store: Store;
  let server: Awaited<ReturnType<typeof startServer>>;
  const get = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: '/api/series', headers: { host } },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
    });
  beforeAll(async () => {
    store = await openStore(':memory:');
    server = await startServer(store, { host: '127.0.0.1', port: 0, allowedHosts: ['dash.internal'] });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('answers 127.0.0.1, localhost and allowed names on the bound port; 421 for any other host', async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `dash.internal:${server.port}`,
    ]) {
      expect((await get(host)).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${server.port}`,
      'localhost',
      `127.0.0.1:${server.port + 1}`,
      `localhost.evil.example:${server.port}`,
    ]) {
      const r = await get(host);
      expect(r.status, host).toBe(421);
      expect((JSON.parse(r.body) as ErrorBody).error.kind).toBe('wrong-host');
    }
  });

  it('the allowed set: --host, extra names with or without a port, and port 80 without one', () => {
    const set = allowedHosts({ host: '10.0.0.5', port: 8787 }, ['a.lan', 'b.lan:9000']);
    expect([...set].sort()).toEqual([
      '10.0.0.5:8787',
      '127.0.0.1:8787',
      '[::1]:8787',
      'a.lan:8787',
      'b.lan:9000',
      'localhost:8787',
    ]);
    expect(allowedHosts({ host: '127.0.0.1', port: 80 }).has('localhost')).toBe(true);
  });
});

describe('limits, single flight and the cache', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(() => store.close());

  it('past the bound of running + queued computations: 503 with Retry-After, in the error shape', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = (app: Hono) =>
      getRoute(
        app,
        {
          path: '/api/slow',
          summary: 'slow',
          description: 'waits for the test',
          query: z.object({ n: intParam(0, 99, '1') }),
        },
        async ({ query }) => {
          await gate;
          return { n: query.n };
        },
      );
    const app = createApp(store, { routes: [slow], limits: { maxCompute: 1, maxQueue: 1 } });
    const running = app.request('/api/slow?n=1');
    const queued = app.request('/api/slow?n=2');
    await new Promise((r) => setTimeout(r, 20));
    const refused = await app.request('/api/slow?n=3');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({
      kind: 'busy',
      message: 'the server is busy: 1 computations running and 1 waiting',
    });
    release();
    expect(await (await running).json()).toEqual({ n: 1 });
    expect(await (await queued).json()).toEqual({ n: 2 });
    // Once the queue drained, the same request is served.
    expect((await app.request('/api/slow?n=3')).status).toBe(200);
  });

  it('50 concurrent identical cold requests compute once; parameter order does not matter; an error is a 500 in the shape', async () => {
    let calls = 0;
    const counted = (app: Hono) => {
      getRoute(
        app,
        {
          path: '/api/counted',
          summary: 'counted',
          description: 'counts calls',
          query: z.object({ a: intParam(0, 9, '1').optional(), b: intParam(0, 9, '1').optional() }),
        },
        async ({ query }) => {
          calls++;
          await new Promise((r) => setTimeout(r, 30));
          return { a: query.a ?? null, b: query.b ?? null, big: 'x'.repeat(5000) };
        },
      );
      getRoute(app, { path: '/api/broken', summary: 'broken', description: 'throws' }, () => {
        throw new Error('boom');
      });
    };
    const app = createApp(store, { routes: [counted] });
    const answers = await Promise.all(Array.from({ length: 50 }, () => app.request('/api/counted?a=1&b=2')));
    expect(calls).toBe(1);
    expect(answers.map((r) => r.headers.get('x-tidewatch-cache')).sort()).toEqual([
      'miss',
      ...Array(49).fill('shared'),
    ]);
    const again = await app.request('/api/counted?b=2&a=1');
    expect(again.headers.get('x-tidewatch-cache')).toBe('hit');
    expect(calls).toBe(1);
    // Browsers get the gzip copy; a matching ETag is a 304.
    const gz = await app.request('/api/counted?a=1&b=2', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const etag = again.headers.get('etag')!;
    expect((await app.request('/api/counted?a=1&b=2', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    const broken = await app.request('/api/broken');
    expect(broken.status).toBe(500);
    expect(((await broken.json()) as ErrorBody).error).toEqual({
      kind: 'internal',
      message: 'internal error: boom',
    });
  });
});

describe('the as-of default', () => {
  it('an absent asOf is the day of the request, not of the server start; a given one is kept; openapi says optional', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-02-03T23:59:00Z'));
      await withStore(async (store) => {
        const echo = (app: Hono) =>
          asOfRoute(app, { path: '/api/echo', summary: 'echo', description: 'asOf' }, (d) => d);
        const app = createApp(store, { routes: [echo] });
        const ask = async (q = '') => (await app.request(`/api/echo${q}`)).json();
        expect(await ask()).toBe('2031-02-03');
        vi.setSystemTime(new Date('2031-02-04T00:01:00Z'));
        expect(await ask()).toBe('2031-02-04');
        expect(await ask('?asOf=2020-03-31')).toBe('2020-03-31');
        const doc = (await (await app.request('/api/openapi.json')).json()) as {
          paths: Record<
            string,
            { get: { parameters: { name: string; required: boolean; schema: unknown }[] } }
          >;
        };
        expect(doc.paths['/api/echo']!.get.parameters).toMatchObject([
          { name: 'asOf', required: false, schema: { type: 'string', format: 'date' } },
        ]);
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('openapi.json takes a response schema per route', () => {
  it('a route given one documents its 200 body; the others say JSON', async () => {
    await withStore(async (store) => {
      const typed = (app: Hono) =>
        getRoute(
          app,
          {
            path: '/api/typed',
            summary: 'typed',
            description: 'has a response schema',
            response: z.object({ n: z.number() }),
          },
          () => ({ n: 1 }),
        );
      const doc = (await (
        await createApp(store, { routes: [typed] }).request('/api/openapi.json')
      ).json()) as {
        paths: Record<
          string,
          {
            get: {
              responses: Record<
                string,
                { description: string; content?: Record<string, { schema: unknown }> }
              >;
            };
          }
        >;
      };
      expect(
        doc.paths['/api/typed']!.get.responses['200']!.content!['application/json']!.schema,
      ).toMatchObject({
        type: 'object',
        properties: { n: { type: 'number' } },
        required: ['n'],
      });
      expect(doc.paths['/api/update-status']!.get.responses['200']).toEqual({ description: 'OK (JSON)' });
    });
  });
});

describe('the cache follows the store version', () => {
  it('importing a file changes the answer: net liquidity without and with the RRP file', async () => {
    await withStore(async (store) => {
      await importFredFiles(store, [dataFile('fred', 'WALCL.csv'), dataFile('fred', 'WTREGEN.csv')], {
        runId: null,
        today: '2026-01-01',
      });
      const app = createApp(store);
      const ask = async () => {
        const res = await app.request('/api/liquidity?asOf=2025-11-14');
        const body = (await res.json()) as { netLiquidityUsd: number };
        return { cache: res.headers.get('x-tidewatch-cache'), value: body.netLiquidityUsd };
      };
      // WALCL $6,580,462M − TGA $953,816M on 2025-11-12, no RRP stored yet.
      expect(await ask()).toEqual({ cache: 'miss', value: 5_626_646e6 });
      expect(await ask()).toEqual({ cache: 'hit', value: 5_626_646e6 });
      await importFredFiles(store, [dataFile('fred', 'RRPONTSYD.csv')], { runId: null, today: '2026-01-01' });
      // − ON RRP $1,559M on 2025-11-14 (README: $5.625T).
      const after = await ask();
      expect(after.cache).toBe('miss');
      expect(after.value).toBeCloseTo(5_625_087e6, -6);
    });
  });
});
