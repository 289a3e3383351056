import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/http/client.js';
import { withStore } from '../src/store/memory.testkit.js';
import { runUpdate } from '../src/update/run.js';

/** A server that answers every request with HTTP 400 and echoes the request URL, as some APIs do. */
async function startEchoServer(): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error_code: 400,
        error_message: `Bad Request. The request ${req.url} could not be served.`,
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('secrets in echoed error bodies', () => {
  const KEY = 'abcdef0123456789abcdef0123456789';
  let echo: { base: string; server: Server };
  const saved = process.env.FRED_API_KEY;
  beforeAll(async () => {
    echo = await startEchoServer();
    process.env.FRED_API_KEY = KEY;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.FRED_API_KEY;
    else process.env.FRED_API_KEY = saved;
    echo.server.close();
  });

  it('a FRED API error that echoes the URL leaves no api_key in ingest_runs.summary', async () => {
    await withStore(async (store) => {
      const http = new HttpClient({
        archiveDir: null,
        maxRetries: 0,
        minIntervalMs: {},
        fetchImpl: (url, init) => fetch(String(url).replace('https://api.stlouisfed.org', echo.base), init),
      });
      const report = await runUpdate(store, http, { sources: ['fred'], only: ['WALCL'] });
      const reason = report.failed[0]?.reason ?? '';
      // The failure is reported, with the provider's text, but without the key.
      expect(reason).toMatch(
        /answered HTTP 400: .*Bad Request\. The request \/fred\/series\?series_id=WALCL&api_key=\*\*\*/,
      );
      const runs = await store.lastRuns(5);
      const stored = JSON.stringify(runs.map((r) => r.summary));
      expect(stored).toContain('answered HTTP 400');
      expect(stored).not.toContain(KEY);
      expect(stored).not.toContain(KEY.slice(0, 12));
    });
  });
});
