import { addDays, fridays } from '../../core/dates.js';
import { type Cadence, cadenceOfSeries, freshness } from '../freshness.js';
import { type LiquidityIndexes, liquidityIndexes, weeklyLiquidity } from '../liquidity.js';
import { type BathtubWeek, bathtubWeekly } from './bathtub.js';
import { changeSeries, monthlySum, qtPace, rrpDryPowder, weeklySumToWednesday } from './flows.js';
import {
  type CrossingMonth,
  crossingDaysByMonth,
  rateOnReserves,
  rollingMean,
  spreadToReservesBp,
} from './repo-stress.js';
import { checkThesis1, type Thesis1Check } from './reserves.js';
import { type KnownObs, knownBy, type Obs, percentileRank, valueAt } from './series.js';
import { DEFAULT_WEIGHTS, type ScoreComponent, type ScorePoint, stressScore } from './stress-score.js';

/**
 * Every plumbing indicator from plain series (canonical units), as of a date. The inputs are
 * what the store holds (FRED ids, `DTS:*`, `NYFED:*`), each row with the day it was public;
 * missing inputs make the dependent indicators absent, never zero. `asOf` cuts every input at
 * what was published by then.
 *
 * Each input and the store series it is read from: the primary one first (its cadence is the
 * input's, from the FRED catalog; DTS/NY Fed series are daily). Where two sources carry the same
 * thing, FRED is primary and the NY Fed/Treasury series fill dates FRED does not have (e.g.
 * NYFED:SOFR from snapshot imports).
 */
const INPUTS = {
  wresbal: ['WRESBAL'],
  totresns: ['TOTRESNS'],
  walcl: ['WALCL'],
  wtregen: ['WTREGEN'],
  rrp: ['RRPONTSYD', 'NYFED:RRP_ACCEPTED'],
  sofr: ['SOFR', 'NYFED:SOFR'],
  sofrP99: ['NYFED:SOFR_P99'],
  effr: ['EFFR', 'NYFED:EFFR'],
  iorb: ['IORB'],
  ioer: ['IOER'],
  /** DTS daily TGA closing balance. */
  tgaDaily: ['DTS:TGA_CLOSE'],
  /** DTS daily marketable issues/redemptions (bills; notes+bonds). */
  billIssues: ['DTS:BILL_ISSUES'],
  couponIssues: ['DTS:COUPON_ISSUES'],
  billRedemptions: ['DTS:BILL_REDEMPTIONS'],
  couponRedemptions: ['DTS:COUPON_REDEMPTIONS'],
  debtTotal: ['FISCAL:DEBT_TOTAL'],
  srfTakeup: ['NYFED:SRF_ACCEPTED'],
  billPurchases: ['NYFED:BILL_PURCHASES'],
  hyOas: ['BAMLH0A0HYM2'],
  vix: ['VIXCLS'],
  nfci: ['NFCI'],
};

export type PlumbingInput = keyof typeof INPUTS;
export const PLUMBING_INPUT_SERIES: Record<PlumbingInput, readonly string[]> = INPUTS;
export type PlumbingInputs = Partial<Record<PlumbingInput, KnownObs[]>>;

/** The series an input's cadence and its row's source name come from. */
function primarySeries(key: PlumbingInput): string {
  return PLUMBING_INPUT_SERIES[key][0]!;
}

export function inputCadence(key: PlumbingInput): Cadence {
  return cadenceOfSeries(primarySeries(key)) ?? 'daily';
}

export interface IndicatorRow {
  id: string;
  label: string;
  unit: 'usd' | 'bp' | 'percent' | 'ratio' | 'count' | 'score';
  /** Observation date of the value shown. */
  date: string | null;
  value: number | null;
  change1m: number | null;
  percentile: number | null;
  /** Cadence of the row's data, and whether the value is too old for it on the as-of day. */
  cadence: Cadence;
  stale: boolean;
  /** The series the value came from, where two sources could give it (TGA: DTS or H.4.1). */
  source?: string;
}

export interface PlumbingResult {
  asOf: string | null;
  /** The day staleness is judged on: asOf, or the newest input date when no asOf is given. */
  judgedOn: string | null;
  rows: IndicatorRow[];
  history: Record<string, Obs[]>;
  crossings: CrossingMonth[];
  bathtub: BathtubWeek[];
  score: ScorePoint[];
  thesis1: Thesis1Check | null;
  notes: string[];
}

/**
 * Which way is stress for an indicator: +1 = a higher value drains liquidity or shows repo strain,
 * −1 = a lower one does, 0 = no direction (a policy rate, a mix).
 */
export type StressDirection = 1 | -1 | 0;

