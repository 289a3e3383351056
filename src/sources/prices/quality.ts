import { daysBetween } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { median } from '../../core/stats.js';
import type { CloseBasis, CorporateAction, DroppedRow, PriceBar, PriceFormat } from './types.js';

export interface CheckContext {
  file: string;
  symbol: string;
  source: string;
  format: PriceFormat;
  closeBasis: CloseBasis;
  partialLast: 'drop' | 'flag';
  repairSplits: boolean;
}

/** Crypto trades every calendar day; a missing day there is worth a note, equities skip weekends. */
const SEVEN_DAY_FORMATS = new Set<PriceFormat>(['binance-kline', 'close-volume']);

/**
 * Last-row volume below this share of the recent median marks an unfinished day. Binance's
 * BTCUSDT 2026-01-06 row has 5,043 BTC against a ~20,000 median (≈ 0.25): PROVENANCE calls it
 * partial. A full low-volume holiday session is rarely below half the median.
 */
const PARTIAL_VOLUME_SHARE = 0.4;

/** Split ratios seen in practice (forward n:1 and reverse 1:n). */
const SPLIT_RATIOS = [2, 3, 4, 5, 8, 10, 15, 20, 25, 30, 40, 50];
/**
 * A close-to-close ratio within 5 % of n is read as an n:1 split: the day's own move (rarely
 * beyond ±5 % for the large caps here) rides on top of the split factor. A 2:1 ratio could be a
 * real halving, so it also needs the opening gap to match when an open exists.
 */
const SPLIT_TOLERANCE = 0.05;

export interface SplitJump {
  date: string;
  /** Shares after per share before: 10 for 10:1, 0.1 for a 1:10 reverse split. */
  ratio: number;
  observed: number;
}

export function detectSplitJumps(bars: PriceBar[], field: 'close' | 'adjClose' = 'close'): SplitJump[] {
  const out: SplitJump[] = [];
  for (let i = 1; i < bars.length; i++) {
    const prev = bars[i - 1]!;
    const cur = bars[i]!;
    const r = prev[field] / cur[field];
    for (const n of SPLIT_RATIOS) {
      const fwd = Math.abs(r / n - 1) < SPLIT_TOLERANCE;
      const rev = Math.abs(1 / r / n - 1) < SPLIT_TOLERANCE;
      if (!fwd && !rev) continue;
      if (n === 2 && cur.open !== null) {
        const gap = prev.close / cur.open;
        if (Math.abs((fwd ? gap : 1 / gap) / 2 - 1) > SPLIT_TOLERANCE) continue;
      }
      out.push({ date: cur.date, ratio: fwd ? n : 1 / n, observed: r });
      break;
    }
  }
  return out;
}

function sameBar(a: PriceBar, b: PriceBar): boolean {
  return a.close === b.close && a.adjClose === b.adjClose && a.volume === b.volume;
}

/**
 * Order, de-duplicate, look for gaps, partial last days and unadjusted splits. Every change is
 * reported in `notes`/`dropped`; conflicting duplicates and (when repair is off) splits throw.
 */
