import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { isTidewatchError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { BadRequest, openApiDocument } from './route.js';
import { register as registerAnalytics } from './routes/analytics.js';
import { register as registerCapex } from './routes/capex.js';
import { register as registerCore } from './routes/core.js';
import { register as registerMarkets } from './routes/markets.js';
import { register as registerPlumbing } from './routes/plumbing.js';
import { register as registerSec } from './routes/sec.js';
import { register as registerThirteenFQueries } from './routes/thirteenf-queries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'web');
const VENDOR: Record<string, string> = {
  'lightweight-charts.js': path.join(ROOT, 'node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js'),
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** Domain route modules; each adds its endpoints and dashboard data. */
type RouteModule = (app: Hono, store: Store) => void;
const ROUTE_MODULES: RouteModule[] = [registerCore, registerCapex, registerSec, registerThirteenFQueries, registerPlumbing, registerMarkets, registerAnalytics];

export interface AppOptions {
  /** Shown in the dashboard header: what the last update did. */
  status?: () => unknown;
}

/** The HTTP API and dashboard as a hono app (tests call `app.request` in-process). */
export function createApp(store: Store, opts: AppOptions = {}): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
    if (isTidewatchError(err)) {
      const status = err.kind === 'bad-input' ? 400 : err.kind === 'not-found' ? 404 : 500;
      return c.json({ error: err.message, kind: err.kind, hint: err.hint }, status);
    }
    return c.json({ error: err instanceof Error ? err.message : String(err) }, 500);
  });
  app.notFound((c) => c.json({ error: `no such endpoint: ${c.req.path}` }, 404));

  for (const m of ROUTE_MODULES) m(app, store);
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(app) as object));
  app.get('/api/update-status', (c) => c.json((opts.status?.() ?? null) as object));

  app.get('/vendor/:file', async (c) => {
    const file = VENDOR[c.req.param('file')];
    if (!file) return c.json({ error: 'not found' }, 404);
    return c.body(await readFile(file), 200, { 'content-type': TYPES['.js']!, 'cache-control': 'max-age=86400' });
  });
  app.get('/*', async (c) => {
    const rel = c.req.path === '/' ? 'index.html' : c.req.path.slice(1);
    const file = path.resolve(WEB, rel);
    if (!file.startsWith(WEB + path.sep)) return c.json({ error: 'not found' }, 404);
    try {
      const body = await readFile(file);
      return c.body(body, 200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    } catch {
      return c.json({ error: `not found: ${c.req.path}` }, 404);
    }
  });
  return app;
}