/**
 * The rows of the summary table, in its order, each once: label, unit, cadence and which way is
 * stress. A row that shows one input, or a spread or change of it, has that input's cadence
 * (inputCadence: the FRED catalog's, DTS/NY Fed daily); monthly sums are monthly; the bathtub and
 * the score are weekly (their Friday grid).
 */
const INDICATORS: Record<
  string,
  [label: string, unit: IndicatorRow['unit'], cadence: Cadence, stress: StressDirection]
> = {
  reserves: ['Reserve balances (WRESBAL)', 'usd', inputCadence('wresbal'), -1],
  reservesMinus3T: ['Reserves − $3T claimed need', 'usd', inputCadence('wresbal'), -1],
  rateOnReserves: ['Rate on reserves (IOER→IORB)', 'percent', inputCadence('iorb'), 0],
  sofrIorb: ['SOFR − IORB', 'bp', inputCadence('sofr'), 1],
  sofrP99Iorb: ['SOFR 99th pct − IORB', 'bp', inputCadence('sofrP99'), 1],
  effrIorb: ['EFFR − IORB', 'bp', inputCadence('effr'), 1],
  crossingDays: ['Days SOFR > IORB (month to date)', 'count', inputCadence('sofr'), 1],
  srfTakeup: ['Standing repo take-up', 'usd', inputCadence('srfTakeup'), 1],
  // The TGA rows take the cadence of the source chosen for them (computePlumbing); this one
  // stands when neither is stored.
  tga: ['Treasury General Account', 'usd', inputCadence('tgaDaily'), 1],
  tgaChange4w: ['TGA 4-week change', 'usd', inputCadence('tgaDaily'), 1],
  rrp: ['ON RRP', 'usd', inputCadence('rrp'), -1],
  rrpRemaining: ['ON RRP left of peak (dry powder)', 'ratio', inputCadence('rrp'), -1],
  qtPace: ['Fed assets 4-week change (QT pace)', 'usd', inputCadence('walcl'), -1],
  fedAssets: ['Fed total assets (WALCL)', 'usd', inputCadence('walcl'), -1],
  billPurchases: ['Fed bill purchases (last full month)', 'usd', 'monthly', -1],
  billShare: ['Bill share of gross issuance (last full month)', 'ratio', 'monthly', 0],
  netIssuance: ['Net marketable issuance (last full month)', 'usd', 'monthly', 1],
  debtTotal: ['Debt outstanding', 'usd', inputCadence('debtTotal'), 0],
  netLiquidity: ['Net liquidity (bathtub water level)', 'usd', 'weekly', -1],
  bathtubBalance: ['Bathtub balance (week)', 'usd', 'weekly', -1],
  stressScore: ['Liquidity-stress score', 'score', 'weekly', 1],
};

/** Ids of every indicator in the summary table (and of `/api/plumbing/:indicator`). */
export const PLUMBING_INDICATORS = Object.keys(INDICATORS);

export function indicatorMeta(id: string): { label: string; unit: IndicatorRow['unit'] } | undefined {
  const m = INDICATORS[id];
  return m ? { label: m[0], unit: m[1] } : undefined;
}

/** Which way is stress for a row of the summary table (0 for an id it does not hold). */
export function stressDirection(id: string): StressDirection {
  return INDICATORS[id]?.[3] ?? 0;
}

function row(
  id: string,
  hist: Obs[] | undefined,
  judgedOn: string | null,
  cadence?: Cadence,
  source?: string,
): IndicatorRow {
  const [label, unit, defaultCadence] = INDICATORS[id]!;
  const c = cadence ?? defaultCadence;
  const last = hist?.at(-1);
  if (!hist || !last)
    return {
      id,
      label,
      unit,
      date: null,
      value: null,
      change1m: null,
      percentile: null,
      cadence: c,
      stale: false,
    };
  const prev = valueAt(hist, addDays(last.date, -30));
  return {
    id,
    label,
    unit,
    date: last.date,
    value: last.value,
    change1m: prev && prev.date !== last.date ? last.value - prev.value : null,
    percentile: percentileRank(
      hist.map((o) => o.value),
      last.value,
    ),
    cadence: c,
    stale: judgedOn !== null && freshness(last.date, judgedOn, c).stale,
    ...(source ? { source } : {}),
  };
}

/**
 * Two sources for one value (DTS daily TGA, H.4.1 WTREGEN): the freshest one that is not stale
 * on `judgedOn` wins; when both are stale, the newer one (its row is then flagged stale).
 */
