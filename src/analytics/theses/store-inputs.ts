import { addDays } from '../../core/dates.js';
import { capexReportFromStore } from '../../indicators/capex/from-store.js';
import { tokensKnownOn } from '../../sources/curated/datasets.js';
import { loadLiquidationTotals, loadTokenDataset } from '../../sources/curated/load.js';
import { listPriceSources, readActions, readBars } from '../../sources/prices/repository.js';
import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import type { Store } from '../../store/store.js';
import type { DailyPrices } from '../scorecard/score.js';
import { tableExists, tickerFromIssuer } from '../scorecard/thirteenf.js';
import type { CapexYear, LiquidationDay, ThesisData, ThirteenFPutRow } from './types.js';

/**
 * The ledger's own store reads (beyond series and prices): each defensive — a domain never
 * imported gives nothing, and the check that needs it says "insufficient data".
 */

/** Fiscal years of the hyperscalers as the capex report builds them from facts filed by `asOf`. */
export async function loadCapexYears(store: Store, asOf: string): Promise<CapexYear[]> {
  if (!(await tableExists(store.db, 'xbrl_facts'))) return [];
  const report = await capexReportFromStore(store, { asOf });
  return report.companies
    .filter((c) => c.hyperscaler)
    .flatMap((c) =>
      c.years
        .filter((y) => y.values.capex !== null && y.values.operatingIncome !== null)
        .map((y) => ({
          company: c.ticker,
          fiscalYear: y.fiscalYear,
          fiscalYearStart: y.start,
          fiscalYearEnd: y.end,
          capex: y.values.capex!,
          operatingIncome: y.values.operatingIncome!,
          gap: y.gap,
          knownFrom: y.knownFrom,
        })),
    );
}

/** Daily intraday highs of `symbol` from the sources that have them (Binance klines), to `asOf`. */
export async function loadHighs(
  store: Store,
  symbol: string,
  asOf: string,
): Promise<DailyPrices | undefined> {
  if (!(await tableExists(store.db, 'price_bars'))) return undefined;
  const bars = (await readBars(store.db, symbol, { to: asOf })).filter((b) => b.high !== null);
  if (!bars.length) return undefined;
  // One high per day: the highest any source reports.
  const byDate = new Map<string, { high: number; source: string }>();
  for (const b of bars) {
    const cur = byDate.get(b.date);
    if (!cur || b.high! > cur.high) byDate.set(b.date, { high: b.high!, source: b.source });
  }
  const days = [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    dates: days.map(([d]) => d),
    closes: days.map(([, v]) => v.high),
    source: [...new Set(days.map(([, v]) => v.source))].join(' + '),
  };
}

