import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { cutToKnownBy } from '../src/store/known-by.js';
import { withStore } from '../src/store/memory.testkit.js';
import { openStore, type Store } from '../src/store/store.js';
import { fullStoreCopy } from './full-store.js';

/**
 * The point-in-time invariant, over every endpoint the API documents (so a new endpoint is covered
 * without editing this test): on the full real-data store, the JSON an endpoint answers for
 * asOf=D equals the JSON it answers on a copy of the store that holds only what was known by D
 * (src/store/known-by.ts), and no date in it lies after D.
 */

/** As-of days spread over 2008–2026: crises, releases, turns of the data and quiet days. */
const AS_OF_DAYS = [
  '2008-03-14',
  '2008-09-15',
  '2008-12-26',
  '2009-06-30',
  '2010-05-06',
  '2011-08-08',
  '2012-12-31',
  '2013-06-24',
  '2015-08-24',
  '2016-02-11',
  '2018-02-05',
  '2019-09-17',
  '2020-03-20',
  '2021-11-30',
  '2022-06-16',
  '2023-03-13',
  '2023-07-31',
  '2024-06-30',
  '2025-04-16',
  '2025-11-14',
  '2026-02-13',
];

/**
 * Endpoints that show no dated data, with the reason. Every other documented endpoint must take
 * `asOf`.
 */
const NOT_DATED: Record<string, string> = {
  '/api/openapi.json': 'the API description',
  '/api/update-status': 'progress of the running update of this process',
};

/**
 * More values for path parameters than the documented example (a path parameter names a series or a
 * symbol: several are tried). Every other parameter uses its enum values or the example that
 * /api/openapi.json documents.
 */
const MORE_SAMPLES: Record<string, string[]> = {
  id: ['WALCL', 'RRPONTSYD', 'DTS:TGA_CLOSE'],
  symbol: ['SPY', 'BTC', 'NVDA'],
};

interface OpenApiParam {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  example?: string;
  schema: { enum?: string[] };
}

/** Every concrete request for one documented path (one per sample/enum value of its path params). */
function requestsFor(p: string, params: OpenApiParam[]): string[] {
  let urls = [p];
  for (const prm of params.filter((x) => x.in === 'path')) {
    const values = prm.schema.enum ?? MORE_SAMPLES[prm.name] ?? (prm.example ? [prm.example] : undefined);
    if (!values) throw new Error(`${p}: path parameter '${prm.name}' documents no example`);
    urls = urls.flatMap((u) => values.map((v) => u.replace(`{${prm.name}}`, encodeURIComponent(v))));
  }
  const required = params.filter((x) => x.in === 'query' && x.required && x.name !== 'asOf');
  const query = required.map((x) => {
    const v = x.example ?? x.schema.enum?.[0];
    if (v === undefined) throw new Error(`${p}: required query parameter '${x.name}' documents no example`);
    return `${x.name}=${encodeURIComponent(v)}`;
  });
  return urls.map((u) => (query.length ? `${u}?${query.join('&')}` : u));
}

/** Paths of every ISO date in a JSON value that lies after `asOf`. */
function datesAfter(x: unknown, asOf: string, at = '$'): string[] {
  if (typeof x === 'string')
    return /^\d{4}-\d{2}-\d{2}/.test(x) && x.slice(0, 10) > asOf ? [`${at} = ${x}`] : [];
  if (Array.isArray(x)) return x.flatMap((v, i) => datesAfter(v, asOf, `${at}[${i}]`));
  if (x && typeof x === 'object')
    return Object.entries(x).flatMap(([k, v]) => datesAfter(v, asOf, `${at}.${k}`));
  return [];
}

/** First differing path between two JSON values (undefined when equal). */
function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${at}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  for (const k of new Set([...ka, ...kb])) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${at}.${k}`,
    );
    if (d) return d;
  }
  return undefined;
}

async function answer(
  app: ReturnType<typeof createApp>,
  url: string,
): Promise<{ status: number; body: unknown }> {
  const res = await app.request(url);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status: res.status, body };
}

describe('point in time: every documented endpoint at D equals the store cut to what was known by D', () => {
  let full: Store;
  let app: ReturnType<typeof createApp>;
  let requests: Array<{ path: string; url: string }> = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-pit-'));
  let source = '';

  beforeAll(async () => {
    source = fullStoreCopy();
    full = await openStore(source);
    app = createApp(full);
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: OpenApiParam[] } }>;
    };
    requests = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (NOT_DATED[p]) continue;
      for (const url of requestsFor(p, ops.get.parameters)) requests.push({ path: p, url });
    }
  }, 600_000);

  afterAll(async () => {
    await full?.close();
  });

  it('every documented endpoint that shows data takes asOf', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: OpenApiParam[] } }>;
    };
    const without = Object.entries(doc.paths)
      .filter(
        ([p, ops]) => !NOT_DATED[p] && !ops.get.parameters.some((x) => x.name === 'asOf' && x.in === 'query'),
      )
      .map(([p]) => p);
    expect(without).toEqual([]);
  });

  it.each(AS_OF_DAYS)(
    'as of %s',
    async (day) => {
      const cutFile = path.join(dir, `cut-${day}.duckdb`);
      copyFileSync(source, cutFile);
      // The full store is open in this process: copy from the built file, not the open one.
      await withStore(async (cut) => {
        await cutToKnownBy(cut.db, day);
        const cutApp = createApp(cut);
        const problems: string[] = [];
        for (const r of requests) {
          const url = `${r.url}${r.url.includes('?') ? '&' : '?'}asOf=${day}`;
          const [a, b] = await Promise.all([answer(app, url), answer(cutApp, url)]);
          if (a.status !== b.status) {
            problems.push(`${url}: status ${a.status} on the full store, ${b.status} on the cut store`);
            continue;
          }
          const diff = firstDifference(a.body, b.body);
          if (diff) problems.push(`${url}: differs at ${diff}`);
          const late = datesAfter(a.body, day);
          if (late.length)
            problems.push(`${url}: ${late.length} date(s) after ${day}, e.g. ${late.slice(0, 3).join('; ')}`);
        }
        expect(problems).toEqual([]);
      }, cutFile);
    },
    600_000,
  );
});