function freshestSource(
  candidates: Array<{ id: string; obs: Obs[] | undefined; cadence: Cadence }>,
  judgedOn: string | null,
): { id: string; obs: Obs[]; cadence: Cadence } | undefined {
  const have = candidates.filter((c): c is { id: string; obs: Obs[]; cadence: Cadence } => !!c.obs?.length);
  const newest = (xs: typeof have) =>
    xs.reduce<(typeof have)[number] | undefined>(
      (a, b) => (!a || b.obs.at(-1)!.date > a.obs.at(-1)!.date ? b : a),
      undefined,
    );
  const fresh = have.filter(
    (c) => judgedOn === null || !freshness(c.obs.at(-1)!.date, judgedOn, c.cadence).stale,
  );
  return newest(fresh) ?? newest(have);
}

/**
 * Monthly sums dated by the month's last observation, COMPLETE months only: a month counts as
 * complete once data for a later month exists. A month in progress would show e.g. a 100% bill
 * share simply because coupon settlements (mid-month, month-end) have not happened yet.
 */
function monthly(daily: Obs[]): Obs[] {
  const sums = monthlySum(daily);
  const lastDay = new Map<string, string>();
  for (const o of daily) lastDay.set(o.date.slice(0, 7), o.date);
  return sums.slice(0, -1).map((m) => ({ date: lastDay.get(m.date)!, value: m.value }));
}

function pctChange(obs: Obs[], days: number): Obs[] {
  const out: Obs[] = [];
  for (const o of obs) {
    const p = valueAt(obs, addDays(o.date, -days));
    if (p && p.value > 0 && p.date !== o.date) out.push({ date: o.date, value: o.value / p.value - 1 });
  }
  return out;
}

