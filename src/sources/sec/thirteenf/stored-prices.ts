import { addDays, type IsoDate } from '../../../core/dates.js';
import type { Db } from '../../../store/db.js';
import { readActions, readBars, type StoredBar } from '../../prices/repository.js';
import type { CloseBasis } from '../../prices/types.js';
import type { TickerResolver } from './cusip-map.js';
import { normaliseFiling, type ThirteenFFiling } from './normalise.js';
import type { InfoTableRow, ParsedThirteenF } from './types.js';
import type { PriceRange } from './value-unit.js';

/**
 * What the 13F import reads from the markets domain's price_bars (written by src/sources/prices):
 * the day's traded price range per CUSIP, for the value-unit price check. Read-only. (Premium
 * estimates read closes through the markets loader instead: analytics/thirteenf/market.ts.)
 */

/** A bar more than this many calendar days before the report date is too old to stand for it. */
const MAX_STALE_DAYS = 7;

/** For the price check the figure must be as traded: raw first, split-adjusted next. */
const BASIS_RANK: Record<CloseBasis, number> = { raw: 0, split: 1, 'split+div': 2 };

export interface PricedCusip {
  cusip: string;
  ticker: string;
  date: IsoDate;
  source: string;
  basis: CloseBasis;
  range: PriceRange;
}

/**
 * The traded price range (low–high, or the close when a source has no OHLC) on the last trading
 * day on or before `period`, for every share row whose CUSIP resolves to a ticker with stored
 * prices. Split-adjusted figures are brought back to traded prices with the stored split
 * records dated after that day; dividend adjustment (a few percent) is left in — the check's
 * tolerance is ×1.5 and the alternative it rules out is ×1000.
 */
export async function storedPriceRanges(
  db: Db,
  rows: InfoTableRow[],
  period: IsoDate,
  resolver: TickerResolver,
): Promise<PricedCusip[]> {
  const seen = new Map<string, string>();
  for (const r of rows) {
    if (r.shareType !== 'SH' || seen.has(r.cusip)) continue;
    const t = resolver.resolve(r.cusip, r.issuer)?.ticker;
    if (t) seen.set(r.cusip, t);
  }
  const out: PricedCusip[] = [];
  for (const [cusip, ticker] of seen) {
    const bars = await readBars(db, ticker, { from: addDays(period, -MAX_STALE_DAYS), to: period });
    let pick: StoredBar | null = null;
    for (const b of bars) {
      if (
        !pick ||
        b.date > pick.date ||
        (b.date === pick.date && BASIS_RANK[b.closeBasis] < BASIS_RANK[pick.closeBasis])
      )
        pick = b;
    }
    if (!pick) continue;
    let factor = 1;
    if (pick.closeBasis !== 'raw') {
      for (const a of await readActions(db, ticker))
        if (a.kind === 'split' && a.date > pick.date && a.value > 0) factor *= a.value;
    }
    out.push({
      cusip,
      ticker,
      date: pick.date,
      source: pick.source,
      basis: pick.closeBasis,
      range: { low: (pick.low ?? pick.close) * factor, high: (pick.high ?? pick.close) * factor },
    });
  }
  return out;
}

export function rangesByCusip(priced: PricedCusip[]): Map<string, PriceRange> {
  return new Map(priced.map((p) => [p.cusip, p.range]));
}

/**
 * Decide the value unit with stored prices when there are any (the price-check rule), else as
 * normaliseFiling does alone. The prices used are named in the unit detail, so the decision can
 * be checked by hand.
 */
export async function normaliseWithStoredPrices(
  db: Db,
  parsed: ParsedThirteenF,
  resolver: TickerResolver,
): Promise<ThirteenFFiling> {
  const priced = await storedPriceRanges(db, parsed.rows, parsed.period, resolver);
  if (!priced.length) return normaliseFiling(parsed);
  const f = normaliseFiling(parsed, { pricesByCusip: rangesByCusip(priced) });
  if (f.unit.rule !== 'price-check') return f;
  const shown = priced
    .slice(0, 5)
    .map(
      (p) =>
        `${p.ticker} ${p.date} ${p.range.low.toFixed(2)}–${p.range.high.toFixed(2)} (${p.source}, ${p.basis})`,
    )
    .join('; ');
  const more = priced.length > 5 ? `; +${priced.length - 5} more` : '';
  return { ...f, unit: { ...f.unit, detail: `${f.unit.detail}; prices: ${shown}${more}` } };
}
