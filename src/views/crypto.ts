import { closesOf, cryptoFromStore, fundingPrints } from '../analytics/markets/load.js';
import type { CryptoStress } from '../indicators/markets/crypto.js';
import { drawdownSeries } from '../indicators/markets/drawdown.js';
import { listPriceSources } from '../sources/prices/repository.js';
import type { Store } from '../store/store.js';
import { chartPoints, drawdownChart } from './charts.js';
import { cells, col, tableOf } from './columns.js';
import { type Empty, emptyView, nothingStored, type View } from './model.js';

/**
 * BTC stress as a view: the last close, the fall from the peak, realised volatility, funding and
 * open interest, the "~$126k → ~$60k" check (thesis 6, the ledger's function) measured both from
 * the intraday high and close to close, and the charts. `tidewatch crypto`, `/api/views/crypto`
 * and the Crypto panel render this one object.
 */
export interface CryptoViewData {
  stress: CryptoStress & { fundingSource: string | null };
}

/** Why there is no BTC to show on `asOf`: nothing stored at all, or the stored history starts later. */
export async function btcEmpty(store: Store, asOf: string): Promise<Empty> {
  const sources = await listPriceSources(store.db, 'BTC');
  const first = sources
    .map((s) => s.firstDate)
    .filter((d): d is string => d !== null)
    .sort()[0];
  return first
    ? {
        reason: 'before-coverage',
        message: `No BTC prices known on ${asOf}: the stored history starts on ${first}.`,
      }
    : nothingStored('No BTC prices stored yet.', 'tidewatch import crypto ../shared/data/crypto');
}

/** A claim's verdict line, the same words as the ledger's check. */
export function claimLine(s: CryptoStress): string {
  return `“BTC fell from ~$126k (Oct 2025) to ~$60k” (as of ${s.asOf}): ${s.claim.status.toUpperCase()} — ${s.claim.statement}`;
}

/** The fall from the October 2025 peak, one row per way of measuring it. */
const FALLS = tableOf('falls', 'The October 2025 peak to the lowest close after it, measured two ways', {
  fall: 'text',
  peak: 'price',
  peakDate: col('peak date', 'date'),
  peakSource: col('peak source', 'text'),
  trough: col('lowest close after it', 'price'),
  troughDate: col('date', 'date'),
  troughSource: col('source', 'text'),
  depth: 'fraction-change',
});

export async function cryptoView(store: Store, opts: { asOf: string }): Promise<View<CryptoViewData>> {
  const stress = await cryptoFromStore(store, opts.asOf);
  const v = emptyView<CryptoViewData>('crypto', 'Crypto: BTC stress', opts.asOf, { stress });
  if (!stress.last) {
    v.empty = await btcEmpty(store, opts.asOf);
    return v;
  }
  const closes = await closesOf(store, 'BTC', { to: opts.asOf });
  v.headline = claimLine(stress);
  v.kpis.push(
    {
      id: 'btc',
      label: 'BTC close',
      value: stress.last.value,
      format: 'price',
      digits: 0,
      date: stress.last.date,
    },
    {
      id: 'from-peak',
      label: stress.drawdown ? `From the ${stress.drawdown.peakDate} peak close` : 'From the peak close',
      value: stress.currentDrawdown,
      format: 'fraction-change',
    },
    { id: 'vol-30', label: 'Realised vol 30d (annualised)', value: stress.realisedVol30, format: 'fraction' },
    { id: 'vol-90', label: 'Realised vol 90d (annualised)', value: stress.realisedVol90, format: 'fraction' },
    {
      id: 'funding',
      label: 'Funding per 8h, latest',
      value: stress.fundingLatest?.value ?? null,
      format: 'fraction-change',
      digits: 4,
      date: stress.fundingLatest?.date.slice(0, 10) ?? null,
      detail: {
        label: '30-day mean, annualised',
        value: stress.fundingAnnualised30d,
        format: 'fraction-change',
      },
    },
    {
      id: 'open-interest',
      label: 'Open interest',
      value: stress.openInterestLatest?.value ?? 'none stored',
      format: stress.openInterestLatest ? 'usd' : 'text',
      date: stress.openInterestLatest?.date.slice(0, 10) ?? null,
    },
  );
  const falls = [
    ['from the intraday high', stress.claim.fall.fromIntradayHigh],
    ['close-to-close', stress.claim.fall.closeToClose],
  ] as const;
  v.tables.push(
    FALLS.of(
      falls.flatMap(([fall, f]) => (f ? [cells(FALLS.columns, f, { fall })] : [])),
      {
        note: stress.claim.fall.fromIntradayHigh
          ? undefined
          : 'No source with intraday highs is stored: only the close-to-close fall.',
      },
    ),
  );

  v.charts.push(
    {
      id: 'btc',
      title: 'BTC close, merged sources (US$)',
      format: 'price',
      digits: 0,
      series: [{ name: 'BTC', points: chartPoints(closes) }],
    },
    drawdownChart('btc-drawdown', 'BTC drawdown from the running peak close', drawdownSeries(closes)),
  );
  const funding = dailyMeans(await fundingPrints(store, 'BTC', opts.asOf));
  if (funding.length)
    v.charts.push({
      id: 'btc-funding',
      title: 'Funding per 8h, daily mean of the prints',
      format: 'fraction-change',
      digits: 3,
      series: [{ name: 'funding per 8h', kind: 'histogram', points: funding }],
      lines: [{ value: 0, label: '0' }],
    });

  v.notes.push({
    text: `Last close from ${stress.last.source}${stress.fundingSource ? `; funding from ${stress.fundingSource}` : ''}.`,
  });
  if (!stress.openInterestLatest)
    v.notes.push({
      kind: 'caveat',
      text: 'No open interest stored by this day (the shared files have none; `tidewatch update --source crypto` fetches it).',
    });
  return v;
}

/** Prints of one day averaged (the chart has one bar per day; the prints share the per-8h unit). */
function dailyMeans(prints: Array<{ date: string; value: number }>): Array<{ time: string; value: number }> {
  const byDay = new Map<string, { sum: number; n: number }>();
  for (const p of prints) {
    const d = p.date.slice(0, 10);
    const cur = byDay.get(d) ?? { sum: 0, n: 0 };
    cur.sum += p.value;
    cur.n++;
    byDay.set(d, cur);
  }
  return [...byDay.entries()].map(([time, { sum, n }]) => ({ time, value: sum / n }));
}
