import type { IsoDate } from '../../../core/dates.js';
import { median } from '../../../core/stats.js';
import type { InfoTableRow } from './types.js';
import {
  DOLLARS_ABOVE,
  DOLLARS_FROM,
  decideUnit,
  MIN_SAMPLE,
  PRICE_AGREEMENT,
  PRICE_TOLERANCE,
  THOUSANDS_BELOW,
  type UnitEvidence,
  type UnitRule,
  type ValueUnit,
} from './unit-rule.js';

/**
 * Is a 13F `value` column in US$ thousands or in US$?
 *
 * EDGAR switched the column from thousands to dollars for filings made on or after 2023-01-03
 * (the date rule), but filers did not all follow: Renaissance's 2023-09-30 report (filed
 * 2023-11-14) is still in thousands — NOVO-NORDISK 1,475,909 for 16,229,476 shares is $90.9 a
 * share only ×1000. So the rules are tried in order and the one that decided is recorded:
 *
 * 1. `price-check` — when the caller has the day's price range for some rows (by CUSIP), the
 *    implied price value/shares is compared with it in both units. Market prices are an outside
 *    reference, so one priced row is enough, but ≥ 80 % of priced rows must agree.
 * 2. `implied-price` — the filer's own rows: the median of value/shares over share rows. Read as
 *    dollars it is the median price of the holdings (tens to hundreds of dollars); read as
 *    thousands it is a thousandth of that. Median < 0.5 ⇒ thousands; > 2 ⇒ dollars; in between
 *    (a median holding at $500–2,000 in thousands, or a penny stock in dollars) it abstains.
 *    It needs at least MIN_SAMPLE share rows: a two-row amendment once landed exactly on an
 *    implied-price threshold and was silently multiplied by 1000 (edgartools #1336), and
 *    Scion files as few as 1 row (2022-06-30: GEO GROUP only). With 5 rows the median stays
 *    put if two holdings are odd (a penny stock, or Berkshire A at $500k a share).
 * 3. `filing-date` — filed on/after 2023-01-03 ⇒ dollars, else thousands. It follows the filing
 *    date, not the period: Scion's 2022-12-31 report filed 2023-02-14 is already in dollars.
 *    When the filing date is unknown (a bare information table) the period end is used and
 *    the decision says so.
 *
 * The thresholds and the order are data in unit-rule.ts (UNIT_RULES), evaluated here through
 * decideUnit and compiled to SQL for the quarterly data-set import: one rule, two evaluators.
 * This module gathers a filing's evidence and writes the sentences.
 */
export {
  DOLLARS_ABOVE,
  DOLLARS_FROM,
  MIN_SAMPLE,
  PRICE_AGREEMENT,
  PRICE_TOLERANCE,
  THOUSANDS_BELOW,
  type UnitRule,
  type ValueUnit,
};

export interface UnitDecision {
  unit: ValueUnit;
  rule: UnitRule;
  /** One sentence a person can check. */
  detail: string;
  /** Share rows used by the implied-price rule. */
  sample: number;
  medianImpliedPrice: number | null;
  /** A lower-priority rule that disagreed with the decision. */
  disagreement: string | null;
}

export interface PriceRange {
  low: number;
  high: number;
}

export interface UnitContext {
  filed: IsoDate | null;
  period: IsoDate;
  /** Price range on the period end day, keyed by CUSIP, when prices are known. */
  pricesByCusip?: Map<string, PriceRange>;
}

function impliedPrices(rows: InfoTableRow[]): number[] {
  const out: number[] = [];
  for (const r of rows) if (r.shareType === 'SH' && r.shares > 0 && r.value > 0) out.push(r.value / r.shares);
  return out;
}

function within(p: number, range: PriceRange): boolean {
  return p >= range.low / PRICE_TOLERANCE && p <= range.high * PRICE_TOLERANCE;
}

export function detectValueUnit(rows: InfoTableRow[], ctx: UnitContext): UnitDecision {
  const implied = impliedPrices(rows);
  const med = implied.length > 0 ? median(implied) : null;
  const votes = ctx.pricesByCusip
    ? priceVotes(rows, ctx.pricesByCusip)
    : { total: 0, dollars: 0, thousands: 0 };
  const ev: UnitEvidence = {
    priced: votes.total,
    pxUsd: votes.dollars,
    pxK: votes.thousands,
    n: implied.length,
    med,
    date: ctx.filed ?? ctx.period,
  };
  const decided = decideUnit(ev);
  // What the lower-priority rules alone would say (the same rule without the evidence above them).
  const withoutPrices = decideUnit({ ...ev, priced: 0 });
  const byDate = dateRule(ctx);
  const impliedDetail = `median value/shares over ${implied.length} share rows is ${fmt(med ?? 0)} (< ${THOUSANDS_BELOW} ⇒ thousands, > ${DOLLARS_ABOVE} ⇒ dollars)`;
  const base = { sample: implied.length, medianImpliedPrice: med };
  if (decided.rule === 'price-check') {
    const lowerDetail = withoutPrices.rule === 'implied-price' ? impliedDetail : byDate.detail;
    const agree = decided.unit === 'usd' ? votes.dollars : votes.thousands;
    return {
      ...decided,
      ...base,
      detail: `${agree} of ${votes.total} priced rows match the day's price range read as ${decided.unit === 'usd' ? 'dollars' : 'thousands'}`,
      disagreement:
        withoutPrices.unit !== decided.unit
          ? `${withoutPrices.rule} says ${withoutPrices.unit}: ${lowerDetail}`
          : null,
    };
  }
  if (decided.rule === 'implied-price') {
    return {
      ...decided,
      ...base,
      detail: impliedDetail,
      disagreement: byDate.unit !== decided.unit ? `filing-date says ${byDate.unit}: ${byDate.detail}` : null,
    };
  }
  const why =
    implied.length < MIN_SAMPLE
      ? `only ${implied.length} share row(s), fewer than the ${MIN_SAMPLE} the implied-price rule needs`
      : `median value/shares ${fmt(med ?? 0)} is in the undecided band ${THOUSANDS_BELOW}–${DOLLARS_ABOVE}`;
  return { ...byDate, ...decided, detail: `${byDate.detail}; ${why}`, ...base };
}

/** The filing-date rule's sentence (its decision is the last two clauses of UNIT_RULES). */
function dateRule(ctx: UnitContext): UnitDecision {
  const d = ctx.filed ?? ctx.period;
  const unit = decideUnit({ priced: 0, pxUsd: 0, pxK: 0, n: 0, med: null, date: d }).unit;
  const which = ctx.filed ? `filed ${d}` : `filing date unknown, period ${d} used`;
  return {
    unit,
    rule: 'filing-date',
    detail: `${which} ${unit === 'usd' ? 'on/after' : 'before'} ${DOLLARS_FROM}`,
    sample: 0,
    medianImpliedPrice: null,
    disagreement: null,
  };
}

function priceVotes(rows: InfoTableRow[], prices: Map<string, PriceRange>) {
  let total = 0;
  let dollars = 0;
  let thousands = 0;
  for (const r of rows) {
    if (r.shareType !== 'SH' || r.shares <= 0 || r.value <= 0) continue;
    const range = prices.get(r.cusip);
    if (!range) continue;
    total++;
    const p = r.value / r.shares;
    if (within(p, range)) dollars++;
    else if (within(p * 1000, range)) thousands++;
  }
  return { total, dollars, thousands };
}

function fmt(x: number): string {
  return x >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
