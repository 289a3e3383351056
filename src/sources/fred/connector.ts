import { z } from 'zod';
import { addDays, isIsoDate, toDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { parseFredUnits, type Unit } from '../../core/units.js';
import type { Http } from '../../http/types.js';
import { isTooManyVintages, parseFredObservations, parseFredSeriesMeta } from './api.js';
import { catalogEntryOrGeneric } from './catalog.js';
import { parseFredCsv } from './csv.js';
import { publicationDate } from './publication.js';

/** Query contract of the FRED source: validated before any request is made. */
export const FredQuerySchema = z.object({
  seriesId: z.string().regex(/^[A-Za-z0-9_]+$/, 'FRED ids are letters, digits and _').transform((s) => s.toUpperCase()),
  from: z.string().refine(isIsoDate, 'from must be YYYY-MM-DD').optional(),
  /** With an API key: fetch every ALFRED vintage instead of today's values. */
  vintages: z.boolean().default(false),
});
export type FredQuery = z.input<typeof FredQuerySchema>;

export interface FredRecord {
  date: string;
  value: number;
  knownFrom: string;
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
export function withPublicationDates(seriesId: string, rows: Array<{ date: string; value: number }>): FredRecord[] {
  const rule = catalogEntryOrGeneric(seriesId).release;
  return rows.map((r) => ({ date: r.date, value: r.value, knownFrom: publicationDate(rule, r.date) }));
}

export async function fetchFredSeries(http: Http, query: FredQuery, apiKey = process.env.FRED_API_KEY): Promise<FredFetchResult> {
  const q = FredQuerySchema.parse(query);
  if (!apiKey) {
    const params = new URLSearchParams({ id: q.seriesId });
    if (q.from) params.set('cosd', q.from);
    const url = `${FREDGRAPH}?${params}`;
    const res = await http.get(url, { source: 'fred' });
    const csv = parseFredCsv(res.text(), res.url, q.seriesId, { requireFinalNewline: true });
    const rows = q.from ? csv.rows.filter((r) => r.date >= q.from!) : csv.rows;
    return {
      seriesId: q.seriesId,
      unit: catalogEntryOrGeneric(q.seriesId).unit,
      unitRule: 'catalog',
      records: withPublicationDates(q.seriesId, rows),
      missing: csv.missing,
      via: 'fredgraph.csv',
      url: res.url,
    };
  }

  const secret = { source: 'fred', secretParams: ['api_key'] };
  const metaUrl = `${FRED_API}/series?${new URLSearchParams({ series_id: q.seriesId, api_key: apiKey, file_type: 'json' })}`;
  const metaRes = await http.get(metaUrl, secret);
  const meta = parseFredSeriesMeta(metaRes.json(), metaRes.url);
  const unit = parseFredUnits(meta.units) ?? catalogEntryOrGeneric(q.seriesId).unit;

  const fetchWindow = async (rtStart?: string, rtEnd?: string): Promise<{ rows: FredRecord[]; missing: number; url: string }> => {
    const params = new URLSearchParams({ series_id: q.seriesId, api_key: apiKey, file_type: 'json' });
    if (q.from) params.set('observation_start', q.from);
    if (rtStart && rtEnd) {
      params.set('realtime_start', rtStart);
      params.set('realtime_end', rtEnd);
    }
    const url = `${FRED_API}/series/observations?${params}`;
    try {
      const res = await http.get(url, secret);
      const parsed = parseFredObservations(res.json(), res.url);
      const rows = parsed.rows.map((r) => ({
        date: r.date,
        value: r.value,
        // Without vintages the realtime window is "today": fall back to the release rule.
        knownFrom: rtStart ? r.realtimeStart : publicationDate(catalogEntryOrGeneric(q.seriesId).release, r.date),
      }));
      return { rows, missing: parsed.missing, url: res.url };
    } catch (e) {
      // ALFRED refuses > 2,000 vintage dates: split the realtime window and ask twice.
      const tooMany = e instanceof TidewatchError && e.status === 400 && rtStart && rtEnd && isTooManyVintages(e.message + String((e.cause as Error)?.message ?? ''));
      if (!tooMany || rtStart === rtEnd) throw e;
      const mid = addDays(rtStart!, Math.floor((toDate(rtEnd!).getTime() - toDate(rtStart!).getTime()) / 86_400_000 / 2));
      const a = await fetchWindow(rtStart, mid);
      const b = await fetchWindow(addDays(mid, 1), rtEnd);
      return { rows: [...a.rows, ...b.rows], missing: a.missing + b.missing, url: a.url };
    }
  };

  const today = new Date().toISOString().slice(0, 10);
  const got = q.vintages ? await fetchWindow('1776-07-04', today) : await fetchWindow();
  // Chunk boundaries repeat the vintage that spans them: keep one row per (date, knownFrom).
  const seen = new Set<string>();
  const records = got.rows.filter((r) => {
    const k = `${r.date}|${r.knownFrom}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  records.sort((a, b) => (a.date === b.date ? (a.knownFrom < b.knownFrom ? -1 : 1) : a.date < b.date ? -1 : 1));
  return { seriesId: q.seriesId, unit, unitRule: 'api-metadata', records, missing: got.missing, via: q.vintages ? 'alfred' : 'api', url: got.url };
}
