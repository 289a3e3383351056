import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { getWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import { tableExists } from '../../store/catalog.js';
import type { Db } from '../../store/db.js';
import { holdingsAsOf, type QuarterPositions } from '../thirteenf/holdings.js';
import { classifySymbol, type FigureSource, type ShortEpisode } from './episodes.js';

/**
 * Put positions from stored 13F filings, read through the one holdings function
 * (thirteenf/holdings.ts): filings public by the as-of day, amendments applied (a put restated
 * away is gone, a NEW HOLDINGS put adds to the quarter), rows grouped into positions (a put, a
 * call and the shares of one CUSIP are three positions). One episode per filer, quarter and put
 * position. Only watchlist filers are read (a new store's list holds Scion; an emptied list none).
 * Tables absent (SEC data never imported) mean "none stored", not an error.
 */

/**
 * The put positions of the watched filers public by `asOf` (none when the watchlist is empty),
 * read through the one holdings function. The scorecard's episodes and the ledger's
 * notional check both start here. `undefined` when no 13F table exists.
 */
export async function watchedPutQuarters(db: Db, asOf: string): Promise<QuarterPositions[] | undefined> {
  if (!(await tableExists(db, 'sec_13f_rows')) || !(await tableExists(db, 'sec_13f_filings')))
    return undefined;
  // The one watchlist read; an empty list watches no filer (not every filer).
  const watched = (await getWatchlist(db)).map((w) => w.cik);
  if (!watched.length) return [];
  const quarters = await holdingsAsOf(
    db,
    { knownBy: asOf, ciks: watched, optionsOnly: true },
    await storeResolver(db, undefined, { builtIn: true }),
  );
  return quarters.map((q) => ({ ...q, positions: q.positions.filter((p) => p.putCall === 'Put') }));
}

export async function loadThirteenFPutEpisodes(
  db: Db,
  asOf: string,
): Promise<{ episodes: ShortEpisode[]; stored: boolean }> {
  const quarters = await watchedPutQuarters(db, asOf);
  if (!quarters) return { episodes: [], stored: false };
  const episodes: ShortEpisode[] = [];
  for (const q of quarters) {
    for (const p of q.positions) {
      const symbol = (p.ticker ?? '').toUpperCase();
      const filing: FigureSource = {
        kind: 'filing',
        source: `SEC EDGAR 13F accession ${p.accessions.join(' + ')} (stored)`,
      };
      episodes.push({
        id: `13f-${q.cik}-${q.period}-${p.cusip}`,
        cik: q.cik,
        manager: q.filer ?? `CIK ${q.cik}`,
        underlying: p.issuer,
        priceSymbol: symbol,
        instrument: 'puts (13F)',
        periodEnd: q.period,
        filedDate: p.firstKnown,
        class: symbol ? classifySymbol(symbol) : 'single-name',
        reportedNotionalUsd: p.valueUsd > 0 ? p.valueUsd : null,
        reportedOutcome: '',
        source: filing.source,
        knownFrom: p.firstKnown,
        knownFromRule: 'filing date',
        origin: 'filing',
        provenance: {
          narrative: filing,
          reportedNotionalUsd: p.valueUsd > 0 ? filing : null,
          filedDate: filing,
        },
      });
    }
  }
  return { episodes, stored: true };
}

/**
 * A curated row and a stored put of the same filer, symbol and quarter are one episode. The
 * stored filing's figures win (notional, filing date): a measured figure beats a quoted one.
 * The curated row keeps its narrative (id, underlying, reported outcome, source) and stays
 * labelled curated; `provenance` says which figure came from where, `curatedFigures` keeps the
 * curated row's own numbers.
 */
export function mergeEpisodes(
  curated: readonly ShortEpisode[],
  fromFilings: readonly ShortEpisode[],
): ShortEpisode[] {
  const out = curated.map((e) => ({ ...e, provenance: { ...e.provenance } }));
  const key = (e: ShortEpisode) => `${e.cik ?? ''}|${e.priceSymbol.toUpperCase()}|${e.periodEnd}`;
  const index = new Map(out.filter((e) => e.priceSymbol && e.cik !== null).map((e) => [key(e), e]));
  for (const f of fromFilings) {
    const same = f.priceSymbol ? index.get(key(f)) : undefined;
    if (!same) {
      out.push(f);
      continue;
    }
    same.curatedFigures = { reportedNotionalUsd: same.reportedNotionalUsd, filedDate: same.filedDate };
    same.origin = 'curated+filing';
    if (f.reportedNotionalUsd !== null) {
      same.reportedNotionalUsd = f.reportedNotionalUsd;
      same.provenance.reportedNotionalUsd = f.provenance.reportedNotionalUsd;
    }
    same.filedDate = f.filedDate;
    same.provenance.filedDate = f.provenance.filedDate;
    // Public from the first of the two (the filing, or the date the curated row cites).
    if (f.knownFrom < same.knownFrom) {
      same.knownFrom = f.knownFrom;
      same.knownFromRule = f.knownFromRule;
    }
  }
  return out;
}
