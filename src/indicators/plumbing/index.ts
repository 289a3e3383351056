import { addDays } from '../../core/dates.js';
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
import { knownBy, PUBLICATION_LAG_DAYS as LAG, type Obs, percentileRank, valueAt } from './series.js';
import { DEFAULT_WEIGHTS, type ScoreComponent, type ScorePoint, stressScore } from './stress-score.js';

/**
 * Every plumbing indicator from plain series (canonical units), as of a date. The inputs are
 * what the store holds (FRED ids, `DTS:*`, `NYFED:*`); missing inputs make the dependent
 * indicators absent, never zero. `asOf` cuts every input at what was published by then.
 */
export interface PlumbingInputs {
  wresbal?: Obs[];
  totresns?: Obs[];
  walcl?: Obs[];
  wtregen?: Obs[];
  rrp?: Obs[];
  sofr?: Obs[];
  sofrP99?: Obs[];
  effr?: Obs[];
  iorb?: Obs[];
  ioer?: Obs[];
  /** DTS daily TGA closing balance. */
  tgaDaily?: Obs[];
  /** DTS daily marketable issues/redemptions (bills; notes+bonds). */
  billIssues?: Obs[];
  couponIssues?: Obs[];
  billRedemptions?: Obs[];
  couponRedemptions?: Obs[];
  debtTotal?: Obs[];
  srfTakeup?: Obs[];
  billPurchases?: Obs[];
  hyOas?: Obs[];
  vix?: Obs[];
  nfci?: Obs[];
}

export interface IndicatorRow {
  id: string;
  label: string;
  unit: 'usd' | 'bp' | 'percent' | 'ratio' | 'count' | 'score';
  date: string | null;
  value: number | null;
  change1m: number | null;
  percentile: number | null;
}

export interface PlumbingResult {
  asOf: string | null;
  rows: IndicatorRow[];
  history: Record<string, Obs[]>;
  crossings: CrossingMonth[];
  bathtub: BathtubWeek[];
  score: ScorePoint[];
  thesis1: Thesis1Check | null;
  notes: string[];
}

const LABELS: Record<string, [string, IndicatorRow['unit']]> = {
  reserves: ['Reserve balances (WRESBAL)', 'usd'],
  reservesMinus3T: ['Reserves − $3T claimed need', 'usd'],
  rateOnReserves: ['Rate on reserves (IOER→IORB)', 'percent'],
  sofrIorb: ['SOFR − IORB', 'bp'],
  sofrP99Iorb: ['SOFR 99th pct − IORB', 'bp'],
  effrIorb: ['EFFR − IORB', 'bp'],
  crossingDays: ['Days SOFR > IORB (month to date)', 'count'],
  srfTakeup: ['Standing repo take-up', 'usd'],
  tga: ['Treasury General Account', 'usd'],
  tgaChange4w: ['TGA 4-week change', 'usd'],
  rrp: ['ON RRP', 'usd'],
  rrpRemaining: ['ON RRP left of peak (dry powder)', 'ratio'],
  qtPace: ['Fed assets 4-week change (QT pace)', 'usd'],
  fedAssets: ['Fed total assets (WALCL)', 'usd'],
  billPurchases: ['Fed bill purchases (last full month)', 'usd'],
  billShare: ['Bill share of gross issuance (last full month)', 'ratio'],
  netIssuance: ['Net marketable issuance (last full month)', 'usd'],
  debtTotal: ['Debt outstanding', 'usd'],
  netLiquidity: ['Net liquidity (bathtub water level)', 'usd'],
  bathtubBalance: ['Bathtub balance (week)', 'usd'],
  stressScore: ['Liquidity-stress score', 'score'],
};

/** Ids of every indicator in the summary table (and of `/api/plumbing/:indicator`). */
export const PLUMBING_INDICATORS = Object.keys(LABELS);

export function indicatorMeta(id: string): { label: string; unit: IndicatorRow['unit'] } | undefined {
  const m = LABELS[id];
  return m ? { label: m[0], unit: m[1] } : undefined;
}

function row(id: string, hist: Obs[] | undefined): IndicatorRow {
  const [label, unit] = LABELS[id]!;
  const last = hist?.at(-1);
  if (!hist || !last) return { id, label, unit, date: null, value: null, change1m: null, percentile: null };
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
  };
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