export function checkBars(
  input: PriceBar[],
  ctx: CheckContext,
): { bars: PriceBar[]; actions: CorporateAction[]; dropped: DroppedRow[]; notes: string[] } {
  const notes: string[] = [];
  const dropped: DroppedRow[] = [];
  let bars = input;
  let ascending = true;
  let descending = true;
  for (let i = 1; i < bars.length; i++) {
    if (bars[i]!.date < bars[i - 1]!.date) ascending = false;
    if (bars[i]!.date > bars[i - 1]!.date) descending = false;
  }
  if (!ascending) {
    bars = descending
      ? [...bars].reverse()
      : [...bars].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    notes.push(descending ? 'rows were newest-first: reversed' : 'rows were out of order: sorted by date');
  }

  const unique: PriceBar[] = [];
  for (const b of bars) {
    const last = unique[unique.length - 1];
    if (last && last.date === b.date) {
      if (!sameBar(last, b)) {
        const at = (x: PriceBar) => (x.line !== undefined ? ` (line ${x.line})` : '');
        throw new TidewatchError(
          'bad-input',
          `${ctx.file}: date ${b.date} appears twice with different values: close ${last.close}${at(last)} and ${b.close}${at(b)}`,
          { hint: 'keep one row per day' },
        );
      }
      dropped.push({ date: b.date, reason: 'duplicate of an identical row' });
      continue;
    }
    unique.push(b);
  }
  bars = unique;

  const maxGap = SEVEN_DAY_FORMATS.has(ctx.format) ? 1 : 7;
  const gaps: string[] = [];
  for (let i = 1; i < bars.length; i++) {
    const g = daysBetween(bars[i - 1]!.date, bars[i]!.date);
    if (g > maxGap) gaps.push(`${bars[i - 1]!.date}→${bars[i]!.date} (${g} days)`);
  }
  if (gaps.length > 0) {
    notes.push(
      `${gaps.length} gap(s) longer than ${maxGap} day(s): ${gaps.slice(0, 5).join(', ')}${gaps.length > 5 ? ', …' : ''}`,
    );
  }

  const partial = partialLastReason(bars, ctx.format);
  if (partial) {
    const last = bars[bars.length - 1]!;
    if (ctx.partialLast === 'drop') {
      bars = bars.slice(0, -1);
      dropped.push({ date: last.date, reason: `partial last day: ${partial}` });
    } else {
      notes.push(`last row ${last.date} kept but is probably partial: ${partial}`);
    }
  }

  const actions: CorporateAction[] = [];
  const jumps = detectSplitJumps(bars);
  if (jumps.length > 0 && !ctx.repairSplits) {
    const j = jumps[0]!;
    throw new TidewatchError(
      'bad-input',
      `${ctx.file}: close jumps by ${j.observed.toFixed(3)}x on ${j.date}, which looks like an unadjusted ${j.ratio}:1 split`,
      { hint: 'import an adjusted series or allow split repair' },
    );
  }
  if (jumps.length > 0) bars = bars.map((b) => ({ ...b }));
  for (const j of jumps) {
    actions.push({
      symbol: ctx.symbol,
      date: j.date,
      kind: 'split',
      value: j.ratio,
      source: `detected:${ctx.source}`,
    });
    // Raw closes stay as traded; every adjusted figure before the split is divided by the ratio.
    for (const b of bars) {
      if (b.date >= j.date) break;
      b.adjClose /= j.ratio;
      if (ctx.closeBasis !== 'raw') {
        b.close /= j.ratio;
        if (b.open !== null) b.open /= j.ratio;
        if (b.high !== null) b.high /= j.ratio;
        if (b.low !== null) b.low /= j.ratio;
        if (b.volume !== null) b.volume *= j.ratio;
      }
    }
    notes.push(
      `close fell ${j.observed.toFixed(3)}x on ${j.date}: treated as a ${j.ratio >= 1 ? `${j.ratio}:1` : `1:${1 / j.ratio}`} split, ` +
        `earlier ${ctx.closeBasis === 'raw' ? 'adjusted closes' : 'prices'} divided by ${j.ratio}`,
    );
  }
  assertNoWildJumps(bars, ctx.file, ctx.symbol);
  return { bars, actions, dropped, notes };
}

/**
 * After split repair no close moves ×10 or more from one bar to the next (the largest move in
 * the real files is ^VIX's ×2.2 in 2018; crypto ×1.8): such a bar is a broken number (a lost
 * decimal point, a cut digit), refused naming its line instead of stored.
 */
export const MAX_DAILY_JUMP = 10;

function assertNoWildJumps(bars: PriceBar[], file: string, symbol: string): void {
  for (let i = 1; i < bars.length; i++) {
    const a = bars[i - 1]!;
    const b = bars[i]!;
    const r = b.close / a.close;
    if (r >= MAX_DAILY_JUMP || r <= 1 / MAX_DAILY_JUMP) {
      const at = (x: PriceBar) => (x.line !== undefined ? ` (line ${x.line})` : '');
      throw new TidewatchError(
        'bad-input',
        `${file}: ${symbol} close ${b.close} on ${b.date}${at(b)} is ×${r.toPrecision(3)} the close ${a.close} of ${a.date}${at(a)}: not a split ratio and not a market move`,
        { hint: 'fix the broken number in the file' },
      );
    }
  }
}

/** Why the last row looks like an unfinished day, or null. */
export function partialLastReason(bars: PriceBar[], format: PriceFormat): string | null {
  if (bars.length === 0) return null;
  if (format === 'yf-close-only') {
    // No volume to judge by; this yfinance export is known to end on an intraday snapshot.
    return 'close-only yfinance export: the newest row can be an intraday snapshot';
  }
  if (format === 'binance-kline') {
    // Binance's klines endpoint always ends with the still-open candle; exports keep it
    // (BTCUSDT 2026-01-06: 5,043 BTC, about a quarter of a normal day). Weekend volumes swing too
    // much for the volume test below to catch it reliably.
    return 'Binance kline export: the newest candle is the still-open UTC day';
  }
  const last = bars[bars.length - 1]!;
  if (last.volume === null || last.volume === 0) return null;
  const recent = bars
    .slice(-21, -1)
    .map((b) => b.volume ?? 0)
    .filter((v) => v > 0);
  if (recent.length < 10) return null;
  const med = median(recent);
  if (last.volume < PARTIAL_VOLUME_SHARE * med) {
    return `volume ${last.volume} is ${((100 * last.volume) / med).toFixed(0)}% of the 20-day median ${med}`;
  }
  return null;
}
