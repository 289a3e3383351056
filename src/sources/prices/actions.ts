import type { CorporateAction, PriceBar } from './types.js';

/**
 * Relative step in the adjustment factor (AdjClose/Close) below which we see rounding, not a
 * dividend. Six-decimal classic Yahoo files quantise a $0.90 price to 1e-6 (≈1e-6 relative per
 * figure, so ≈4e-6 on the ratio of ratios); NVDA's smallest dividend, $0.04 on ~$900, is 4.4e-5.
 */
const DIVIDEND_MIN_STEP = 1e-5;

/**
 * Infer cash dividends from a file that has both a split-adjusted Close and a split+dividend
 * Adj Close. Yahoo builds Adj Close = Close × Π(1 − D/Close_prev) over later ex-dates, so the
 * factor f = Adj/Close steps up on each ex-date t: D_t = Close_{t−1} × (1 − f_{t−1}/f_t).
 * The amount is per share in the file's split basis (as of its download date).
 */
export function deriveDividends(bars: PriceBar[], symbol: string, source: string): CorporateAction[] {
  const out: CorporateAction[] = [];
  for (let i = 1; i < bars.length; i++) {
    const p = bars[i - 1]!;
    const c = bars[i]!;
    const fPrev = p.adjClose / p.close;
    const fCur = c.adjClose / c.close;
    const step = 1 - fPrev / fCur;
    if (step > DIVIDEND_MIN_STEP) {
      out.push({
        symbol,
        date: c.date,
        kind: 'dividend',
        value: Math.round(p.close * step * 1e4) / 1e4,
        source: `derived:${source}`,
      });
    }
  }
  return out;
}

/**
 * As-traded closes from split-adjusted ones: multiply by every split that happened after the
 * bar (NVDA 2024-03-07, split-adjusted 92.67 after the 2024-06-10 10:1 split, traded at 926.69).
 */
export function asTradedCloses(bars: PriceBar[], splits: CorporateAction[]): number[] {
  const s = splits.filter((a) => a.kind === 'split').sort((a, b) => (a.date < b.date ? -1 : 1));
  return bars.map((b) => {
    let f = 1;
    for (const a of s) if (a.date > b.date) f *= a.value;
    return b.close * f;
  });
}
