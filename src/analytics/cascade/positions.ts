/**
 * A synthetic book of leveraged perpetual positions. Pure and seeded: the same parameters give
 * the same book. Kept in typed arrays so a million positions cost ~30 MB and tens of ms.
 */
export interface PositionBookParams {
  /** Current price (the book is built "alive" at this price). */
  price: number;
  /** Total notional of open positions at `price`, US$ (e.g. BTC perp open interest). */
  openInterestUsd: number;
  /** Share of notional held long, 0..1. Positive funding means longs are crowded (> 0.5). */
  longShare: number;
  /** Leverage levels and their weights (normalised internally). */
  leverage: { values: number[]; weights: number[] };
  /**
   * Log-normal spread of entry prices around `price`: positions were opened at different
   * prices over the past weeks, so their liquidation levels are spread out, not stacked.
   */
  entrySigma: number;
  /** Maintenance margin as a share of notional (Binance BTCUSDT tier 1: 0.4 %). */
  maintenanceMargin: number;
  /** Log-normal spread of position sizes (σ of log size); 1.0 gives a realistic long tail. */
  sizeSigma: number;
  count: number;
  seed: number;
}

export interface PositionBook {
  price: number;
  /** +1 long, −1 short. */
  side: Int8Array;
  /** Base-asset quantity (coins). */
  qty: Float64Array;
  liqPrice: Float64Array;
  /** Positions dropped because they were already past liquidation at `price`. */
  discarded: number;
}

/** Mulberry32: small, fast, good enough for a simulation, reproducible from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/**
 * Liquidation price of an isolated position: a long at entry E with leverage L loses its margin
 * (1/L of notional) less the maintenance margin when the price falls to E·(1 − 1/L + mm).
 */
export function liquidationPrice(entry: number, leverage: number, side: 1 | -1, mm: number): number {
  return side === 1 ? entry * (1 - 1 / leverage + mm) : entry * (1 + 1 / leverage - mm);
}

export function buildPositionBook(p: PositionBookParams): PositionBook {
  const r = rng(p.seed);
  const n = p.count;
  const totalW = p.leverage.weights.reduce((s, w) => s + w, 0);
  const cum = p.leverage.weights.map(
    (
      (s) => (w: number) =>
        (s += w / totalW)
    )(0),
  );
  const side = new Int8Array(n);
  const qty = new Float64Array(n);
  const liq = new Float64Array(n);
  const notionalAtPrice = new Float64Array(n);
  let kept = 0;
  let sumLong = 0;
  let sumShort = 0;
  for (let i = 0; i < n; i++) {
    const s: 1 | -1 = r() < p.longShare ? 1 : -1;
    const u = r();
    let k = 0;
    while (k < cum.length - 1 && u > cum[k]!) k++;
    const lev = p.leverage.values[k]!;
    const entry = p.price * Math.exp(p.entrySigma * normal(r));
    const lp = liquidationPrice(entry, lev, s, p.maintenanceMargin);
    // Already past its liquidation level at today's price: it no longer exists.
    if ((s === 1 && lp >= p.price) || (s === -1 && lp <= p.price)) continue;
    const size = Math.exp(p.sizeSigma * normal(r));
    side[kept] = s;
    liq[kept] = lp;
    notionalAtPrice[kept] = size;
    if (s === 1) sumLong += size;
    else sumShort += size;
    kept++;
  }
  // Scale sizes so longs and shorts hold exactly their share of open interest at `price`.
  const longUsd = p.openInterestUsd * p.longShare;
  const shortUsd = p.openInterestUsd - longUsd;
  for (let i = 0; i < kept; i++) {
    const usd =
      side[i] === 1 ? (notionalAtPrice[i]! / sumLong) * longUsd : (notionalAtPrice[i]! / sumShort) * shortUsd;
    qty[i] = usd / p.price;
  }
  return {
    price: p.price,
    side: side.slice(0, kept),
    qty: qty.slice(0, kept),
    liqPrice: liq.slice(0, kept),
    discarded: n - kept,
  };
}
