import { addDays, daysBetween } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import {
  parseRepoOperations,
  parseTreasuryOperations,
  type RepoOperation,
  type TreasuryOperation,
} from './operations.js';
import { parseRatesJson, type RateRecord, uniqueRates } from './rates.js';

/**
 * New York Fed Markets API connector (keyless). The `search.json` endpoints take a
 * startDate/endDate range and return the whole range in one document, so "paging" here is by
 * date window: long ranges are split into windows (the API is slow and has been seen to cut
 * large responses), fetched in order, and merged with duplicates at window edges removed.
 */
export const NYFED_BASE = 'https://markets.newyorkfed.org';
const RATE_WINDOW_DAYS = 366;
const OPS_WINDOW_DAYS = 92;

/** Inclusive [start, end] windows covering from..to, each at most `maxDays` long. */
export function dateWindows(from: string, to: string, maxDays: number): [string, string][] {
  if (from > to) throw new TidewatchError('bad-input', `date range reversed: ${from} > ${to}`);
  const out: [string, string][] = [];
  let start = from;
  while (start <= to) {
    const end = daysBetween(start, to) < maxDays ? to : addDays(start, maxDays - 1);
    out.push([start, end]);
    start = addDays(end, 1);
  }
  return out;
}

async function getJson(http: Http, url: string): Promise<unknown> {
  const res = await http.get(url, { source: 'nyfed', headers: { accept: 'application/json' } });
  if (res.status !== 200) {
    throw new TidewatchError('http', `GET ${res.url} returned ${res.status}`, { status: res.status });
  }
  try {
    return res.json();
  } catch (e) {
    throw new TidewatchError('bad-input', `${res.url}: response is not JSON (${(e as Error).message})`);
  }
}

export type RateKind = 'sofr' | 'effr';
const RATE_PATH: Record<RateKind, string> = {
  sofr: '/api/rates/secured/sofr/search.json',
  effr: '/api/rates/unsecured/effr/search.json',
};

export async function fetchRates(
  http: Http,
  kind: RateKind,
  from: string,
  to: string,
): Promise<{ records: RateRecord[]; warnings: string[] }> {
  const known = new Map<string, RateRecord>();
  const records: RateRecord[] = [];
  const warnings: string[] = [];
  for (const [s, e] of dateWindows(from, to, RATE_WINDOW_DAYS)) {
    const url = `${NYFED_BASE}${RATE_PATH[kind]}?startDate=${s}&endDate=${e}`;
    const doc = await getJson(http, url);
    if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { refRates?: unknown }).refRates)) {
      throw new TidewatchError('format-changed', `${url}: required field 'refRates' missing`);
    }
    const r = parseRatesJson(JSON.stringify(doc), url);
    for (const w of r.warnings) warnings.push(w);
    // Windows do not overlap; a day repeated with other numbers is an error, never "last wins".
    for (const rec of uniqueRates(r.records, warnings, known)) {
      known.set(`${rec.type}|${rec.date}`, rec);
      records.push(rec);
    }
  }
  return { records: records.sort((a, b) => (a.date < b.date ? -1 : 1)), warnings };
}

export async function fetchRepoOperations(http: Http, from: string, to: string): Promise<RepoOperation[]> {
  const byId = new Map<string, RepoOperation>();
  for (const [s, e] of dateWindows(from, to, OPS_WINDOW_DAYS)) {
    const url = `${NYFED_BASE}/api/rp/results/search.json?startDate=${s}&endDate=${e}`;
    for (const op of parseRepoOperations(await getJson(http, url), url)) byId.set(op.id, op);
  }
  return [...byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export async function fetchTreasuryOperations(
  http: Http,
  from: string,
  to: string,
): Promise<TreasuryOperation[]> {
  const byId = new Map<string, TreasuryOperation>();
  for (const [s, e] of dateWindows(from, to, OPS_WINDOW_DAYS)) {
    const url = `${NYFED_BASE}/api/tsy/all/results/summary/search.json?startDate=${s}&endDate=${e}`;
    for (const op of parseTreasuryOperations(await getJson(http, url), url)) byId.set(op.id, op);
  }
  return [...byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
