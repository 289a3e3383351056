import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TidewatchError } from '../core/errors.js';

/** The manifest format shared with ../shared/data/replay.json (see its README). */
export const ReplayEntrySchema = z.object({
  method: z.string().default('GET'),
  url: z.string().url(),
  file: z.string(),
  status: z.number().int().default(200),
  contentType: z.string().optional(),
  note: z.string().optional(),
});
export const ReplayManifestSchema = z.object({ version: z.literal(1), entries: z.array(ReplayEntrySchema) });
export type ReplayEntry = z.infer<typeof ReplayEntrySchema>;
export type ReplayManifest = z.infer<typeof ReplayManifestSchema>;

export function loadManifest(dir: string): ReplayManifest {
  const file = path.join(dir, 'replay.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TidewatchError('config', `replay manifest not found: ${file}`, {
      cause: e,
      hint: 'TIDEWATCH_REPLAY_DIR must point at a folder holding replay.json (e.g. ../shared/data)',
    });
  }
  const parsed = ReplayManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new TidewatchError(
      'bad-input',
      `replay manifest ${file} is invalid: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/**
 * A request matches an entry when method, scheme, host and path are equal and every query
 * parameter of the entry's URL is present in the request with the same value (extra request
 * parameters such as api_key are ignored). First match wins.
 */
export function matchEntry(entries: ReplayEntry[], method: string, url: string): ReplayEntry | undefined {
  const req = new URL(url);
  return entries.find((e) => {
    if (e.method.toUpperCase() !== method.toUpperCase()) return false;
    const u = new URL(e.url);
    if (u.protocol !== req.protocol || u.host !== req.host || u.pathname !== req.pathname) return false;
    for (const [k, v] of u.searchParams) {
      if (!req.searchParams.getAll(k).includes(v)) return false;
    }
    return true;
  });
}

/** Query parameters that always hold secrets, besides those a request names. */
const SECRET_PARAMS = ['api_key', 'apikey', 'token'];

/** Remove secret query parameters (api keys) from a URL before it is logged or stored. */
export function redactUrl(url: string, secretParams: string[] = []): string {
  const u = new URL(url);
  for (const k of new Set([...secretParams, ...SECRET_PARAMS])) {
    if (u.searchParams.has(k)) u.searchParams.delete(k);
  }
  return u.toString();
}

/** The values of a URL's secret query parameters: what must never be quoted back. */
export function secretValuesOf(url: string, secretParams: string[] = []): string[] {
  const u = new URL(url);
  return [...new Set([...secretParams, ...SECRET_PARAMS])]
    .flatMap((k) => u.searchParams.getAll(k))
    .filter((v) => v.length >= 4);
}

/** `name=value` / `"name": "value"` pairs whose name says secret, wherever they appear in text. */
const SECRET_PAIR =
  /\b(api[_-]?key|apikey|access[_-]?token|token|secret|password|passwd|auth)(["']?\s*[:=]\s*["']?)([^&\s"'<>,;}]+)/gi;

/**
 * Text from outside (an error body quoted in a message) with secrets removed: the request's own
 * secret values, in plain and URL-encoded form, and any `api_key=…`-like pair.
 */
export function scrubSecrets(text: string, secretValues: string[] = []): string {
  let out = text;
  for (const v of secretValues) {
    for (const form of new Set([v, encodeURIComponent(v)])) out = out.split(form).join('***');
  }
  return out.replace(SECRET_PAIR, '$1$2***');
}

/** Record-mode file name: `<source>/<host>/<path>` with sorted query pairs folded in. */
export function recordPath(source: string, url: string): string {
  const u = new URL(url);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._=-]/g, '_');
  const segments = u.pathname.split('/').filter(Boolean).map(safe);
  let last = segments.pop() ?? 'index';
  const pairs = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (pairs.length) {
    const dot = last.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [last.slice(0, dot), last.slice(dot)] : [last, ''];
    last = `${stem}--${safe(pairs.map(([k, v]) => `${k}=${v}`).join('&'))}${ext}`;
  }
  return [safe(source), safe(u.host), ...segments, last].join('/');
}
