import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';

/** Every API route registers here so /api/openapi.json describes exactly what is served. */
export interface RouteDoc {
  path: string;
  description: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
}

/** The routes registered on each app (one list per app, so two apps never mix or clear them). */
const ROUTE_DOCS = new WeakMap<Hono, RouteDoc[]>();

function docsOf(app: Hono): RouteDoc[] {
  let docs = ROUTE_DOCS.get(app);
  if (!docs) {
    docs = [];
    ROUTE_DOCS.set(app, docs);
  }
  return docs;
}

export const isoDateParam = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export class BadRequest extends Error {}

function check<T extends z.ZodObject>(schema: T | undefined, input: Record<string, string>, where: string): z.infer<T> {
  if (!schema) return {} as z.infer<T>;
  const r = schema.strict().safeParse(input);
  if (!r.success) {
    const msg = r.error.issues
      .map((i) => (i.code === 'unrecognized_keys' ? `unknown ${where} parameter(s): ${i.keys.join(', ')}` : `${where} parameter '${i.path.join('.')}': ${i.message}`))
      .join('; ');
    throw new BadRequest(msg);
  }
  return r.data as z.infer<T>;
}

/**
 * A GET route with zod-validated query and path parameters. Bad parameters answer 400 with a
 * message naming the parameter; the handler receives typed values.
 */
type NoParams = z.ZodObject<Record<never, never>>;

export function getRoute<Q extends z.ZodObject = NoParams, P extends z.ZodObject = NoParams>(
  app: Hono,
  doc: { path: string; description: string; query?: Q; params?: P },
  handler: (args: { query: z.infer<Q>; params: z.infer<P>; c: Context }) => Promise<unknown> | unknown,
): void {
  docsOf(app).push(doc as RouteDoc);
  app.get(doc.path, async (c) => {
    const query = check(doc.query, c.req.query(), 'query');
    const params = check(doc.params, c.req.param() as Record<string, string>, 'path');
    const out = await handler({ query, params, c });
    return out instanceof Response ? out : c.json(out as object);
  });
}

export function openApiDocument(app: Hono): unknown {
  const paths: Record<string, unknown> = {};
  for (const r of docsOf(app)) {
    const params: unknown[] = [];
    for (const [where, schema] of [
      ['query', r.query],
      ['path', r.params],
    ] as const) {
      if (!schema) continue;
      const js = z.toJSONSchema(schema, { unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        params.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const oaPath = r.path.replace(/:(\w+)/g, '{$1}');
    paths[oaPath] = { get: { description: r.description, parameters: params, responses: { 200: { description: 'OK' }, 400: { description: 'bad parameters' } } } };
  }
  return { openapi: '3.1.0', info: { title: 'tidewatch API', version: '0.1.0' }, paths };
}
