import { addDays } from '../../core/dates.js';
import type { LiquidityLevel } from '../liquidity.js';
import type { Obs } from './series.js';

/**
 * The "bathtub" (thesis 2): a weekly table of liquidity supply minus drains versus demand.
 *
 * The water level IS net liquidity, as indicators/liquidity.ts defines and samples it (each
 * Friday, as known that day) — the bathtub never subtracts the series itself. Per Friday F whose
 * H.4.1 week ends Wednesday W (all US$):
 *   supply        = Fed total assets (WALCL, Wednesday W level)
 *   drains        = TGA (WTREGEN, week average to W) + ON RRP (newest operation by F, idle → 0)
 *   waterLevel    = supply − drains                          ("net liquidity")
 *   inflow        = waterLevel(F) − waterLevel(F − 7)
 *   demand        = net marketable Treasury issuance in Thu..W (DTS)  + other demand (e.g.
 *                   hyperscaler bond issuance, when the SEC module supplies it)
 *   balance       = inflow − demand
 * Caveat, stated wherever the table is shown: issuance that sits in the TGA already lowers the
 * water level, so `balance` double-counts that part; it is a pressure gauge (how much new
 * paper the private sector must absorb relative to what the Fed/Treasury plumbing adds), not an
 * accounting identity. Weeks without DTS coverage have `demand` null; stale weeks have no row.
 */
export interface BathtubWeek {
  /** The Friday the water level was known on. */
  date: string;
  /** The H.4.1 Wednesday of the balance-sheet figures (and the end of the issuance week). */
  h41Week: string;
  supply: number;
  tga: number;
  rrp: number;
  waterLevel: number;
  inflow: number | null;
  treasuryDemand: number | null;
  otherDemand: number | null;
  balance: number | null;
}

export const BATHTUB_FORMULA =
  'waterLevel = net liquidity = WALCL − TGA − ON RRP (as known each Friday); inflow = Δ waterLevel (1 week); demand = net marketable Treasury issuance (DTS, Thu–Wed of the H.4.1 week) + other demand; balance = inflow − demand';

export function bathtubWeekly(input: {
  /** Net liquidity per Friday (weeklyLiquidity); undefined or stale weeks are skipped. */
  weeks: ReadonlyArray<{ date: string; level: LiquidityLevel | undefined }>;
  /** Weekly net issuance keyed by Wednesday (see weeklySumToWednesday). */
  netIssuanceWeekly?: Obs[];
  otherDemandWeekly?: Obs[];
}): BathtubWeek[] {
  const issuance = new Map((input.netIssuanceWeekly ?? []).map((o) => [o.date, o.value]));
  const other = new Map((input.otherDemandWeekly ?? []).map((o) => [o.date, o.value]));
  const out: BathtubWeek[] = [];
  for (const { date, level } of input.weeks) {
    if (!level || level.stale) continue;
    const [fed, tga, rrp] = level.components;
    const prev = out.at(-1);
    const inflow = prev && prev.date === addDays(date, -7) ? level.netLiquidityUsd - prev.waterLevel : null;
    const td = issuance.get(fed.date) ?? null;
    const od = other.get(fed.date) ?? null;
    const demand = td === null && od === null ? null : (td ?? 0) + (od ?? 0);
    out.push({
      date,
      h41Week: fed.date,
      supply: fed.valueUsd,
      tga: tga.valueUsd,
      rrp: rrp.valueUsd,
      waterLevel: level.netLiquidityUsd,
      inflow,
      treasuryDemand: td,
      otherDemand: od,
      balance: inflow === null || demand === null ? null : inflow - demand,
    });
  }
  return out;
}
