import { z } from 'zod';
import { addDays, isIsoDate, toDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { parseFredUnits, type Unit } from '../../core/units.js';
import type { Http } from '../../http/types.js';
import type { StreamedFile } from '../../update/files.js';
import { type Extracted, jsonOf, type RawBytes, rawFromResponse, textOf } from '../define.js';
import { isTooManyVintages, parseFredObservations, parseFredSeriesMeta } from './api.js';
import { type CatalogEntry, catalogEntryOrGeneric } from './catalog.js';
import { type FredCsv, parseFredCsv } from './csv.js';
import { publicationDate } from './publication.js';

/** Query contract of the FRED source: validated before any request is made. */
export const FredQuerySchema = z.object({
  seriesId: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, 'FRED ids are letters, digits and _')
    .transform((s) => s.toUpperCase()),
  from: z.string().refine(isIsoDate, 'from must be YYYY-MM-DD').optional(),
  /** With an API key: fetch every ALFRED vintage instead of today's values. */
  vintages: z.boolean().default(false),
});
export type FredQuery = z.input<typeof FredQuerySchema>;

export interface FredRecord {
  date: string;
  value: number;
  knownFrom: string;
  /** Line of the origin the value was read from (CSV), for messages. */
  line?: number;
}

export interface FredFetchResult {
  seriesId: string;
  /** Unit the provider reported (API) or the catalog's (CSV). */
  unit: Unit;
  unitRule: 'api-metadata' | 'catalog';
  records: FredRecord[];
  missing: number;
  via: 'fredgraph.csv' | 'api' | 'alfred';
  url: string;
}

export const FREDGRAPH = 'https://fred.stlouisfed.org/graph/fredgraph.csv';
export const FRED_API = 'https://api.stlouisfed.org/fred';

/** Attach publication dates to plain (vintage-less) rows using the series' release rule. */
export function withPublicationDates(
  seriesId: string,
  rows: Array<{ date: string; value: number; line?: number }>,
): FredRecord[] {
  const rule = catalogEntryOrGeneric(seriesId).release;
  return rows.map((r) => ({
    date: r.date,
    value: r.value,
    knownFrom: publicationDate(rule, r.date),
    line: r.line,
  }));
}

/**
 * Extract: the bytes of one series. Without a key, fredgraph.csv (part 'csv'); with one, the
 * series metadata (part 'series') and the observations (part 'observations': one response, or
 * several when ALFRED refuses more than 2,000 vintage dates and the realtime window is split).
 */
export async function extractFred(
  http: Http,
  q: z.output<typeof FredQuerySchema>,
  apiKey = process.env.FRED_API_KEY,
): Promise<Extracted> {
  if (!apiKey) {
    const params = new URLSearchParams({ id: q.seriesId });
    if (q.from) params.set('cosd', q.from);
    const res = await http.get(`${FREDGRAPH}?${params}`, { source: 'fred' });
    return { inputs: [rawFromResponse(res, 'csv')] };
  }
  const secret = { source: 'fred', secretParams: ['api_key'] };
  const metaUrl = `${FRED_API}/series?${new URLSearchParams({ series_id: q.seriesId, api_key: apiKey, file_type: 'json' })}`;
  const inputs: RawBytes[] = [rawFromResponse(await http.get(metaUrl, secret), 'series')];
  const fetchWindow = async (rtStart?: string, rtEnd?: string): Promise<void> => {
    const params = new URLSearchParams({ series_id: q.seriesId, api_key: apiKey, file_type: 'json' });
    if (q.from) params.set('observation_start', q.from);
    if (rtStart && rtEnd) {
      params.set('realtime_start', rtStart);
      params.set('realtime_end', rtEnd);
    }
    try {
      inputs.push(
        rawFromResponse(await http.get(`${FRED_API}/series/observations?${params}`, secret), 'observations'),
      );
    } catch (e) {
      // ALFRED refuses > 2,000 vintage dates: split the realtime window and ask twice.
      const tooMany =
        e instanceof TidewatchError &&
        e.status === 400 &&
        rtStart &&
        rtEnd &&
        isTooManyVintages(e.message + String((e.cause as Error)?.message ?? ''));
      if (!tooMany || rtStart === rtEnd) throw e;
      const mid = addDays(
        rtStart!,
        Math.floor((toDate(rtEnd!).getTime() - toDate(rtStart!).getTime()) / 86_400_000 / 2),
      );
      await fetchWindow(rtStart, mid);
      await fetchWindow(addDays(mid, 1), rtEnd);
    }
  };
  const today = new Date().toISOString().slice(0, 10);
  if (q.vintages) await fetchWindow('1776-07-04', today);
  else await fetchWindow();
  return { inputs };
}

