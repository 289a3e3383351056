import { addDays, weekday } from '../../core/dates.js';
import type { Obs } from './series.js';

/**
 * The "bathtub" (thesis 2): a weekly table of liquidity supply minus drains versus demand.
 *
 * Formula, per H.4.1 week ending Wednesday W (all US$):
 *   supply        = Fed total assets (WALCL, Wednesday level)
 *   drains        = TGA (WTREGEN, week average) + ON RRP (RRPONTSYD on W, else last print ≤ W)
 *   waterLevel    = supply − drains                          ("net liquidity")
 *   inflow        = waterLevel(W) − waterLevel(W − 7)
 *   demand        = net marketable Treasury issuance in Thu..W (DTS)  + other demand (e.g.
 *                   hyperscaler bond issuance, when the SEC module supplies it)
 *   balance       = inflow − demand
 * Caveat, stated wherever the table is shown: issuance that sits in the TGA already lowers the
 * water level, so `balance` double-counts that part; it is a pressure gauge (how much new
 * paper the private sector must absorb relative to what the Fed/Treasury plumbing adds), not an
 * accounting identity. Weeks without DTS coverage have `demand` null.
 */
export interface BathtubWeek {
  date: string;
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
  'waterLevel = WALCL − TGA − ON RRP; inflow = Δ waterLevel (1 week); demand = net marketable Treasury issuance (DTS, Thu–Wed) + other demand; balance = inflow − demand';

export function bathtubWeekly(input: {
  walcl: Obs[];
  tga: Obs[];
  rrp: Obs[];
  /** Weekly net issuance keyed by Wednesday (see weeklySumToWednesday). */
  netIssuanceWeekly?: Obs[];
  otherDemandWeekly?: Obs[];
}): BathtubWeek[] {
  const issuance = new Map((input.netIssuanceWeekly ?? []).map((o) => [o.date, o.value]));
  const other = new Map((input.otherDemandWeekly ?? []).map((o) => [o.date, o.value]));
  const out: BathtubWeek[] = [];
  let it = 0;
  let ir = 0;
  for (const a of input.walcl) {
    if (weekday(a.date) !== 3) continue;
    while (it < input.tga.length && input.tga[it]!.date <= a.date) it++;
    while (ir < input.rrp.length && input.rrp[ir]!.date <= a.date) ir++;
    const tga = it > 0 ? input.tga[it - 1]! : undefined;
    const rrp = ir > 0 ? input.rrp[ir - 1]! : undefined;
    // A TGA week average older than a week is stale; skip rather than mix weeks.
    if (!tga || tga.date < addDays(a.date, -6)) continue;
    // RRPONTSYD has no row on days without an operation (pre-2013 mostly): inside the series'
    // range a missing week means zero take-up; past its end it means "not known yet".
    const rrpEnd = input.rrp.at(-1)?.date;
    if (rrpEnd === undefined || rrpEnd < addDays(a.date, -6)) continue;
    const rrpValue = rrp && rrp.date >= addDays(a.date, -6) ? rrp.value : 0;
    const waterLevel = a.value - tga.value - rrpValue;
    const prev = out.at(-1);
    const inflow = prev && prev.date === addDays(a.date, -7) ? waterLevel - prev.waterLevel : null;
    const td = issuance.get(a.date) ?? null;
    const od = other.get(a.date) ?? null;
    const demand = td === null && od === null ? null : (td ?? 0) + (od ?? 0);
    out.push({
      date: a.date,
      supply: a.value,
      tga: tga.value,
      rrp: rrpValue,
      waterLevel,
      inflow,
      treasuryDemand: td,
      otherDemand: od,
      balance: inflow === null || demand === null ? null : inflow - demand,
    });
  }
  return out;
}
