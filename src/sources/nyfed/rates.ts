import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { jsonItems } from '../../core/json-stream.js';
import { toCanonical } from '../../core/units.js';

/**
 * One reference-rate publication (SOFR, EFFR, …) from either New York Fed shape:
 * - the website's internal `read` endpoint (what nyfed/sofr-read-endpoint-snapshots holds):
 *   `refRateDt`, `refRateType`, `dailyRate`, `ratePercentile1st…99th`, `tradingVolume` ($bn),
 *   boolean `revisionIndicator`, numeric `footnoteId`; jq drops trailing zeros (`0`, `2.3`).
 * - the public Markets API `/api/rates/.../search.json` → `{ refRates: [...] }`:
 *   `effectiveDate`, `type`, `percentRate`, `percentPercentile1/25/75/99`,
 *   `volumeInBillions`, string `revisionIndicator` ("" when none), optional `footnoteId`.
 * Rates are percent; volume is converted to US$.
 */
export interface RateRecord {
  date: string;
  type: string;
  rate: number;
  p1: number | null;
  p25: number | null;
  p75: number | null;
  p99: number | null;
  /** Underlying volume, US$. */
  volume: number | null;
  revised: boolean;
  /** Where the record came from ('sofr_2025-10-31.json[0]'), for messages. */
  where: string;
}

type Shape = 'read' | 'api';
const FIELDS: Record<Shape, Record<keyof Omit<RateRecord, 'revised' | 'where'> | 'revision', string>> = {
  read: {
    date: 'refRateDt',
    type: 'refRateType',
    rate: 'dailyRate',
    p1: 'ratePercentile1st',
    p25: 'ratePercentile25th',
    p75: 'ratePercentile75th',
    p99: 'ratePercentile99th',
    volume: 'tradingVolume',
    revision: 'revisionIndicator',
  },
  api: {
    date: 'effectiveDate',
    type: 'type',
    rate: 'percentRate',
    p1: 'percentPercentile1',
    p25: 'percentPercentile25',
    p75: 'percentPercentile75',
    p99: 'percentPercentile99',
    volume: 'volumeInBillions',
    revision: 'revisionIndicator',
  },
};
/** Fields we know and deliberately do not use; anything else earns a warning. */
const KNOWN_EXTRA = new Set([
  'footnoteId',
  'percentRateTarget',
  'targetRateFrom',
  'targetRateTo',
  'intraDayLow',
  'intraDayHigh',
  'stdDeviation',
  'average30day',
  'average90day',
  'average180day',
  'index',
]);

function num(o: Record<string, unknown>, field: string, where: string, required: boolean): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === '' || v === 'null') {
    if (required) throw new TidewatchError('bad-input', `${where}: required field '${field}' missing`);
    return null;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) {
    throw new TidewatchError(
      'bad-input',
      `${where}: field '${field}' is not a number: ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`,
    );
  }
  return n;
}

/** Map one object of either shape; `where` names the file/URL and index for messages. */
export function toRateRecord(o: Record<string, unknown>, where: string, warnings: string[]): RateRecord {
  const shape: Shape = 'refRateDt' in o ? 'read' : 'effectiveDate' in o ? 'api' : 'api';
  const f = FIELDS[shape];
  const date = o[f.date];
  if (typeof date !== 'string') {
    throw new TidewatchError('bad-input', `${where}: required field '${f.date}' missing (or 'refRateDt')`);
  }
  if (!isIsoDate(date))
    throw new TidewatchError('bad-input', `${where}: field '${f.date}' is not a date: '${date}'`);
  const known = new Set<string>([...Object.values(f), ...KNOWN_EXTRA]);
  for (const k of Object.keys(o)) if (!known.has(k)) warnings.push(`${where}: unknown field '${k}' ignored`);
  const rev = o[f.revision];
  const vol = num(o, f.volume, where, false);
  const type = typeof o[f.type] === 'string' ? (o[f.type] as string).trim().toUpperCase() : 'SOFR';
  // The type becomes part of series ids (NYFED:SOFR_P99): a garbled one must not create series.
  if (!/^[A-Z0-9]{2,12}$/.test(type)) {
    throw new TidewatchError(
      'bad-input',
      `${where}: field '${f.type}' is not a rate name: ${JSON.stringify(o[f.type])}`,
      {
        hint: 'expected SOFR, EFFR, OBFR, TGCR, BGCR …',
      },
    );
  }
  return {
    date,
    type,
    rate: num(o, f.rate, where, true)!,
    p1: num(o, f.p1, where, false),
    p25: num(o, f.p25, where, false),
    p75: num(o, f.p75, where, false),
    p99: num(o, f.p99, where, false),
    volume: vol === null ? null : toCanonical(vol, 'usd_billions'),
    // read endpoint: boolean; API: "" (none) or a letter code.
    revised: rev === true || (typeof rev === 'string' && rev.trim() !== ''),
    where,
  };
}