/** A series' rows in the unit the provider printed them, with the day each became public. */
export interface FredParse {
  entry: CatalogEntry;
  origin: string;
  records: FredRecord[];
  missing: number;
}

/** fredgraph.csv bytes → rows with publication dates (a download must end with a newline; a saved file need not). */
export function parseFredCsvBytes(
  raw: RawBytes,
  expectedId?: string,
  from?: string,
): FredParse & { warnings: string[] } {
  const decoded = textOf(raw);
  const csv = parseFredCsv(decoded.text, raw.origin, expectedId, {
    requireFinalNewline: raw.originKind !== 'file',
  });
  return fredParseOf(csv, raw.origin, decoded.warnings, from);
}

/** A saved FRED CSV read in pieces (a file import): the same parse, never the whole text at once. */
export function parseFredCsvFile(f: StreamedFile): FredParse & { warnings: string[] } {
  return fredParseOf(parseFredCsv({ head: f.head(200), pieces: f.pieces() }, f.file), f.file, f.warnings);
}

function fredParseOf(csv: FredCsv, origin: string, warnings: string[], from?: string) {
  const rows = from ? csv.rows.filter((r) => r.date >= from) : csv.rows;
  return {
    entry: catalogEntryOrGeneric(csv.seriesId),
    origin,
    records: withPublicationDates(csv.seriesId, rows),
    missing: csv.missing,
    warnings,
  };
}

/** JSON API bytes (series metadata + observation windows) → rows, in the unit the API states. */
export function parseFredApiBytes(
  inputs: RawBytes[],
  seriesId: string,
  vintages: boolean,
): FredParse & { unit: Unit } {
  const metaRaw = inputs.find((r) => r.part === 'series');
  if (!metaRaw) throw new TidewatchError('format-changed', `FRED ${seriesId}: no series metadata response`);
  const meta = parseFredSeriesMeta(jsonOf(metaRaw), metaRaw.origin);
  const entry = catalogEntryOrGeneric(seriesId);
  const rows: FredRecord[] = [];
  let missing = 0;
  let origin = '';
  for (const raw of inputs.filter((r) => r.part === 'observations')) {
    origin ||= raw.origin;
    const parsed = parseFredObservations(jsonOf(raw), raw.origin);
    missing += parsed.missing;
    // Without vintages the realtime window is "today": fall back to the release rule.
    for (const r of parsed.rows)
      rows.push({
        date: r.date,
        value: r.value,
        knownFrom: vintages ? r.realtimeStart : publicationDate(entry.release, r.date),
      });
  }
  // Window boundaries repeat the vintage that spans them: keep one row per (date, knownFrom).
  const seen = new Set<string>();
  const records = rows.filter((r) => {
    const k = `${r.date}|${r.knownFrom}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  records.sort((a, b) =>
    a.date === b.date ? (a.knownFrom < b.knownFrom ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  return { entry, origin, records, missing, unit: parseFredUnits(meta.units) ?? entry.unit };
}

/** One series fetched and parsed (extract + the parse of the transform), for callers outside an update. */
export async function fetchFredSeries(
  http: Http,
  query: FredQuery,
  apiKey = process.env.FRED_API_KEY,
): Promise<FredFetchResult> {
  const q = FredQuerySchema.parse(query);
  const ex = await extractFred(http, q, apiKey);
  const csv = ex.inputs.find((r) => r.part === 'csv');
  if (csv) {
    const p = parseFredCsvBytes(csv, q.seriesId, q.from);
    return {
      seriesId: q.seriesId,
      unit: p.entry.unit,
      unitRule: 'catalog',
      records: p.records,
      missing: p.missing,
      via: 'fredgraph.csv',
      url: csv.origin,
    };
  }
  const p = parseFredApiBytes(ex.inputs, q.seriesId, q.vintages);
  return {
    seriesId: q.seriesId,
    unit: p.unit,
    unitRule: 'api-metadata',
    records: p.records,
    missing: p.missing,
    via: q.vintages ? 'alfred' : 'api',
    url: p.origin,
  };
}
