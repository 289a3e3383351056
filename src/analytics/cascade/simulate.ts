import { TidewatchError } from '../../core/errors.js';
import type { PositionBook } from './positions.js';

/**
 * Price impact of forced orders. `depthUsdPer1Pct` is the market order flow (US$) that moves the
 * price by 1 %. Linear: Δln P = flow / (100·depth). Square-root (the empirical "square-root law"
 * of market impact): Δln P = 1 % · sign(flow) · √(|flow| / depth) — concave, so a large cascade
 * moves the price less than proportionally.
 */
export interface ImpactParams {
  depthUsdPer1Pct: number;
  model: 'linear' | 'sqrt';
  /** Share of liquidated notional that reaches the order book (the rest is absorbed by insurance funds / ADL). */
  marketShare: number;
}

export interface CascadeOptions {
  /** Exogenous first move, e.g. −0.1 for −10 %. */
  shock: number;
  maxRounds?: number;
  /** Liquidation levels are bucketed on a log grid this fine (basis points). */
  binBp?: number;
}

export interface CascadeStep {
  round: number;
  price: number;
  liquidatedLongUsd: number;
  liquidatedShortUsd: number;
}

export interface CascadeResult {
  startPrice: number;
  path: CascadeStep[];
  finalPrice: number;
  /** Lowest (for a fall) or highest price reached, relative to the start. */
  extremeMove: number;
  finalMove: number;
  liquidatedUsd: number;
  liquidatedLongUsd: number;
  liquidatedShortUsd: number;
  liquidatedPositions: number;
  rounds: number;
  /** True when a round liquidated nothing new (the cascade stopped by itself). */
  stable: boolean;
}

/** Log price move caused by a signed cumulative market order flow (US$; negative = selling). */
export function priceImpact(flowUsd: number, impact: ImpactParams): number {
  return impact.model === 'linear'
    ? flowUsd / (100 * impact.depthUsdPer1Pct)
    : 0.01 * Math.sign(flowUsd) * Math.sqrt(Math.abs(flowUsd) / impact.depthUsdPer1Pct);
}

/** Liquidation levels further than this from the start (in log terms, ×/÷ 100) are ignored. */
const MAX_LOG_DISTANCE = Math.log(100);

export interface BinnedBook {
  price: number;
  binWidth: number;
  /** Coins that get liquidated once the price falls ≥ k bins (longs) or rises ≥ k bins (shorts). */
  longQty: Float64Array;
  shortQty: Float64Array;
  longCount: Uint32Array;
  shortCount: Uint32Array;
}

/** Bucket liquidation levels on a log grid: O(n), after which each round is O(bins crossed). */
export function binBook(book: PositionBook, binBp = 1): BinnedBook {
  const w = binBp / 10_000;
  const nb = Math.ceil(MAX_LOG_DISTANCE / w) + 1;
  const longQty = new Float64Array(nb);
  const shortQty = new Float64Array(nb);
  const longCount = new Uint32Array(nb);
  const shortCount = new Uint32Array(nb);
  const lnP0 = Math.log(book.price);
  for (let i = 0; i < book.qty.length; i++) {
    const d = book.side[i] === 1 ? lnP0 - Math.log(book.liqPrice[i]!) : Math.log(book.liqPrice[i]!) - lnP0;
    const k = Math.floor(d / w);
    if (k < 0 || k >= nb) continue;
    if (book.side[i] === 1) {
      longQty[k] = longQty[k]! + book.qty[i]!;
      longCount[k] = longCount[k]! + 1;
    } else {
      shortQty[k] = shortQty[k]! + book.qty[i]!;
      shortCount[k] = shortCount[k]! + 1;
    }
  }
  return { price: book.price, binWidth: w, longQty, shortQty, longCount, shortCount };
}

/**
 * Shock → liquidations at the new price → forced market orders → price impact → further
 * liquidations, round by round until a round triggers nothing new (or `maxRounds`).
 */
export function simulateCascade(book: BinnedBook, impact: ImpactParams, opts: CascadeOptions): CascadeResult {
  if (!(opts.shock > -1))
    throw new TidewatchError('bad-input', `shock ${opts.shock} must be above -1 (−100 %)`);
  if (!(impact.depthUsdPer1Pct > 0))
    throw new TidewatchError('bad-input', `depthUsdPer1Pct ${impact.depthUsdPer1Pct} must be positive`);
  const maxRounds = opts.maxRounds ?? 200;
  const p0 = book.price;
  const w = book.binWidth;
  const nb = book.longQty.length;
  const lnShock = Math.log(1 + opts.shock);
  let lnMove = lnShock;
  // Impact acts on the cumulative forced flow, so the square-root model is path-independent.
  let cumFlow = 0;
  let longNext = 0; // first long bin not yet liquidated
  let shortNext = 0;
  let extreme = lnMove;
  const path: CascadeStep[] = [
    { round: 0, price: p0 * Math.exp(lnMove), liquidatedLongUsd: 0, liquidatedShortUsd: 0 },
  ];
  let totLong = 0;
  let totShort = 0;
  let count = 0;
  let stable = false;
  let round = 0;
  while (round < maxRounds) {
    round++;
    const price = p0 * Math.exp(lnMove);
    let sellQty = 0;
    let buyQty = 0;
    // A long in bin k is hit once the price is ≥ k bins below the start (≤ 1 bin early).
    while (longNext < nb && -lnMove >= longNext * w) {
      sellQty += book.longQty[longNext]!;
      count += book.longCount[longNext]!;
      longNext++;
    }
    while (shortNext < nb && lnMove >= shortNext * w) {
      buyQty += book.shortQty[shortNext]!;
      count += book.shortCount[shortNext]!;
      shortNext++;
    }
    if (sellQty === 0 && buyQty === 0) {
      stable = true;
      break;
    }
    const longUsd = sellQty * price;
    const shortUsd = buyQty * price;
    totLong += longUsd;
    totShort += shortUsd;
    cumFlow += (shortUsd - longUsd) * impact.marketShare;
    lnMove = lnShock + priceImpact(cumFlow, impact);
    if (opts.shock < 0 ? lnMove < extreme : lnMove > extreme) extreme = lnMove;
    path.push({
      round,
      price: p0 * Math.exp(lnMove),
      liquidatedLongUsd: longUsd,
      liquidatedShortUsd: shortUsd,
    });
  }
  return {
    startPrice: p0,
    path,
    finalPrice: p0 * Math.exp(lnMove),
    extremeMove: Math.exp(extreme) - 1,
    finalMove: Math.exp(lnMove) - 1,
    liquidatedUsd: totLong + totShort,
    liquidatedLongUsd: totLong,
    liquidatedShortUsd: totShort,
    liquidatedPositions: count,
    rounds: round,
    stable,
  };
}
