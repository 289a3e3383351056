import { weekday } from '../../core/dates.js';
import { toCanonical } from '../../core/units.js';
import type { CatalogEntry } from './catalog.js';

/**
 * Is a FRED file for a DAILY series really a download of it, or something derived from it (a
 * weekly sample, a forward-filled copy)? A derived file imported as the daily series adds
 * observations on days the source has none (holidays) and overwrites real values with carried
 * ones — e.g. `RRPONTSYD_wednesdays.csv` would add 2020-01-01 = 64.087 and turn 2023-07-19
 * from 1,732.804 into 1,716.862 (the 07-18 value). The evidence, from the file itself and the
 * values already stored:
 *  - one weekday: every value of a daily series falls on the same weekday (a resample);
 *  - weekend values making up a seven-day share (≥ 20 %; a forward fill has 2/7) of a
 *    business-day series — ICE BofA series do carry a few month-end weekend dates (1.3 %);
 *  - carried values: a value that differs from the stored one for its date and repeats the
 *    stored value of the previous stored day (not a plausible revision), or a value on a day the
 *    stored series has none, inside its range, repeating the previous day's value.
 * A resample to one weekday is a coherent series of its own: it is kept apart under its own id
 * (`RRPONTSYD:WED`), the daily series untouched. Other evidence refuses the file.
 */

const WEEKDAY_ID = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const WEEKDAY_NAME = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/** Fewest values (and days spanned) for "all on one weekday" to be evidence, not chance. */
const MIN_ROWS_ONE_WEEKDAY = 8;
const MIN_SPAN_ONE_WEEKDAY = 49;
/** Share of weekend values from which a business-day file is a seven-day fill (2/7 ≈ 29 %). */
const MIN_WEEKEND_SHARE = 0.2;

export type DerivedVerdict =
  | { action: 'import'; warnings: string[] }
  | { action: 'keep-apart'; seriesId: string; entry: CatalogEntry; message: string }
  | { action: 'refuse'; message: string };

/** Stored latest values of the series (canonical units), by date. */
export type StoredValues = ReadonlyMap<string, number>;

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

export function detectDerivedFile(
  file: string,
  entry: CatalogEntry,
  rows: ReadonlyArray<{ date: string; value: number }>,
  stored: StoredValues,
): DerivedVerdict {
  if ((entry.frequency !== 'daily' && entry.frequency !== 'daily-7') || rows.length === 0)
    return { action: 'import', warnings: [] };
  const fmt = (canonical: number) => String(Number((canonical / toCanonical(1, entry.unit)).toPrecision(12)));
  const evidence: string[] = [];

  const first = rows[0]!.date;
  const last = rows.at(-1)!.date;
  const days = new Set(rows.map((r) => weekday(r.date)));
  const oneWeekday =
    days.size === 1 &&
    rows.length >= MIN_ROWS_ONE_WEEKDAY &&
    Date.parse(last) - Date.parse(first) >= MIN_SPAN_ONE_WEEKDAY * 86_400_000
      ? weekday(first)
      : undefined;
  if (oneWeekday !== undefined)
    evidence.push(
      `all ${rows.length} values fall on ${WEEKDAY_NAME[oneWeekday]} (${first} → ${last}) in a daily series`,
    );

  const weekend =
    entry.frequency === 'daily' ? rows.filter((r) => weekday(r.date) === 0 || weekday(r.date) === 6) : [];
  const sevenDay = weekend.length >= 2 && weekend.length >= MIN_WEEKEND_SHARE * rows.length;
  if (sevenDay)
    evidence.push(
      `${weekend.length} of ${rows.length} values on Saturdays/Sundays in a business-day series (e.g. ${weekend[0]!.date})`,
    );

  // Carried values, against what is stored: walk the stored dates in order alongside the file.
  const storedDates = [...stored.keys()].sort();
  const conflicts: string[] = [];
  const fills: string[] = [];
  let j = -1;
  for (const r of rows) {
    while (j + 1 < storedDates.length && storedDates[j + 1]! < r.date) j++;
    const prevDate = j >= 0 ? storedDates[j]! : undefined;
    const prev = prevDate === undefined ? undefined : stored.get(prevDate)!;
    const v = toCanonical(r.value, entry.unit);
    const here = stored.get(r.date);
    if (here !== undefined) {
      if (!same(here, v) && prev !== undefined && same(prev, v) && !same(prev, here))
        conflicts.push(`${r.date} = ${fmt(v)} (stored ${fmt(here)}, the ${prevDate} value)`);
    } else if (prev !== undefined && j + 1 < storedDates.length && same(prev, v)) {
      fills.push(`${r.date} = ${fmt(v)} (= ${prevDate})`);
    }
  }
  const eg = (xs: string[]) => xs.slice(0, 3).join('; ');
  if (conflicts.length)
    evidence.push(
      `${conflicts.length} values differ from the stored ${entry.id} and repeat the previous stored day's value (${eg(conflicts)})`,
    );
  if (fills.length)
    evidence.push(
      `${fills.length} values on days ${entry.id} has none, repeating the previous day's value (${eg(fills)})`,
    );

  const head = `${file}: derived from the daily ${entry.id}, not a download of it`;
  if (oneWeekday !== undefined) {
    const seriesId = `${entry.id}:${WEEKDAY_ID[oneWeekday]}`;
    return {
      action: 'keep-apart',
      seriesId,
      entry: {
        ...entry,
        id: seriesId,
        title: `${entry.title} — ${WEEKDAY_NAME[oneWeekday]} only (derived file, kept apart)`,
        frequency: 'weekly',
        default: false,
      },
      message: `${head}: ${evidence.join('; ')}. Kept apart as ${seriesId}; ${entry.id} unchanged.`,
    };
  }
  if (sevenDay || conflicts.length >= 2 || (conflicts.length >= 1 && fills.length >= 1))
    return { action: 'refuse', message: `${head}: ${evidence.join('; ')}. Nothing was written.` };
  // Weaker signs (a single carried value; days filled with a repeated value, as a flat rate can
  // legitimately be) are reported, not acted on.
  return { action: 'import', warnings: evidence.map((e) => `${file}: ${e}`) };
}
