import type { RiskInputs } from './rules.js';
import { alignPointInTime, type DatedValue } from './weekly.js';

/**
 * Build the weekly risk inputs from raw observation lists (canonical units: US$ for money,
 * percent for rates). Pure: the store adapter (load.ts) and the tests both feed it.
 *
 * Publication lags apply only to observations without a stored knownFrom (e.g. a CSV):
 * H.4.1 (WALCL, WTREGEN, WRESBAL) is dated Wednesday and published Thursday afternoon → 1 day;
 * ICE BofA OAS on FRED arrives the next morning → 1 day; NFCI is dated Friday and published the
 * following Wednesday → 5 days; RRP, SOFR (next morning → 1 day), VIX and BTC closes → same day.
 */
export interface RiskSources {
  fedAssets?: readonly DatedValue[];
  tga?: readonly DatedValue[];
  rrp?: readonly DatedValue[];
  reserves?: readonly DatedValue[];
  sofr?: readonly DatedValue[];
  /** Rate paid on reserves (IORB, IOER before 2021-07-29), percent. */
  iorb?: readonly DatedValue[];
  hySpread?: readonly DatedValue[];
  vix?: readonly DatedValue[];
  nfci?: readonly DatedValue[];
  btc?: readonly DatedValue[];
}

export const PUBLICATION_LAG_DAYS = {
  fedAssets: 1,
  tga: 1,
  rrp: 0,
  reserves: 1,
  sofr: 1,
  iorb: 0,
  hySpread: 1,
  vix: 0,
  nfci: 5,
  btc: 0,
} as const;

/** Weekly series go stale after 3 weeks, daily ones after 10 days (holidays included). */
const WEEKLY_MAX_AGE = 21;
const DAILY_MAX_AGE = 10;

export function buildRiskInputs(weeks: readonly string[], s: RiskSources): RiskInputs {
  const L = PUBLICATION_LAG_DAYS;
  const weekly = (obs: readonly DatedValue[] | undefined, lagDays: number) =>
    obs?.length ? alignPointInTime(weeks, obs, { lagDays, maxAgeDays: WEEKLY_MAX_AGE }) : undefined;
  const daily = (obs: readonly DatedValue[] | undefined, lagDays: number) =>
    obs?.length ? alignPointInTime(weeks, obs, { lagDays, maxAgeDays: DAILY_MAX_AGE }) : undefined;

  const inputs: RiskInputs = { weeks };
  const assets = weekly(s.fedAssets, L.fedAssets);
  const tga = weekly(s.tga, L.tga);
  // RRP lists no value on days without operations (before 2013): count those as zero usage.
  const rrp = s.rrp?.length ? alignPointInTime(weeks, s.rrp, { lagDays: L.rrp }) : undefined;
  if (assets && tga) {
    const nl = new Float64Array(weeks.length);
    for (let i = 0; i < weeks.length; i++) {
      const r = rrp ? rrp[i]! : 0;
      nl[i] = assets[i]! - tga[i]! - (Number.isFinite(r) ? r : 0);
    }
    inputs.netLiquidity = nl;
  }
  const reserves = weekly(s.reserves, L.reserves);
  if (reserves) inputs.reserves = reserves;
  if (s.sofr?.length && s.iorb?.length) {
    inputs.repoSpreadMaxBp = alignPointInTime(weeks, dailySpreadBp(s.sofr, s.iorb), {
      lagDays: L.sofr,
      agg: 'max',
    });
  }
  const hy = daily(s.hySpread, L.hySpread);
  if (hy) inputs.hySpread = hy;
  const vix = daily(s.vix, L.vix);
  if (vix) inputs.vix = vix;
  const nfci = weekly(s.nfci, L.nfci);
  if (nfci) inputs.nfci = nfci;
  const btc = daily(s.btc, L.btc);
  if (btc) inputs.btc = btc;
  return inputs;
}

/**
 * SOFR − rate on reserves in basis points, for each SOFR date where the rate on reserves of the
 * same day is known. knownFrom is the later of the two.
 */
export function dailySpreadBp(sofr: readonly DatedValue[], iorb: readonly DatedValue[]): DatedValue[] {
  const rate = new Map<string, DatedValue>();
  for (const o of iorb) rate.set(o.date, o);
  const out: DatedValue[] = [];
  for (const o of sofr) {
    const r = rate.get(o.date);
    if (!r || !Number.isFinite(o.value) || !Number.isFinite(r.value)) continue;
    const v: DatedValue = { date: o.date, value: Math.round((o.value - r.value) * 10_000) / 100 };
    const known = [o.knownFrom, r.knownFrom].filter((k): k is string => k !== undefined).sort();
    if (known.length === 2) v.knownFrom = known[1]!;
    out.push(v);
  }
  return out;
}