/**
 * The records of one item of a rates document (see jsonItems): an element of a root array
 * (`index` ≥ 0), or the whole document (-1): one object or `{refRates: [...]}`. `source` names
 * the file or URL; each record's `where` is `source[i]`.
 */
export function ratesOfItem(
  item: { value: unknown; index: number },
  source: string,
  warnings: string[],
): Array<{ record: RateRecord; index: number }> {
  let list: unknown[];
  let first = 0;
  if (item.index >= 0) {
    list = [item.value];
    first = item.index;
  } else {
    const doc = item.value;
    if (doc && typeof doc === 'object' && Array.isArray((doc as { refRates?: unknown }).refRates)) {
      list = (doc as { refRates: unknown[] }).refRates;
    } else if (doc && typeof doc === 'object' && !Array.isArray(doc)) list = [doc];
    else throw new TidewatchError('bad-input', `${source}: expected an array or an object with 'refRates'`);
  }
  return list.map((o, k) => {
    const i = first + k;
    if (!o || typeof o !== 'object') throw new TidewatchError('bad-input', `${source}[${i}]: not an object`);
    return { record: toRateRecord(o as Record<string, unknown>, `${source}[${i}]`, warnings), index: i };
  });
}

/** Parse a JSON document of either shape: an array (read endpoint), one object, or `{refRates}`. */
export function parseRatesJson(text: string, source: string): { records: RateRecord[]; warnings: string[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const warnings: string[] = [];
  const records: RateRecord[] = [];
  for (const item of jsonItems([body], source, () => body))
    for (const r of ratesOfItem(item, source, warnings)) records.push(r.record);
  return { records: uniqueRates(records, warnings), warnings };
}

const sameRate = (a: RateRecord, b: RateRecord) =>
  a.rate === b.rate &&
  a.p1 === b.p1 &&
  a.p25 === b.p25 &&
  a.p75 === b.p75 &&
  a.p99 === b.p99 &&
  a.volume === b.volume;

/**
 * One publication per (rate, date). The same fixing again with identical numbers (a snapshot
 * saved twice) is collapsed with a note; with other numbers it is an error naming both places,
 * never "first wins". `known` holds the records accepted from earlier files (read only: the
 * caller adds the returned records once the whole file is accepted).
 */
export function uniqueRates(
  records: RateRecord[],
  warnings: string[],
  known: ReadonlyMap<string, RateRecord> = new Map(),
): RateRecord[] {
  const out: RateRecord[] = [];
  const local = new Map<string, RateRecord>();
  let repeats = 0;
  for (const r of records) {
    const key = `${r.type}|${r.date}`;
    const first = local.get(key) ?? known.get(key);
    if (!first) {
      local.set(key, r);
      out.push(r);
      continue;
    }
    if (!sameRate(first, r)) {
      throw new TidewatchError(
        'bad-input',
        `${r.type} ${r.date} is given twice with different values: rate ${first.rate} (${first.where}) and ${r.rate} (${r.where})`,
        { hint: 'keep one publication per day (a revised fixing replaces the old file)' },
      );
    }
    repeats++;
  }
  if (repeats) warnings.push(`${repeats} repeated identical fixing(s) collapsed`);
  return out;
}
