import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { PROJECT_ROOT } from '../core/paths.js';
import type { Store } from '../store/store.js';
import { ComputeLimiter, ResponseCache } from './cache.js';
import { ApiError, errorResponse } from './errors.js';
import { getRoute, openApiDocument, setServeContext } from './route.js';
import { register as registerAnalytics } from './routes/analytics.js';
import { register as registerCapex } from './routes/capex.js';
import { register as registerCore } from './routes/core.js';
import { register as registerMarkets } from './routes/markets.js';
import { register as registerPlumbing } from './routes/plumbing.js';
import { register as registerSec } from './routes/sec.js';
import { register as registerThirteenFQueries } from './routes/thirteenf-queries.js';
import { register as registerTrace } from './routes/trace.js';
import { register as registerViews } from './routes/views.js';
import {
  chartStyleHash,
  contentSecurityPolicy,
  hostCheck,
  methodCheck,
  securityHeaders,
} from './security.js';
import { webBundleDir } from './web-bundle.js';

const ROOT = PROJECT_ROOT;
const WEB = path.join(ROOT, 'web');
const CHART_BUNDLE = path.join(
  ROOT,
  'node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js',
);
const VENDOR: Record<string, string> = { 'lightweight-charts.js': CHART_BUNDLE };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Domain route modules; each adds its endpoints and dashboard data. */
export type RouteModule = (app: Hono, store: Store) => void;
const ROUTE_MODULES: RouteModule[] = [
  registerCore,
  registerCapex,
  registerSec,
  registerThirteenFQueries,
  registerPlumbing,
  registerMarkets,
  registerAnalytics,
  registerViews,
  registerTrace,
];

/** Server limits; the defaults come from the environment (see README). */
export interface ServerLimits {
  /** Computations running at once (each may hold a store's worth of rows). */
  maxCompute: number;
  /** Requests waiting for a computation slot before 503. */
  maxQueue: number;
  /** Response cache budget in bytes. */
  cacheBytes: number;
}

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function defaultLimits(): ServerLimits {
  return {
    maxCompute: envNumber('TIDEWATCH_MAX_COMPUTE', 2),
    maxQueue: envNumber('TIDEWATCH_MAX_QUEUE', 64),
    cacheBytes: envNumber('TIDEWATCH_CACHE_MB', 64) * 1024 * 1024,
  };
}

export interface AppOptions {
  /** Shown in the dashboard header: what the last update did. */
  status?: () => unknown;
  /** Host names answered (checked per request); undefined = no check (in-process tests). */
  hosts?: () => Set<string> | undefined;
  limits?: Partial<ServerLimits>;
  /** Route modules to serve instead of the domain ones (tests of the server itself). */
  routes?: RouteModule[];
}

let csp: string | undefined;

/** The HTTP API and dashboard as a hono app (tests call `app.request` in-process). */
export function createApp(store: Store, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const limits = { ...defaultLimits(), ...opts.limits };
  setServeContext(app, {
    cache: new ResponseCache(limits.cacheBytes),
    limiter: new ComputeLimiter(limits.maxCompute, limits.maxQueue),
    version: () => store.dataVersion(),
  });
  csp ??= contentSecurityPolicy(chartStyleHash(CHART_BUNDLE));

  app.onError((err, c) => {
    if (!(err instanceof ApiError) && !(err as { kind?: string }).kind) console.error(err);
    return errorResponse(c, err);
  });
  app.notFound((c) =>
    errorResponse(
      c,
      new ApiError(404, 'no-such-endpoint', `no such endpoint: ${c.req.path}`, {
        hint: 'the API is listed at /api/openapi.json',
      }),
    ),
  );
  app.use('*', securityHeaders(csp));
  app.use('*', methodCheck);
  app.use('*', hostCheck(opts.hosts ?? (() => undefined)));

  for (const m of opts.routes ?? ROUTE_MODULES) m(app, store);
  getRoute(
    app,
    {
      path: '/api/openapi.json',
      summary: 'this API description',
      description: 'OpenAPI 3.1 description of every endpoint, its parameters and the error shape',
    },
    () => openApiDocument(app),
  );
  getRoute(
    app,
    {
      path: '/api/update-status',
      summary: 'the background update',
      description: 'state of the update started by `tidewatch start` (null under `serve`)',
      cache: false,
    },
    () => opts.status?.() ?? null,
  );

  app.get('/vendor/:file', async (c) => {
    const file = VENDOR[c.req.param('file')];
    if (!file) throw new ApiError(404, 'not-found', `not found: ${c.req.path}`);
    return c.body(await readFile(file), 200, {
      'content-type': TYPES['.js']!,
      'cache-control': 'max-age=86400',
    });
  });
  app.get('/*', async (c) => {
    if (c.req.path.startsWith('/api/'))
      throw new ApiError(404, 'no-such-endpoint', `no such endpoint: ${c.req.path}`, {
        hint: 'the API is listed at /api/openapi.json',
      });
    const rel = c.req.path === '/' ? 'index.html' : c.req.path.slice(1);
    // Scripts come from the dashboard bundle (built from web/ with the view formatting); the page
    // and the stylesheet straight from web/.
    const root = rel.endsWith('.js') || rel.endsWith('.js.map') ? await webBundleDir() : WEB;
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) throw new ApiError(404, 'not-found', `not found: ${c.req.path}`);
    let body: Buffer<ArrayBuffer>;
    try {
      body = await readFile(file);
    } catch {
      throw new ApiError(404, 'not-found', `not found: ${c.req.path}`);
    }
    return c.body(body, 200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  return app;
}
