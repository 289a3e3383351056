import { addDays, type IsoDate } from '../../../core/dates.js';
import type { Db } from '../../../store/db.js';
import { readActions, readBars, type StoredBar } from '../../prices/repository.js';
import type { CloseBasis } from '../../prices/types.js';
import type { TickerResolver } from './cusip-map.js';
import { normaliseFiling, type ThirteenFFiling } from './normalise.js';
import type { InfoTableRow, ParsedThirteenF } from './types.js';
import type { PriceRange } from './value-unit.js';

/**
 * What the 13F code reads from the markets domain's price_bars (written by src/sources/prices):
 * 1. a window of adjusted closes up to a report date, for realised volatility (premium estimates);
 * 2. the day's traded price range per CUSIP, for the value-unit price check.
 * Read-only; when a symbol has several stored sources, one is picked and named in the result.
 */

/** A bar more than this many calendar days before the report date is too old to stand for it. */
const MAX_STALE_DAYS = 7;
/** Calendar days read for a one-year (252 returns) volatility window, with holiday slack. */
const VOL_WINDOW_DAYS = 400;

export interface PriceWindow {
  ticker: string;
  /** price_bars.source, e.g. 'file:yf-autoadj-ohlcv/SPY.csv'. */
  source: string;
  from: IsoDate;
  to: IsoDate;
  /** Split+dividend adjusted closes, oldest first (returns are what volatility needs). */
  closes: number[];
}

function bySource(bars: StoredBar[]): Map<string, StoredBar[]> {
  const m = new Map<string, StoredBar[]>();
  for (const b of bars) {
    const l = m.get(b.source) ?? [];
    l.push(b);
    m.set(b.source, l);
  }
  return m;
}

/**
 * Adjusted closes of `ticker` over the year up to `until` from the stored source with the most
 * bars in that window (ties: the one whose last bar is latest). Null when nothing recent is stored.
 */
export async function priceWindow(db: Db, ticker: string, until: IsoDate): Promise<PriceWindow | null> {
  const bars = await readBars(db, ticker, { from: addDays(until, -VOL_WINDOW_DAYS), to: until });
  let best: StoredBar[] | null = null;
  for (const list of bySource(bars).values()) {
    const last = list[list.length - 1]!;
    if (last.date < addDays(until, -MAX_STALE_DAYS)) continue;
    if (
      !best ||
      list.length > best.length ||
      (list.length === best.length && last.date > best[best.length - 1]!.date)
    )
      best = list;
  }
  if (!best) return null;
  return {
    ticker,
    source: best[0]!.source,
    from: best[0]!.date,
    to: best[best.length - 1]!.date,
    closes: best.map((b) => b.adjClose),
  };
}

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