/** Put rows of stored 13F filings (watchlist filers when a watchlist exists) filed by `asOf`, latest amendment per row. */
export async function loadThirteenFPuts(store: Store, asOf: string): Promise<ThirteenFPutRow[]> {
  const db = store.db;
  if (!(await tableExists(db, 'sec_13f_rows')) || !(await tableExists(db, 'sec_13f_filings'))) return [];
  const hasWatch = await tableExists(db, 'sec_watchlist');
  const rows = await db.all<{
    accession: string;
    cik: number;
    filer_name: string | null;
    period: string;
    filed: string;
    issuer: string;
    cusip: string;
    value_usd: number;
    shares: number;
  }>(
    `SELECT f.accession, f.cik, f.filer_name, CAST(f.period AS VARCHAR) AS period, CAST(f.filed AS VARCHAR) AS filed,
            r.issuer, r.cusip, r.value_usd, r.shares
       FROM sec_13f_rows r JOIN sec_13f_filings f ON f.accession = r.accession
      WHERE upper(coalesce(r.put_call, '')) = 'PUT' AND f.filed IS NOT NULL AND f.filed <= CAST($1 AS DATE)
        ${hasWatch ? 'AND (f.cik IN (SELECT cik FROM sec_watchlist) OR NOT EXISTS (SELECT 1 FROM sec_watchlist))' : ''}
      ORDER BY f.cik, f.period, r.cusip, f.filed`,
    [asOf],
  );
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.cik}|${r.period}|${r.cusip}`, r);
  const resolver = await storeResolver(db).catch(() => undefined);
  const out = [...latest.values()].map((r): ThirteenFPutRow => {
    let mapped: string | undefined;
    try {
      mapped = resolver?.resolve(r.cusip, r.issuer)?.ticker;
    } catch {
      mapped = undefined;
    }
    return {
      filer: r.filer_name ?? `CIK ${r.cik}`,
      cik: Number(r.cik),
      period: r.period,
      filed: r.filed,
      issuer: r.issuer,
      symbol: (mapped ?? tickerFromIssuer(r.issuer) ?? '').toUpperCase(),
      valueUsd: Number(r.value_usd),
      shares: Number(r.shares),
      accession: r.accession,
    };
  });
  if (await tableExists(db, 'price_bars'))
    for (const row of out) {
      const c = row.symbol ? await periodEndClose(store, row.symbol, row.period) : undefined;
      if (c) row.periodClose = c;
    }
  return out;
}

const BASIS_RANK: Record<string, number> = { raw: 0, split: 1, 'split+div': 2 };

/**
 * The close a 13F filer valued a row at: the period-end close (or the last one in the 7 days
 * before a weekend/holiday quarter end) from the least-adjusted source, with splits recorded
 * after it undone. Dividend adjustment cannot be undone and is named in `basis`.
 */
async function periodEndClose(
  store: Store,
  symbol: string,
  period: string,
): Promise<ThirteenFPutRow['periodClose']> {
  const bars = await readBars(store.db, symbol, { from: addDays(period, -7), to: period });
  if (!bars.length) return undefined;
  const sources = await listPriceSources(store.db, symbol);
  const basisOf = new Map(sources.map((s) => [s.source, s.closeBasis]));
  const best = bars.reduce((a, b) => {
    const ra = BASIS_RANK[basisOf.get(a.source) ?? 'split+div'] ?? 2;
    const rb = BASIS_RANK[basisOf.get(b.source) ?? 'split+div'] ?? 2;
    return rb < ra || (rb === ra && b.date > a.date) ? b : a;
  });
  const basis = basisOf.get(best.source) ?? 'split+div';
  const splits =
    basis === 'raw'
      ? []
      : (await readActions(store.db, symbol)).filter((x) => x.kind === 'split' && x.date > best.date);
  const factor = splits.reduce((f, x) => f * x.value, 1);
  return {
    date: best.date,
    close: best.close * factor,
    source: best.source,
    basis: splits.length ? `${basis}, ${splits.length} later split(s) undone` : basis,
  };
}

/** Liquidated notional per day: stored venue records (summed per source and day in SQL) and curated market-wide totals. */
export async function loadLiquidationDays(store: Store, asOf: string): Promise<LiquidationDay[]> {
  const out: LiquidationDay[] = [];
  if (await tableExists(store.db, 'liquidations')) {
    const rows = await store.db.all<{ source: string; date: string; total: number }>(
      `SELECT source, CAST(date AS VARCHAR) AS date, sum(notional_usd) AS total FROM liquidations
        WHERE date <= CAST($1 AS DATE) GROUP BY source, date ORDER BY date, source`,
      [asOf],
    );
    for (const r of rows)
      out.push({
        date: r.date,
        source: r.source,
        notionalUsd: Number(r.total),
        scope: 'venue',
        basis: 'measured',
      });
  }
  for (const t of loadLiquidationTotals())
    if (t.date <= asOf)
      out.push({
        date: t.date,
        source: t.source,
        notionalUsd: t.totalUsd,
        scope: 'market-wide',
        basis: 'curated',
      });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Curated token disclosures published by `asOf`. */
export function loadTokens(asOf: string): NonNullable<ThesisData['tokens']> {
  return tokensKnownOn(loadTokenDataset(), asOf);
}
