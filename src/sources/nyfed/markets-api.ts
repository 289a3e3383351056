import { addDays, daysBetween } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import { type RawBytes, rawFromResponse, textOf } from '../define.js';
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

/** GET one window; anything but 200 is an http error (the HTTP layer already threw for non-2xx). */
async function getWindow(http: Http, url: string): Promise<RawBytes> {
  const res = await http.get(url, { source: 'nyfed', headers: { accept: 'application/json' } });
  if (res.status !== 200) {
    throw new TidewatchError('http', `GET ${res.url} returned ${res.status}`, { status: res.status });
  }
  return rawFromResponse(res);
}

/** JSON of one window's response; a body that is not JSON is refused naming the URL. */
function windowJson(raw: RawBytes): unknown {
  try {
    return JSON.parse(textOf(raw).text);
  } catch (e) {
    throw new TidewatchError('bad-input', `${raw.origin}: response is not JSON (${(e as Error).message})`);
  }
}

export type RateKind = 'sofr' | 'effr';
const RATE_PATH: Record<RateKind, string> = {
  sofr: '/api/rates/secured/sofr/search.json',
  effr: '/api/rates/unsecured/effr/search.json',
};

export type NyfedItem = RateKind | 'repo' | 'treasury';

/** Where each item's windows are asked for, and how long a window may be. */
const ITEM_PATH: Record<NyfedItem, { path: string; windowDays: number }> = {
  sofr: { path: RATE_PATH.sofr, windowDays: RATE_WINDOW_DAYS },
  effr: { path: RATE_PATH.effr, windowDays: RATE_WINDOW_DAYS },
  repo: { path: '/api/rp/results/search.json', windowDays: OPS_WINDOW_DAYS },
  treasury: { path: '/api/tsy/all/results/summary/search.json', windowDays: OPS_WINDOW_DAYS },
};

/** Extract: one response per date window of the item, in order. */
export async function extractNyfed(
  http: Http,
  item: NyfedItem,
  from: string,
  to: string,
): Promise<RawBytes[]> {
  const { path, windowDays } = ITEM_PATH[item];
  const out: RawBytes[] = [];
  for (const [s, e] of dateWindows(from, to, windowDays))
    out.push(await getWindow(http, `${NYFED_BASE}${path}?startDate=${s}&endDate=${e}`));
  return out;
}

/** Rate windows → records, in date order; a day repeated across windows with other numbers is an error. */
export function parseRateWindows(inputs: RawBytes[]): { records: RateRecord[]; warnings: string[] } {
  const known = new Map<string, RateRecord>();
  const records: RateRecord[] = [];
  const warnings: string[] = [];
  for (const raw of inputs) {
    const doc = windowJson(raw);
    if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { refRates?: unknown }).refRates)) {
      throw new TidewatchError('format-changed', `${raw.origin}: required field 'refRates' missing`);
    }
    const r = parseRatesJson(JSON.stringify(doc), raw.origin);
    for (const w of r.warnings) warnings.push(w);
    // Windows do not overlap; a day repeated with other numbers is an error, never "last wins".
    for (const rec of uniqueRates(r.records, warnings, known)) {
      known.set(`${rec.type}|${rec.date}`, rec);
      records.push(rec);
    }
  }
  return { records: records.sort((a, b) => (a.date < b.date ? -1 : 1)), warnings };
}

const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export function parseRepoWindows(inputs: RawBytes[]): RepoOperation[] {
  const byId = new Map<string, RepoOperation>();
  for (const raw of inputs)
    for (const op of parseRepoOperations(windowJson(raw), raw.origin)) byId.set(op.id, op);
  return [...byId.values()].sort(byDate);
}

export function parseTreasuryWindows(inputs: RawBytes[]): TreasuryOperation[] {
  const byId = new Map<string, TreasuryOperation>();
  for (const raw of inputs)
    for (const op of parseTreasuryOperations(windowJson(raw), raw.origin)) byId.set(op.id, op);
  return [...byId.values()].sort(byDate);
}

export async function fetchRates(
  http: Http,
  kind: RateKind,
  from: string,
  to: string,
): Promise<{ records: RateRecord[]; warnings: string[] }> {
  return parseRateWindows(await extractNyfed(http, kind, from, to));
}

export async function fetchRepoOperations(http: Http, from: string, to: string): Promise<RepoOperation[]> {
  return parseRepoWindows(await extractNyfed(http, 'repo', from, to));
}

export async function fetchTreasuryOperations(
  http: Http,
  from: string,
  to: string,
): Promise<TreasuryOperation[]> {
  return parseTreasuryWindows(await extractNyfed(http, 'treasury', from, to));
}
