import { reasonOf, TidewatchError } from '../../../core/errors.js';
import type { Db } from '../../../store/db.js';
import type { SeriesSummary, UpdateJob } from '../../../update/types.js';
import { EdgarClient } from '../edgar/client.js';
import { isThirteenF } from '../edgar/submissions.js';
import { normaliseAccession, SUBMISSIONS_MAX_AGE_SECONDS, submissionsUrl } from '../edgar/urls.js';
import { parseCompanyTickers } from './cusip-map.js';
import { mapStoredCusips, storeResolver } from './cusip-store.js';
import { parseThirteenF } from './filing.js';
import { KNOWN_13F_ACCESSIONS } from './known-filings.js';
import { contentHash, hasAccession, type SaveStatus, saveFiling } from './repository.js';
import { normaliseWithStoredPrices } from './stored-prices.js';
import { getWatchlist, lastFetched, markFetched } from './watchlist-store.js';

export interface FetchOutcome {
  accession: string;
  status: SaveStatus | 'already-stored';
  period?: string;
  rows?: number;
  warnings: string[];
}

/** Fetch one filing's full submission and store it. Archives are immutable: stored ⇒ skipped. */
export async function fetchFiling(
  db: Db,
  client: EdgarClient,
  cik: number,
  accession: string,
): Promise<FetchOutcome> {
  const acc = normaliseAccession(accession);
  if (await hasAccession(db, acc)) return { accession: acc, status: 'already-stored', warnings: [] };
  const sub = await client.fullSubmission(cik, acc);
  const filing = await normaliseWithStoredPrices(
    db,
    parseThirteenF(sub.text, { source: sub.url }),
    await storeResolver(db),
  );
  const status = await saveFiling(db, filing, contentHash(sub.text));
  return {
    accession: acc,
    status,
    period: filing.period,
    rows: filing.holdings.length,
    warnings: filing.warnings,
  };
}

/**
 * The 13F accessions of a filer: from EDGAR's submissions list (all pages) when it can be read
 * — refetched at most once an hour — else from the documented known list, saying so.
 */
export async function thirteenFAccessions(
  db: Db,
  client: EdgarClient,
  cik: number,
  now = new Date(),
): Promise<{ accessions: string[]; via: string }> {
  const url = submissionsUrl(cik);
  const last = await lastFetched(db, url);
  const fresh =
    last && now.getTime() - Date.parse(`${last.replace(' ', 'T')}Z`) < SUBMISSIONS_MAX_AGE_SECONDS * 1000;
  if (!fresh) {
    try {
      const list = await client.allFilings(cik, (f) => isThirteenF(f.form));
      await markFetched(db, url, null, now);
      return { accessions: list.map((f) => f.accession), via: 'EDGAR submissions list' };
    } catch (e) {
      if (
        !(e instanceof TidewatchError) ||
        !['replay-miss', 'network', 'timeout', 'not-found'].includes(e.kind)
      )
        throw e;
      const known = KNOWN_13F_ACCESSIONS[cik] ?? [];
      return {
        accessions: known,
        via: `known accessions (${known.length}); submissions list unavailable: ${e.message}`,
      };
    }
  }
  const known = KNOWN_13F_ACCESSIONS[cik] ?? [];
  return { accessions: known, via: `submissions list fetched ${last} (< 1 h ago); known accessions used` };
}

export const COMPANY_TICKERS_URL = 'https://www.sec.gov/files/company_tickers.json';

/** Map newly stored CUSIPs to tickers through SEC's company_tickers.json (name match). */
async function refreshTickers(db: Db, http: UpdateContextHttp): Promise<SeriesSummary> {
  try {
    const client = new EdgarClient(http);
    const res = await client.raw(COMPANY_TICKERS_URL);
    const n = await mapStoredCusips(db, parseCompanyTickers(res.json(), res.url));
    return { source: 'sec', series: 'CUSIP-TICKER', status: 'ok', newRows: n, revisedRows: 0 };
  } catch (e) {
    return {
      source: 'sec',
      series: 'CUSIP-TICKER',
      status: 'failed',
      newRows: 0,
      revisedRows: 0,
      reason: reasonOf(e),
    };
  }
}

type UpdateContextHttp = ConstructorParameters<typeof EdgarClient>[0];

export const secUpdateJob: UpdateJob = {
  source: 'sec',
  describe:
    'SEC EDGAR 13F filings of the watchlist filers (full submission .txt; needs SEC_USER_AGENT unless replaying)',
  async run(ctx) {
    const client = new EdgarClient(ctx.http);
    const out: SeriesSummary[] = [];
    const watch = await getWatchlist(ctx.store.db);
    const ciks = ctx.only?.length ? ctx.only.map(Number) : watch.map((w) => w.cik);
    ctx.progress.start(ciks.length, 'sec 13F');
    for (const cik of ciks) {
      ctx.progress.tick(`CIK ${cik}`);
      const series = `13F:${cik}`;
      try {
        const { accessions, via } = await thirteenFAccessions(ctx.store.db, client, cik);
        let added = 0;
        let unchanged = 0;
        const warnings = [via];
        for (const a of accessions) {
          try {
            const r = await fetchFiling(ctx.store.db, client, cik, a);
            if (r.status === 'new' || r.status === 'replaced') added++;
            else unchanged++;
            warnings.push(...r.warnings);
          } catch (e) {
            warnings.push(`${a}: ${reasonOf(e)}`);
          }
        }
        out.push({
          source: 'sec',
          series,
          status: 'ok',
          newRows: added,
          revisedRows: 0,
          unchanged,
          warnings,
        });
      } catch (e) {
        out.push({
          source: 'sec',
          series,
          status: 'failed',
          newRows: 0,
          revisedRows: 0,
          reason: reasonOf(e),
        });
      }
    }
    ctx.progress.stop();
    out.push(await refreshTickers(ctx.store.db, ctx.http));
    return out;
  },
};
