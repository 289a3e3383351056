import type { Position } from './positions.js';

/**
 * What a 13F says about option books. For options the reported value is the *notional* of the
 * underlying shares (Special Instruction 10: value = shares × underlying price), not the premium
 * paid and not the money at risk. Scion's 2023-06-30 SPY and QQQ puts show $1.63B of notional.
 */
export const NOTIONAL_CAVEAT =
  'Reported 13F option values are the notional value of the underlying shares, not the premium paid and not money at risk; short positions are not reported at all.';

export interface Exposure {
  totalUsd: number;
  longSharesUsd: number;
  putNotionalUsd: number;
  callNotionalUsd: number;
  /** Put notional as a share of the reported total (what headlines quote as "80% puts"). */
  putShare: number | null;
  callShare: number | null;
  positions: number;
  caveat: string;
}

export function exposure(positions: Position[]): Exposure {
  let total = 0;
  let longShares = 0;
  let puts = 0;
  let calls = 0;
  for (const p of positions) {
    total += p.valueUsd;
    if (p.putCall === 'Put') puts += p.valueUsd;
    else if (p.putCall === 'Call') calls += p.valueUsd;
    else longShares += p.valueUsd;
  }
  return {
    totalUsd: total,
    longSharesUsd: longShares,
    putNotionalUsd: puts,
    callNotionalUsd: calls,
    putShare: total > 0 ? puts / total : null,
    callShare: total > 0 ? calls / total : null,
    positions: positions.length,
    caveat: NOTIONAL_CAVEAT,
  };
}

export interface Concentration {
  n: number;
  topUsd: number;
  totalUsd: number;
  /** null when the filing reports nothing (0/0 must not crash or print NaN: OpenBB #7618). */
  share: number | null;
  top: {
    key: string;
    issuer: string;
    putCall: Position['putCall'];
    valueUsd: number;
    weight: number | null;
  }[];
}

export function concentration(positions: Position[], n = 5): Concentration {
  const sorted = [...positions].sort((a, b) => b.valueUsd - a.valueUsd);
  const total = sorted.reduce((s, p) => s + p.valueUsd, 0);
  const top = sorted.slice(0, n);
  const topUsd = top.reduce((s, p) => s + p.valueUsd, 0);
  return {
    n,
    topUsd,
    totalUsd: total,
    share: total > 0 ? topUsd / total : null,
    top: top.map((p) => ({
      key: p.key,
      issuer: p.issuer,
      putCall: p.putCall,
      valueUsd: p.valueUsd,
      weight: total > 0 ? p.valueUsd / total : null,
    })),
  };
}