function sumDaily(...series: (Obs[] | undefined)[]): Obs[] {
  const m = new Map<string, number>();
  for (const [k, s] of series.entries()) {
    const sign = k < 2 ? 1 : -1; // first two are issues, rest redemptions
    for (const o of s ?? []) m.set(o.date, (m.get(o.date) ?? 0) + sign * o.value);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}

export function computePlumbing(
  raw: PlumbingInputs,
  asOf?: string,
  liquidity?: LiquidityIndexes,
): PlumbingResult {
  const i: PlumbingInputs = {};
  for (const [key, s] of Object.entries(raw) as [PlumbingInput, KnownObs[] | undefined][])
    if (s) i[key] = knownBy(s, asOf);
  // Staleness is judged on the as-of day; without one, on the newest date of the inputs.
  const judgedOn =
    asOf ??
    Object.values(i)
      .map((s) => s?.at(-1)?.date)
      .filter((d): d is string => d !== undefined)
      .sort()
      .at(-1) ??
    null;
  const notes: string[] = [];
  const h: Record<string, Obs[]> = {};

  if (i.wresbal?.length) {
    h['reserves'] = i.wresbal;
    h['reservesMinus3T'] = i.wresbal.map((o) => ({ date: o.date, value: o.value - 3e12 }));
  }
  const ror = rateOnReserves(i.iorb ?? [], i.ioer ?? []);
  notes.push(...ror.notes);
  if (ror.series.length) h['rateOnReserves'] = ror.series;
  if (i.sofr?.length && ror.series.length) h['sofrIorb'] = spreadToReservesBp(i.sofr, ror.series);
  if (i.sofrP99?.length && ror.series.length) h['sofrP99Iorb'] = spreadToReservesBp(i.sofrP99, ror.series);
  if (i.effr?.length && ror.series.length) h['effrIorb'] = spreadToReservesBp(i.effr, ror.series);
  const crossings = h['sofrIorb'] ? crossingDaysByMonth(h['sofrIorb']) : [];
  if (crossings.length) {
    // Dated by the month's last SOFR print (the observation the count is current to), so the
    // row's staleness is that of the spread, not of the month's first day.
    const lastPrint = new Map(h['sofrIorb']!.map((o) => [o.date.slice(0, 7), o.date]));
    h['crossingDays'] = crossings.map((c) => ({ date: lastPrint.get(c.month)!, value: c.crossing }));
  }
  if (i.srfTakeup?.length) h['srfTakeup'] = i.srfTakeup;

  // TGA: the freshest non-stale of the DTS close and the H.4.1 week average; the row names it.
  const tga = freshestSource(
    [
      { id: primarySeries('tgaDaily'), obs: i.tgaDaily, cadence: inputCadence('tgaDaily') },
      { id: primarySeries('wtregen'), obs: i.wtregen, cadence: inputCadence('wtregen') },
    ],
    judgedOn,
  );
  if (tga) {
    h['tga'] = tga.obs;
    h['tgaChange4w'] = changeSeries(tga.obs, 28);
  }
  if (i.rrp?.length) {
    h['rrp'] = i.rrp;
    h['rrpRemaining'] = rrpDryPowder(i.rrp).map((d) => ({ date: d.date, value: d.remainingShare }));
  }
  if (i.walcl?.length) {
    h['fedAssets'] = i.walcl;
    h['qtPace'] = qtPace(i.walcl);
  }
  if (i.billPurchases?.length) h['billPurchases'] = monthly(i.billPurchases);
  let weeklyNet: Obs[] | undefined;
  if (i.billIssues?.length && i.couponIssues?.length) {
    const bills = monthly(i.billIssues);
    const coupons = new Map(monthly(i.couponIssues).map((o) => [o.date, o.value]));
    h['billShare'] = bills.map((b) => {
      const gross = b.value + (coupons.get(b.date) ?? 0);
      return { date: b.date, value: gross > 0 ? b.value / gross : 0 };
    });
    if (i.billRedemptions?.length && i.couponRedemptions?.length) {
      const netDaily = sumDaily(i.billIssues, i.couponIssues, i.billRedemptions, i.couponRedemptions);
      h['netIssuance'] = monthly(netDaily);
      weeklyNet = weeklySumToWednesday(netDaily);
    }
  }
  if (i.debtTotal?.length) h['debtTotal'] = i.debtTotal;

  // The water level is net liquidity from indicators/liquidity.ts, sampled on its Friday grid.
  const lix =
    liquidity ??
    (raw.walcl?.length && raw.wtregen?.length
      ? liquidityIndexes({ fedAssets: raw.walcl, tga: raw.wtregen, rrp: raw.rrp ?? [], tgaDts: raw.tgaDaily })
      : undefined);
  const first = i.walcl?.[0]?.date;
  const lastWeek = asOf ?? judgedOn;
  const fris = first && lastWeek ? fridays(first, lastWeek) : [];
  const bathtub = lix
    ? bathtubWeekly({
        weeks: weeklyLiquidity(lix, fris).map((level, n) => ({ date: fris[n]!, level })),
        netIssuanceWeekly: weeklyNet,
      })
    : [];
  if (bathtub.length) {
    h['netLiquidity'] = bathtub.map((b) => ({ date: b.date, value: b.waterLevel }));
    const bal = bathtub.filter((b) => b.balance !== null).map((b) => ({ date: b.date, value: b.balance! }));
    if (bal.length) h['bathtubBalance'] = bal;
  }

  const comp = (
    id: string,
    label: string,
    series: Obs[] | undefined,
    higherIsStress: boolean,
    cadence: Cadence,
  ) =>
    series?.length
      ? [{ id, label, weight: DEFAULT_WEIGHTS[id]!, higherIsStress, series, cadence } as ScoreComponent]
      : [];
  const score = stressScore([
    ...comp(
      'sofrIorb',
      'SOFR − IORB (5-day mean)',
      h['sofrIorb'] && rollingMean(h['sofrIorb'], 5),
      true,
      'daily',
    ),
    ...comp('sofrP99Iorb', 'SOFR p99 − IORB', h['sofrP99Iorb'], true, 'daily'),
    // Reserve LEVELS are not comparable across eras (≈$10B in 2007, $3T now), so the score uses
    // the 13-week percentage change: a fast drain is the stress signal in any era.
    ...comp(
      'reserves',
      'Reserves 13-week % change',
      i.wresbal && pctChange(i.wresbal, 91),
      false,
      inputCadence('wresbal'),
    ),
    ...comp('rrpRemaining', 'ON RRP dry powder', h['rrpRemaining'], false, inputCadence('rrp')),
    ...comp('tgaChange4w', 'TGA 4-week change', h['tgaChange4w'], true, tga?.cadence ?? 'daily'),
    ...comp('hyOas', 'High-yield OAS', i.hyOas, true, inputCadence('hyOas')),
    ...comp('vix', 'VIX', i.vix, true, inputCadence('vix')),
    ...comp('nfci', 'NFCI', i.nfci, true, inputCadence('nfci')),
  ]);
  if (score.length) h['stressScore'] = score.map((s) => ({ date: s.date, value: s.score }));

  const thesis1 = i.wresbal?.length
    ? checkThesis1({ wresbal: i.wresbal, totresns: i.totresns, sofrSpreadBp: h['sofrIorb'] })
    : null;
  const rows = PLUMBING_INDICATORS.map((id) =>
    id === 'tga' || id === 'tgaChange4w'
      ? row(id, h[id], judgedOn, tga?.cadence, tga?.id)
      : row(id, h[id], judgedOn),
  );
  return { asOf: asOf ?? null, judgedOn, rows, history: h, crossings, bathtub, score, thesis1, notes };
}
