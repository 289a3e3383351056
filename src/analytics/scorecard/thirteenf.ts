import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import type { Db } from '../../store/db.js';
import { classifySymbol, type ShortEpisode } from './episodes.js';

/**
 * Put rows from the 13F tables written by the SEC domain (src/store/migrations/sec.ts:
 * sec_13f_filings, sec_13f_rows, sec_cusip_map). Read defensively: when the tables are absent
 * (SEC data never imported) the answer is "none stored", not an error.
 *
 * One episode per (filer, period, CUSIP): amendments that re-state a row are collapsed to the
 * latest filed version. Only watchlist filers are read when a watchlist table exists.
 */

/**
 * Issuer names of the puts found in the stored watchlist filings (and the seed episodes), for
 * when no CUSIP → ticker mapping is stored: EDGAR's company list has no ETFs, so SPY/QQQ/SOXX
 * would otherwise stay unpriced. A stored or user mapping always wins.
 */
const ISSUER_FALLBACK: Array<[RegExp, string]> = [
  [/^SPDR S&P 500/i, 'SPY'],
  [/^INVESCO QQQ/i, 'QQQ'],
  [/^ISHARES SEMICONDUCTOR/i, 'SOXX'],
  [/^VANECK.*SEMICONDUCTOR/i, 'SMH'],
  [/^ISHARES RUSSELL 2000/i, 'IWM'],
  [/^ARK ETF TR|^ARK INNOVATION/i, 'ARKK'],
  [/^KRANESHARES.*CHINA INTERNET/i, 'KWEB'],
  [/^TESLA/i, 'TSLA'],
  [/^NVIDIA/i, 'NVDA'],
  [/^PALANTIR/i, 'PLTR'],
  [/^APPLE INC/i, 'AAPL'],
  [/^BOOKING HOLDINGS/i, 'BKNG'],
];

export function tickerFromIssuer(issuer: string): string | undefined {
  return ISSUER_FALLBACK.find(([re]) => re.test(issuer.trim()))?.[1];
}

interface PutRow {
  accession: string;
  cik: number;
  filer_name: string | null;
  period: string;
  filed: string | null;
  issuer: string;
  cusip: string;
  value_usd: number;
}

export async function tableExists(db: Db, table: string): Promise<boolean> {
  try {
    await db.all(`SELECT 1 FROM ${table} LIMIT 1`);
    return true;
  } catch {
    return false;
  }
}

export async function loadThirteenFPutEpisodes(
  db: Db,
): Promise<{ episodes: ShortEpisode[]; stored: boolean }> {
  if (!(await tableExists(db, 'sec_13f_rows')) || !(await tableExists(db, 'sec_13f_filings'))) {
    return { episodes: [], stored: false };
  }
  const hasWatch = await tableExists(db, 'sec_watchlist');
  const rows = await db.all<PutRow>(
    `SELECT f.accession, f.cik, f.filer_name, CAST(f.period AS VARCHAR) AS period, CAST(f.filed AS VARCHAR) AS filed,
            r.issuer, r.cusip, r.value_usd
       FROM sec_13f_rows r JOIN sec_13f_filings f ON f.accession = r.accession
      WHERE upper(coalesce(r.put_call, '')) = 'PUT'
        ${hasWatch ? 'AND (f.cik IN (SELECT cik FROM sec_watchlist) OR NOT EXISTS (SELECT 1 FROM sec_watchlist))' : ''}
      ORDER BY f.cik, f.period, r.cusip, f.filed`,
  );
  const latest = new Map<string, PutRow>();
  for (const r of rows) latest.set(`${r.cik}|${r.period}|${r.cusip}`, r);
  const resolver = await storeResolver(db).catch(() => undefined);
  const episodes = [...latest.values()].map((r): ShortEpisode => {
    let mapped: string | undefined;
    try {
      mapped = resolver?.resolve(r.cusip, r.issuer)?.ticker;
    } catch {
      mapped = undefined;
    }
    const symbol = (mapped ?? tickerFromIssuer(r.issuer) ?? '').toUpperCase();
    return {
      id: `13f-${r.cik}-${r.period}-${r.cusip}`,
      manager: r.filer_name ?? `CIK ${r.cik}`,
      underlying: r.issuer,
      priceSymbol: symbol,
      instrument: 'puts (13F)',
      periodEnd: r.period,
      filedDate: r.filed ?? '',
      class: symbol ? classifySymbol(symbol) : 'single-name',
      reportedNotionalUsd: r.value_usd > 0 ? r.value_usd : null,
      reportedOutcome: '',
      source: `SEC EDGAR 13F accession ${r.accession} (stored)`,
    };
  });
  return { episodes, stored: true };
}

/**
 * Curated episodes first; a 13F row for the same symbol and period is the same episode and adds
 * only what the curated row lacks (the reported notional).
 */
export function mergeEpisodes(
  curated: readonly ShortEpisode[],
  fromFilings: readonly ShortEpisode[],
): ShortEpisode[] {
  const out = curated.map((e) => ({ ...e }));
  const key = (e: ShortEpisode) => `${e.priceSymbol.toUpperCase()}|${e.periodEnd}`;
  const index = new Map(out.filter((e) => e.priceSymbol).map((e) => [key(e), e]));
  for (const f of fromFilings) {
    const same = f.priceSymbol ? index.get(key(f)) : undefined;
    if (same) {
      if (same.reportedNotionalUsd === null) same.reportedNotionalUsd = f.reportedNotionalUsd;
      if (!same.filedDate) same.filedDate = f.filedDate;
      continue;
    }
    out.push(f);
  }
  return out;
}
