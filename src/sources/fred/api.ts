import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';

/**
 * FRED/ALFRED JSON API shapes (https://fred.stlouisfed.org/docs/api/fred/). Values are strings,
 * '.' means missing; with realtime_start/realtime_end a request returns every vintage, several
 * rows per observation date (each row is the value valid over that realtime window).
 */
const isoDate = z.string().refine(isIsoDate, 'not a YYYY-MM-DD date');

export const FredObservationsSchema = z.object({
  realtime_start: isoDate,
  realtime_end: isoDate,
  count: z.number().optional(),
  offset: z.number().optional(),
  limit: z.number().optional(),
  observations: z.array(
    z.object({ realtime_start: isoDate, realtime_end: isoDate, date: isoDate, value: z.string() }),
  ),
});

export const FredSeriesSchema = z.object({
  seriess: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        units: z.string(),
        frequency: z.string().optional(),
        last_updated: z.string().optional(),
      }),
    )
    .min(1),
});

export interface ApiObservation {
  date: string;
  value: number;
  /** First day this value was valid (ALFRED vintage). */
  realtimeStart: string;
}

export function parseFredObservations(
  json: unknown,
  origin: string,
): { rows: ApiObservation[]; missing: number; count: number } {
  const parsed = FredObservationsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TidewatchError(
      'format-changed',
      `${origin}: unexpected FRED observations JSON at '${issue?.path.join('.')}': ${issue?.message}`,
    );
  }
  const rows: ApiObservation[] = [];
  let missing = 0;
  for (const o of parsed.data.observations) {
    if (o.value === '.' || o.value === '') {
      missing++;
      continue;
    }
    const v = Number(o.value);
    if (!Number.isFinite(v)) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: observation ${o.date} has value '${o.value}', not a number`,
      );
    }
    rows.push({ date: o.date, value: v, realtimeStart: o.realtime_start });
  }
  return { rows, missing, count: parsed.data.count ?? parsed.data.observations.length };
}

export function parseFredSeriesMeta(json: unknown, origin: string) {
  const parsed = FredSeriesSchema.safeParse(json);
  if (!parsed.success) {
    throw new TidewatchError(
      'format-changed',
      `${origin}: unexpected FRED series JSON: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data.seriess[0]!;
}

/** ALFRED's error body for too many vintage dates (fredapi #28): split the realtime window. */
export function isTooManyVintages(body: string): boolean {
  return /vintage dates/i.test(body);
}