export function computePlumbing(raw: PlumbingInputs, asOf?: string): PlumbingResult {
  const k = (s: Obs[] | undefined, lag: number) => (s ? knownBy(s, asOf, lag) : undefined);
  const i = {
    wresbal: k(raw.wresbal, LAG.h41),
    totresns: k(raw.totresns, LAG.h3Monthly),
    walcl: k(raw.walcl, LAG.h41),
    wtregen: k(raw.wtregen, LAG.h41),
    rrp: k(raw.rrp, LAG.rrp),
    sofr: k(raw.sofr, LAG.sofr),
    sofrP99: k(raw.sofrP99, LAG.sofr),
    effr: k(raw.effr, LAG.sofr),
    iorb: k(raw.iorb, LAG.policyRate),
    ioer: k(raw.ioer, LAG.policyRate),
    tgaDaily: k(raw.tgaDaily, LAG.dts),
    billIssues: k(raw.billIssues, LAG.dts),
    couponIssues: k(raw.couponIssues, LAG.dts),
    billRedemptions: k(raw.billRedemptions, LAG.dts),
    couponRedemptions: k(raw.couponRedemptions, LAG.dts),
    debtTotal: k(raw.debtTotal, LAG.dts),
    srfTakeup: k(raw.srfTakeup, LAG.rrp),
    billPurchases: k(raw.billPurchases, LAG.rrp),
    hyOas: k(raw.hyOas, LAG.sofr),
    vix: k(raw.vix, LAG.sofr),
    nfci: k(raw.nfci, 5),
  };
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
    h['crossingDays'] = crossings.map((c) => ({ date: `${c.month}-01`, value: c.crossing }));
  }
  if (i.srfTakeup?.length) h['srfTakeup'] = i.srfTakeup;

  // TGA: daily DTS when present (finer), else the H.4.1 week average.
  const tga = i.tgaDaily?.length ? i.tgaDaily : i.wtregen;
  if (tga?.length) {
    h['tga'] = tga;
    h['tgaChange4w'] = changeSeries(tga, 28);
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

  const bathtub =
    i.walcl?.length && i.wtregen?.length && i.rrp?.length
      ? bathtubWeekly({ walcl: i.walcl, tga: i.wtregen, rrp: i.rrp, netIssuanceWeekly: weeklyNet })
      : [];
  if (bathtub.length) {
    h['netLiquidity'] = bathtub.map((b) => ({ date: b.date, value: b.waterLevel }));
    const bal = bathtub.filter((b) => b.balance !== null).map((b) => ({ date: b.date, value: b.balance! }));
    if (bal.length) h['bathtubBalance'] = bal;
  }

  const comp = (id: string, label: string, series: Obs[] | undefined, higherIsStress: boolean, stale = 10) =>
    series?.length
      ? [
          {
            id,
            label,
            weight: DEFAULT_WEIGHTS[id]!,
            higherIsStress,
            series,
            maxStaleDays: stale,
          } as ScoreComponent,
        ]
      : [];
  const score = stressScore([
    ...comp('sofrIorb', 'SOFR − IORB (5-day mean)', h['sofrIorb'] && rollingMean(h['sofrIorb'], 5), true),
    ...comp('sofrP99Iorb', 'SOFR p99 − IORB', h['sofrP99Iorb'], true),
    // Reserve LEVELS are not comparable across eras (≈$10B in 2007, $3T now), so the score uses
    // the 13-week percentage change: a fast drain is the stress signal in any era.
    ...comp('reserves', 'Reserves 13-week % change', i.wresbal && pctChange(i.wresbal, 91), false),
    ...comp('rrpRemaining', 'ON RRP dry powder', h['rrpRemaining'], false),
    ...comp('tgaChange4w', 'TGA 4-week change', h['tgaChange4w'], true),
    ...comp('hyOas', 'High-yield OAS', i.hyOas, true),
    ...comp('vix', 'VIX', i.vix, true),
    ...comp('nfci', 'NFCI', i.nfci, true),
  ]);
  if (score.length) h['stressScore'] = score.map((s) => ({ date: s.date, value: s.score }));

  const thesis1 = i.wresbal?.length
    ? checkThesis1({ wresbal: i.wresbal, totresns: i.totresns, sofrSpreadBp: h['sofrIorb'] })
    : null;
  const rows = Object.keys(LABELS).map((id) => row(id, h[id]));
  return { asOf: asOf ?? null, rows, history: h, crossings, bathtub, score, thesis1, notes };
}
