import { TidewatchError } from '../../core/errors.js';
import type { PriceBar } from '../../sources/prices/types.js';
import { buildPositionBook, type PositionBookParams } from './positions.js';
import {
  type BinnedBook,
  binBook,
  type CascadeResult,
  type ImpactParams,
  simulateCascade,
} from './simulate.js';

/**
 * Default parameters, each an assumption a reader can change (CLI flags / API query):
 * - openInterestUsd 80e9: BTC perpetual open interest across venues was roughly $80–95B at the
 *   October 2025 high (public aggregator dashboards; NOT in the shared data — an assumption).
 * - longShare 0.6: funding was positive all week before 2025-10-10 (daily mean 2.7e-5 to 9.4e-5
 *   per 8h in binance_btcusdt_funding_daily), i.e. longs paid shorts: longs were crowded.
 * - leverage mix: most notional at 2–10x, a thin tail to 100x (retail-heavy venues allow 125x).
 * - entrySigma 0.05: positions opened over the prior weeks while BTC ranged ~109k–126k.
 * - maintenanceMargin 0.004: Binance BTCUSDT first tier.
 * - impact: square-root law, all forced flow reaching the book (marketShare 1); depth is the
 *   one parameter calibrated on a real day (below).
 */
export const DEFAULT_BOOK: Omit<PositionBookParams, 'price'> = {
  openInterestUsd: 80e9,
  longShare: 0.6,
  leverage: {
    values: [2, 3, 5, 10, 20, 25, 50, 75, 100],
    weights: [0.15, 0.15, 0.2, 0.2, 0.12, 0.08, 0.05, 0.03, 0.02],
  },
  entrySigma: 0.05,
  maintenanceMargin: 0.004,
  sizeSigma: 1,
  count: 200_000,
  seed: 20251010,
};

export const DEFAULT_IMPACT: ImpactParams = { depthUsdPer1Pct: 100e6, model: 'sqrt', marketShare: 1 };

/**
 * The exogenous first move assumed for the calibration day: the news-driven drop before forced
 * selling dominated. On 2025-10-10 the tariff headline hit during US hours; −3 % is an assumption.
 */
export const CALIBRATION_SHOCK = -0.03;

export interface LiquidationDay {
  date: string;
  open: number;
  low: number;
  close: number;
  /** Base-asset volume of the day and the median of the 30 days before. */
  volume: number;
  medianVolume30: number;
  /** Open-to-low move: the trough the cascade should reproduce. */
  trough: number;
  /** Volume above normal, valued at the mid of open and close: an in-data proxy for forced selling. */
  excessVolumeUsd: number;
}

export function liquidationDay(bars: PriceBar[], date: string): LiquidationDay {
  const i = bars.findIndex((b) => b.date === date);
  const bar = bars[i];
  if (!bar || bar.open === null || bar.low === null || bar.volume === null) {
    throw new TidewatchError('not-found', `no OHLCV bar for ${date} (need open, low and volume)`, {
      hint: 'import crypto/binance-spot-daily/BTCUSDT_1d.csv first',
    });
  }
  const prior = bars
    .slice(Math.max(0, i - 30), i)
    .map((b) => b.volume ?? 0)
    .sort((a, b) => a - b);
  const med = prior.length ? (prior[prior.length >> 1] ?? 0) : 0;
  return {
    date,
    open: bar.open,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
    medianVolume30: med,
    trough: bar.low / bar.open - 1,
    excessVolumeUsd: Math.max(0, bar.volume - med) * ((bar.open + bar.close) / 2),
  };
}

export interface Calibration {
  day: LiquidationDay;
  shock: number;
  depthUsdPer1Pct: number;
  simulated: CascadeResult;
  /** Simulated trough minus observed trough (percentage points). */
  troughErrorPp: number;
  /** Simulated liquidated notional ÷ the excess-volume proxy. */
  liquidatedToExcessVolume: number;
}

/** Find the depth at which the simulated trough equals the observed one (bisection in log depth). */
export function calibrateDepth(
  book: BinnedBook,
  targetTrough: number,
  shock: number,
  impact: Omit<ImpactParams, 'depthUsdPer1Pct'>,
): { depth: number; result: CascadeResult } {
  if (shock <= targetTrough) {
    throw new TidewatchError(
      'bad-input',
      `shock ${shock} already reaches the target trough ${targetTrough}: nothing to calibrate`,
    );
  }
  let lo = Math.log(1e5);
  let hi = Math.log(1e13);
  let best: { depth: number; result: CascadeResult } | null = null;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    const depth = Math.exp(mid);
    const result = simulateCascade(book, { ...impact, depthUsdPer1Pct: depth }, { shock });
    best = { depth, result };
    // Deeper than the target → too little depth → raise it.
    if (result.extremeMove < targetTrough) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-6) break;
  }
  return best!;
}

export function calibrateOnDay(
  bars: PriceBar[],
  date: string,
  book: Omit<PositionBookParams, 'price'> = DEFAULT_BOOK,
  impact: Omit<ImpactParams, 'depthUsdPer1Pct'> = DEFAULT_IMPACT,
  shock = CALIBRATION_SHOCK,
): Calibration {
  const day = liquidationDay(bars, date);
  const binned = binBook(buildPositionBook({ ...book, price: day.open }));
  const { depth, result } = calibrateDepth(binned, day.trough, shock, impact);
  return {
    day,
    shock,
    depthUsdPer1Pct: depth,
    simulated: result,
    troughErrorPp: (result.extremeMove - day.trough) * 100,
    liquidatedToExcessVolume:
      day.excessVolumeUsd > 0 ? result.liquidatedUsd / day.excessVolumeUsd : Number.NaN,
  };
}
