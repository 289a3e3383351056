import { splitCsvLine } from '../../core/csv.js';
import { addDays, isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { projectPath } from '../../core/paths.js';
import { readCurated } from '../../sources/curated/repository.js';
import type { Db } from '../../store/db.js';
import { FILING_DEADLINE_DAYS } from '../thirteenf/watchlist.js';

/**
 * Known short episodes: the curated file data/short-episodes.csv (one source citation per row,
 * stored by the curated import)
 * plus put positions found in stored 13F filings (thirteenf.ts). Classes follow thesis 5: "macro"
 * (index / broad-market ETF or a macro instrument) versus "single-name" and "sector" (thematic
 * or industry ETFs), the latter two pooled as the single-name/sector side of the claim.
 *
 * Every episode has the day it became public (`knownFrom`): a 13F position from its filing date,
 * a curated row from the filing date it cites, or its period end + 45 days (the 13F deadline,
 * FILING_DEADLINE_DAYS) when it cites none. A view as of D shows only episodes known by D.
 */

export type ShortClass = 'macro' | 'single-name' | 'sector';

/** Where one figure of an episode came from. */
export interface FigureSource {
  kind: 'filing' | 'curated';
  source: string;
}

export interface ShortEpisode {
  id: string;
  /** Filer CIK (13F); null for a curated row about a manager without 13F filings. */
  cik: number | null;
  manager: string;
  underlying: string;
  /** Symbol of the daily price series to score against; '' when no listed underlying. */
  priceSymbol: string;
  instrument: string;
  /** Quarter end the position was reported for: the manager certainly held it then. */
  periodEnd: string;
  /** Day it became public (13F filing date); '' when unknown. */
  filedDate: string;
  class: ShortClass;
  reportedNotionalUsd: number | null;
  /** Outcome as reported by the seed commentary ('' = not yet known). */
  reportedOutcome: string;
  /** Citation of the row: the curated row's source, or the 13F accession(s). */
  source: string;
  /** The day the episode became public. */
  knownFrom: string;
  knownFromRule: 'filing date' | 'cited filing date' | 'period end + 45 days';
  /** 'curated' rows are labelled so: their figures are quoted, not measured. */
  origin: 'curated' | 'filing' | 'curated+filing';
  /** Which figure came from where (a stored filing's figure wins over a curated one). */
  provenance: {
    narrative: FigureSource;
    reportedNotionalUsd: FigureSource | null;
    filedDate: FigureSource | null;
  };
  /** The curated row's own figures, kept when a stored filing's replaced them. */
  curatedFigures?: { reportedNotionalUsd: number | null; filedDate: string };
}

/** The episodes public on `asOf`. */
export function knownEpisodesOf<E extends Pick<ShortEpisode, 'knownFrom'>>(
  episodes: readonly E[],
  asOf: string,
): E[] {
  return episodes.filter((e) => e.knownFrom <= asOf);
}

export const CURATED_EPISODES_FILE = projectPath(
  'src',
  'analytics',
  'scorecard',
  'data',
  'short-episodes.csv',
);

const COLUMNS = [
  'id',
  'cik',
  'manager',
  'underlying',
  'price_symbol',
  'instrument',
  'period_end',
  'filed_date',
  'class',
  'reported_notional_usd',
  'reported_outcome',
  'source',
] as const;

export function parseEpisodes(text: string, file: string): ShortEpisode[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  if (header.join(',') !== COLUMNS.join(',')) {
    throw new TidewatchError(
      'bad-input',
      `${file}: header must be ${COLUMNS.join(',')}, got ${header.join(',')}`,
    );
  }
  const seen = new Set<string>();
  return lines.slice(1).map((line, k) => {
    const at = `${file} line ${k + 2}`;
    const c = splitCsvLine(line);
    if (c.length !== COLUMNS.length)
      throw new TidewatchError('bad-input', `${at}: ${c.length} fields, expected ${COLUMNS.length}`);
    // Each field by its column name: the header was checked against COLUMNS above.
    const r = Object.fromEntries(COLUMNS.map((k, i) => [k, c[i]!])) as Record<
      (typeof COLUMNS)[number],
      string
    >;
    const { id, cik: cikText, period_end: periodEnd, filed_date: filedDate, class: cls, source } = r;
    const notional = r.reported_notional_usd;
    if (!id || seen.has(id)) throw new TidewatchError('bad-input', `${at}: id '${id}' empty or repeated`);
    seen.add(id);
    if (!isIsoDate(periodEnd))
      throw new TidewatchError('bad-input', `${at}: period_end '${periodEnd}' is not YYYY-MM-DD`);
    if (filedDate && !isIsoDate(filedDate))
      throw new TidewatchError('bad-input', `${at}: filed_date '${filedDate}' is not YYYY-MM-DD`);
    if (cls !== 'macro' && cls !== 'single-name' && cls !== 'sector') {
      throw new TidewatchError('bad-input', `${at}: class '${cls}' must be macro, single-name or sector`);
    }
    const n = notional === '' ? null : Number(notional);
    if (n !== null && !(n > 0))
      throw new TidewatchError(
        'bad-input',
        `${at}: reported_notional_usd '${notional}' is not a positive number`,
      );
    if (!source.trim()) throw new TidewatchError('bad-input', `${at}: every row needs a source`);
    if (cikText !== '' && !/^\d{1,10}$/.test(cikText))
      throw new TidewatchError('bad-input', `${at}: cik '${cikText}' is not a number`);
    const curated: FigureSource = { kind: 'curated', source };
    return {
      id,
      cik: cikText === '' ? null : Number(cikText),
      manager: r.manager,
      underlying: r.underlying,
      priceSymbol: r.price_symbol,
      instrument: r.instrument,
      periodEnd,
      filedDate,
      class: cls,
      reportedNotionalUsd: n,
      reportedOutcome: r.reported_outcome,
      source,
      knownFrom: filedDate || addDays(periodEnd, FILING_DEADLINE_DAYS),
      knownFromRule: filedDate ? 'cited filing date' : 'period end + 45 days',
      origin: 'curated',
      provenance: {
        narrative: curated,
        reportedNotionalUsd: n === null ? null : curated,
        filedDate: filedDate ? curated : null,
      },
    };
  });
}

/**
 * The curated episodes as stored by the curated import, those whose period had ended by `asOf`
 * (cut in SQL). That keeps every row that can matter on `asOf`: an episode is public only after
 * its period end, and a stored filing merged into a row (mergeEpisodes) is filed after it too;
 * which are public on `asOf` is decided after the merge (knownEpisodesOf).
 */
export function loadCuratedEpisodes(db: Db, asOf: string): Promise<ShortEpisode[]> {
  return readCurated<ShortEpisode>(db, 'short-episodes', { datedBy: asOf });
}

/** Index and broad-market ETFs count as macro shorts; anything else is single-name or sector. */
export const MACRO_SYMBOLS: ReadonlySet<string> = new Set([
  'SPY',
  'QQQ',
  'IWM',
  'DIA',
  'VOO',
  'IVV',
  '^GSPC',
  '^NDX',
  '^IXIC',
  'ES=F',
  'NQ=F',
  'TLT',
  'HYG',
  'LQD',
]);
export const SECTOR_SYMBOLS: ReadonlySet<string> = new Set([
  'SOXX',
  'SMH',
  'ARKK',
  'KWEB',
  'XLK',
  'XLF',
  'XLE',
  'XHB',
  'IYR',
  'FXI',
  'XBI',
  'IBB',
]);

export function classifySymbol(symbol: string): ShortClass {
  const s = symbol.toUpperCase();
  if (MACRO_SYMBOLS.has(s)) return 'macro';
  if (SECTOR_SYMBOLS.has(s)) return 'sector';
  return 'single-name';
}
