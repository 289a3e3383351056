import { TidewatchError } from '../../core/errors.js';
import { type Cadence, cadenceOfSeries, MAX_AGE_DAYS } from '../../indicators/freshness.js';
import { liquidityIndexes, weeklyNetLiquidity } from '../../indicators/liquidity.js';
import type { RiskInputs } from './rules.js';
import { alignPointInTime, type DatedValue } from './weekly.js';

/**
 * Build the weekly risk inputs from observation lists (canonical units: US$ for money, percent
 * for rates). Pure: the store adapter (load.ts) and the tests both feed it.
 *
 * Every observation must carry `knownFrom` (the store's vintage, or the series' release rule in
 * sources/fred/publication.ts for files — see from-series.ts): there is no second table of
 * publication lags here. A value older than its cadence's max age (indicators/freshness.ts) is
 * unknown that week. Net liquidity is not computed here: it is the weekly sampling of
 * indicators/liquidity.ts, the same numbers `tidewatch liquidity` shows.
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

function cadence(seriesId: string): Cadence {
  const c = cadenceOfSeries(seriesId);
  if (!c) throw new TidewatchError('config', `no cadence known for risk input series ${seriesId}`);
  return c;
}

/** Cadence of each aligned input: the FRED catalog's frequency of its series; BTC closes are daily. */
export const RISK_INPUT_CADENCE: Record<'reserves' | 'hySpread' | 'vix' | 'nfci' | 'btc', Cadence> = {
  reserves: cadence('WRESBAL'),
  hySpread: cadence('BAMLH0A0HYM2'),
  vix: cadence('VIXCLS'),
  nfci: cadence('NFCI'),
  btc: 'daily',
};

type Known = DatedValue & { knownFrom: string };

function known(name: string, obs: readonly DatedValue[]): Known[] {
  for (const o of obs) {
    if (o.knownFrom === undefined)
      throw new TidewatchError(
        'bad-input',
        `risk input ${name}: observation ${o.date}=${o.value} has no knownFrom (publication date)`,
      );
  }
  return obs as Known[];
}

export function buildRiskInputs(weeks: readonly string[], s: RiskSources): RiskInputs {
  const inputs: RiskInputs = { weeks };
  const aligned = (k: keyof typeof RISK_INPUT_CADENCE) => {
    const obs = s[k];
    return obs?.length
      ? alignPointInTime(weeks, known(k, obs), { maxAgeDays: MAX_AGE_DAYS[RISK_INPUT_CADENCE[k]] })
      : undefined;
  };
  if (s.fedAssets?.length && s.tga?.length) {
    const ix = liquidityIndexes({
      fedAssets: known('fedAssets', s.fedAssets),
      tga: known('tga', s.tga),
      rrp: known('rrp', s.rrp ?? []),
    });
    inputs.netLiquidity = weeklyNetLiquidity(ix, weeks);
  }
  const reserves = aligned('reserves');
  if (reserves) inputs.reserves = reserves;
  if (s.sofr?.length && s.iorb?.length) {
    inputs.repoSpreadMaxBp = alignPointInTime(
      weeks,
      dailySpreadBp(known('sofr', s.sofr), known('iorb', s.iorb)),
      {
        agg: 'max',
      },
    );
  }
  const hy = aligned('hySpread');
  if (hy) inputs.hySpread = hy;
  const vix = aligned('vix');
  if (vix) inputs.vix = vix;
  const nfci = aligned('nfci');
  if (nfci) inputs.nfci = nfci;
  const btc = aligned('btc');
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
