import { addDays } from '../../core/dates.js';
import { capexReportFromStore } from '../../loaders/capex.js';
import { loadLiquidationTotals, loadTokenDataset } from '../../sources/curated/load.js';
import { listPriceSources, readActions, readBars } from '../../sources/prices/repository.js';
import { tableExists } from '../../store/catalog.js';
import type { Store } from '../../store/store.js';
import type { DailyPrices } from '../scorecard/score.js';
import { watchedPutQuarters } from '../scorecard/thirteenf.js';
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

/**
 * The watched filers' put positions public by `asOf`, through the scorecard's read (the one
 * holdings function: amendments applied, a put its own position), each with the close the filer
 * valued it at when a price source has it.
 */
export async function loadThirteenFPuts(store: Store, asOf: string): Promise<ThirteenFPutRow[]> {
  const quarters = (await watchedPutQuarters(store.db, asOf)) ?? [];
  // The holdings read lists a quarter's positions largest first; the ledger lists its rows by
  // filer, quarter and CUSIP, so the evidence order does not move when a position's size does.
  const out: ThirteenFPutRow[] = quarters.flatMap((q) =>
    [...q.positions]
      .sort((a, b) => (a.cusip < b.cusip ? -1 : a.cusip > b.cusip ? 1 : 0))
      .map((p) => ({
        filer: q.filer ?? `CIK ${q.cik}`,
        cik: q.cik,
        period: q.period,
        filed: p.firstKnown,
        issuer: p.issuer,
        symbol: (p.ticker ?? '').toUpperCase(),
        valueUsd: p.valueUsd,
        shares: p.shares,
        accession: p.accessions.join(' + '),
      })),
  );
  if (await tableExists(store.db, 'price_bars'))
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
  for (const t of await loadLiquidationTotals(store.db, asOf))
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
export function loadTokens(store: Store, asOf: string): Promise<NonNullable<ThesisData['tokens']>> {
  return loadTokenDataset(store.db, asOf);
}
