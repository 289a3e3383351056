import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { today } from '../core/dates.js';
import type { ComputeLimiter, ResponseCache } from './cache.js';
import { ERROR_SCHEMA } from './errors.js';
import { isOptional, isoDateParam, paramInfo, parseParams } from './params.js';

export { enumParam, intParam, isoDateParam, numberParam, patternParam } from './params.js';

/** Every API route registers here so /api/openapi.json describes exactly what is served. */
export interface RouteDoc {
  path: string;
  /** One line for lists of endpoints. */
  summary: string;
  description: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Schema of the 200 body, when the route has one; emitted in /api/openapi.json. */
  response?: z.ZodType;
  /**
   * false: computed on every request (answers that do not come from the store). Otherwise the
   * answer is cached per (path, parameters, store version, day) and computed under the limit.
   */
  cache?: boolean;
}

/**
 * What the server adds around handlers: the response cache, the computation limit and the
 * store version the cache is keyed by. An app without one (a bare test app) computes directly.
 */
export interface ServeContext {
  cache: ResponseCache;
  limiter: ComputeLimiter;
  version: () => Promise<number>;
}

/** The routes registered on each app (one list per app, so two apps never mix or clear them). */
const ROUTE_DOCS = new WeakMap<Hono, RouteDoc[]>();
const CONTEXTS = new WeakMap<Hono, ServeContext>();

function docsOf(app: Hono): RouteDoc[] {
  let docs = ROUTE_DOCS.get(app);
  if (!docs) {
    docs = [];
    ROUTE_DOCS.set(app, docs);
  }
  return docs;
}

export function setServeContext(app: Hono, ctx: ServeContext): void {
  CONTEXTS.set(app, ctx);
}

export function routeDocs(app: Hono): readonly RouteDoc[] {
  return docsOf(app);
}

type NoParams = z.ZodObject<Record<never, never>>;

const JSON_TYPE = 'application/json; charset=utf-8';

/** True when Accept-Encoding lists gzip (or *) without q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Sorted `name=value` pairs: the same parameters in any order are one cache key. */
function canonicalQuery(raw: Record<string, string[]>): string {
  return Object.keys(raw)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(raw[k]![0] ?? '')}`)
    .join('&');
}

/**
 * A GET route with validated query and path parameters (unknown, repeated or bad ones answer
 * 400 naming the parameter); the handler receives typed values and returns plain data, which
 * is sent as JSON and, unless `cache: false`, cached per store version.
 */
export function getRoute<Q extends z.ZodObject = NoParams, P extends z.ZodObject = NoParams>(
  app: Hono,
  doc: {
    path: string;
    summary: string;
    description: string;
    query?: Q;
    params?: P;
    response?: z.ZodType;
    cache?: boolean;
  },
  handler: (args: { query: z.infer<Q>; params: z.infer<P>; c: Context }) => Promise<unknown> | unknown,
): void {
  docsOf(app).push(doc as RouteDoc);
  app.get(doc.path, async (c) => {
    const rawQuery = c.req.queries();
    const query = parseParams(doc.query, rawQuery, 'query', doc.path) as z.infer<Q>;
    const params = parseParams(
      doc.params,
      c.req.param() as Record<string, string>,
      'path',
      doc.path,
    ) as z.infer<P>;
    const compute = async () => Buffer.from(JSON.stringify(await handler({ query, params, c })) ?? 'null');
    const ctx = CONTEXTS.get(app);
    if (!ctx || doc.cache === false) return c.body(await compute(), 200, { 'content-type': JSON_TYPE });

    // The day is part of the key: routes default asOf to today.
    const generation = `${await ctx.version()}|${today()}`;
    ctx.cache.setGeneration(generation);
    const key = `${c.req.path}?${canonicalQuery(rawQuery)}#${generation}`;
    const { entry, cache } = await ctx.cache.get(key, () => ctx.limiter.run(compute));
    const headers: Record<string, string> = {
      'content-type': JSON_TYPE,
      etag: entry.etag,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      'x-tidewatch-cache': cache,
    };
    if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304, headers);
    if (entry.gzip && acceptsGzip(c.req.header('accept-encoding'))) {
      return c.body(entry.gzip, 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(entry.body, 200, headers);
  });
}

/**
 * The as-of day of a route (only what was public by then). Absent means today: the one place
 * that says so. It is resolved when a request is parsed, not when the module loads, so a server
 * running past midnight answers for the new day (the response cache is keyed by the day too).
 */
export const asOfParam = isoDateParam.default(() => today());

/** The query of a route whose one parameter is the as-of day (today when absent). */
export const asOfQuery = z.object({ asOf: asOfParam });

/**
 * An as-of bound that may be left out: absent means no bound (lists of what is stored: series,
 * price sources, curated rows), not today.
 */
export const asOfBoundQuery = z.object({ asOf: isoDateParam.optional() });

/** A route whose one parameter is the as-of day: the handler gets the day (today when none is asked for). */
export function asOfRoute(
  app: Hono,
  doc: { path: string; summary: string; description: string; response?: z.ZodType; cache?: boolean },
  handler: (asOf: string) => Promise<unknown> | unknown,
): void {
  getRoute(app, { ...doc, query: asOfQuery }, ({ query }) => handler(query.asOf));
}

function jsonSchemaOf(s: z.ZodType): unknown {
  const js = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete js.$schema;
  return js;
}

export function openApiDocument(app: Hono): unknown {
  const paths: Record<string, unknown> = {};
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  for (const r of docsOf(app)) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      for (const [name, s] of Object.entries((schema?.shape ?? {}) as Record<string, z.ZodType>)) {
        const info = paramInfo(s);
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !isOptional(s),
          description: info.expect,
          schema: info.json,
          ...(info.example ? { example: info.example } : {}),
        });
      }
    }
    const ok = r.response
      ? { description: 'OK', content: { 'application/json': { schema: jsonSchemaOf(r.response) } } }
      : { description: 'OK (JSON)' };
    paths[r.path.replace(/:(\w+)/g, '{$1}')] = {
      get: {
        summary: r.summary,
        description: r.description,
        parameters,
        responses: {
          200: ok,
          400: error('a parameter is unknown, repeated or malformed (error.parameter names it)'),
          404: error('nothing stored for what was asked'),
          503: error('too many computations waiting; retry after the Retry-After seconds'),
          500: error('internal error'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tidewatch API',
      version: '0.1.0',
      description:
        'GET only (other methods answer 405). Every error answers {"error": {"kind", "message", "hint"?, "parameter"?}}.',
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}
