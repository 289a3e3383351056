import { addMonths } from '../../core/dates.js';
import { formatUsd } from '../../core/units.js';
import { pctChange } from '../backtest/ops.js';
import { dailySpreadBp } from '../regime/inputs.js';
import { fridays, weeklyCloses } from '../regime/weekly.js';
import { between, changeOverMonths, correlation, last, mean, valueAt, weeklyNetLiquidity } from './series-tools.js';
import { type CheckResult, insufficient, pct, type ThesisData, type ThesisDef } from './types.js';

/** Theses 1 (liquidity squeeze) and 2 (liquidity demand, "bathtub"). */

const B = 1e9;
const T = 1e12;

/** Reserves from the first series in `ids` with data in the window. */
function reservesIn(
  d: ThesisData,
  from: string,
  to: string,
  ids: string[],
): { id: string; values: number[] } | undefined {
  for (const id of ids) {
    const v = between(d.series[id], from, to).map((o) => o.value);
    if (v.length) return { id, values: v };
  }
  return undefined;
}

function rateOnReserves(d: ThesisData) {
  return [...(d.series.IOER ?? []).filter((o) => o.date < '2021-07-29'), ...(d.series.IORB ?? [])];
}

function thresholdCheck(
  d: ThesisData,
  year: string,
  claimed: number,
  tolerance: number,
  series: string[],
): CheckResult {
  const r = reservesIn(d, `${year}-01-01`, `${year}-12-31`, series);
  if (!r) return insufficient(`no reserves data (${series.join(' or ')}) for ${year}`);
  const avg = mean(r.values);
  const lo = Math.min(...r.values);
  const hi = Math.max(...r.values);
  const ok =
    Math.abs(avg - claimed) / claimed <= tolerance ||
    (claimed >= lo * (1 - tolerance) && claimed <= hi * (1 + tolerance));
  return {
    status: ok ? 'supported' : 'refuted',
    summary: `${r.id} in ${year}: average ${formatUsd(avg)}, range ${formatUsd(lo)}–${formatUsd(hi)}; claimed ${formatUsd(claimed)}`,
    evidence: [
      { label: `${r.id} ${year} average`, value: avg, unit: 'usd', chart: 'plumbing' },
      { label: `${r.id} ${year} low`, value: lo, unit: 'usd' },
      { label: `${r.id} ${year} high`, value: hi, unit: 'usd' },
      { label: 'claimed', value: claimed, unit: 'usd' },
    ],
  };
}

export const THESIS_1: ThesisDef = {
  id: 'liquidity-squeeze',
  number: 1,
  title: 'Liquidity squeeze',
  claim:
    'TGA build-up, the end of the ON RRP buffer and QT drain reserves; repo rates cross the line (SOFR > IORB); the system now needs > $3T of reserves, versus $45B in 2007 and $2.2T in 2023.',
  seed: 'PRODUCT.md thesis 1 (liquidity-squeeze commentary)',
  checks: [
    {
      id: 'repo-crosses-line',
      claim: 'repo rates cross the line (SOFR above IORB)',
      dataNeeded: ['SOFR', 'IORB'],
      test: 'days in the last 6 months with SOFR > IORB: ≥ 3 supported, 0 refuted',
      evaluate(d) {
        const from = addMonths(d.asOf, -6);
        const spread = dailySpreadBp(
          between(d.series.SOFR, from, d.asOf),
          between(rateOnReserves(d), from, d.asOf),
        );
        if (spread.length < 60)
          return insufficient(`only ${spread.length} days of SOFR and IORB in the 6 months to ${d.asOf}`);
        const crossings = spread.filter((s) => s.value > 0);
        const worst = spread.reduce((a, b) => (b.value > a.value ? b : a));
        return {
          status: crossings.length >= 3 ? 'supported' : crossings.length === 0 ? 'refuted' : 'mixed',
          summary: `${crossings.length} of ${spread.length} days since ${from} had SOFR above IORB; widest ${worst.value} bp on ${worst.date}`,
          evidence: [
            {
              label: 'days SOFR > IORB (6 months)',
              value: crossings.length,
              unit: 'days',
              chart: 'plumbing',
            },
            {
              label: 'widest SOFR − IORB',
              value: worst.value,
              unit: 'bp',
              date: worst.date,
              chart: 'plumbing',
            },
          ],
        };
      },
    },
    {
      id: 'reserves-2007',
      claim: '$45B of reserves sufficed in 2007',
      dataNeeded: ['TOTRESNS (total reserves, 2007), else WRESBAL'],
      // $45B is the size of total reserves (incl. vault cash) then; reserve balances at the Fed
      // (WRESBAL) were only $5-15B, so TOTRESNS is the like-for-like series.
      test: 'the 2007 average (or range) is within ±25 % of $45B',
      evaluate: (d) => thresholdCheck(d, '2007', 45 * B, 0.25, ['TOTRESNS', 'WRESBAL']),
    },
    {
      id: 'reserves-2023',
      claim: 'reserves were about $2.2T in 2023',
      dataNeeded: ['WRESBAL (2023)'],
      test: 'the 2023 average or range is within ±10 % of $2.2T',
      evaluate: (d) => thresholdCheck(d, '2023', 2.2 * T, 0.1, ['WRESBAL', 'TOTRESNS']),
    },
    {
      id: 'needs-3t',
      claim: 'the system now needs more than $3T of reserves',
      dataNeeded: ['SOFR', 'IORB', 'WRESBAL'],
      test: 'repo crossed the line in the last 12 months while reserves were ≥ $2.8T → supported; reserves < $2.8T at every crossing → refuted',
      evaluate(d) {
        const from = addMonths(d.asOf, -12);
        const spread = dailySpreadBp(
          between(d.series.SOFR, from, d.asOf),
          between(rateOnReserves(d), from, d.asOf),
        );
        const crossings = spread.filter((s) => s.value > 0);
        if (!d.series.WRESBAL?.length) return insufficient('no WRESBAL stored');
        if (crossings.length === 0)
          return insufficient(`no SOFR > IORB day since ${from}: the scarcity point was not tested`);
        const levels = crossings
          .map((c) => valueAt(d.series.WRESBAL, c.date)?.value)
          .filter((v): v is number => v !== undefined);
        if (!levels.length) return insufficient('no reserves level known on the crossing days');
        const hi = Math.max(...levels);
        const lo = Math.min(...levels);
        return {
          status: hi >= 2.8 * T ? 'supported' : 'refuted',
          summary: `on the ${crossings.length} crossing days since ${from}, reserves were ${formatUsd(lo)}–${formatUsd(hi)}`,
          evidence: [
            { label: 'reserves on crossing days, high', value: hi, unit: 'usd', chart: 'plumbing' },
            { label: 'reserves on crossing days, low', value: lo, unit: 'usd' },
          ],
        };
      },
    },
    {
      id: 'net-liquidity-drain',
      claim: 'TGA, RRP and QT drain liquidity',
      dataNeeded: ['WALCL', 'WTREGEN', 'RRPONTSYD'],
      test: 'net liquidity (WALCL − TGA − RRP) lower than 6 months earlier → supported, higher → refuted',
      evaluate(d) {
        const weeks = fridays(addMonths(d.asOf, -13), d.asOf);
        const nl = weeklyNetLiquidity(d, weeks);
        if (!nl) return insufficient('WALCL / WTREGEN not stored');
        // The latest week with a known value (FRED files may stop before asOf; the date says so).
        let k = nl.length - 1;
        while (k >= 0 && !Number.isFinite(nl[k]!)) k--;
        if (k < 26 || !Number.isFinite(nl[k - 26]!))
          return insufficient(`net liquidity unknown in the 13 months to ${d.asOf}`);
        const end = nl[k]!;
        const start = nl[k - 26]!;
        const rrp = last(between(d.series.RRPONTSYD, addMonths(d.asOf, -3), d.asOf));
        return {
          status: end < start ? 'supported' : 'refuted',
          summary: `net liquidity ${formatUsd(end)} vs ${formatUsd(start)} 26 weeks earlier (${pct(end / start - 1)}); ON RRP ${rrp ? formatUsd(rrp.value) : 'n/a'}`,
          evidence: [
            { label: 'net liquidity', value: end, unit: 'usd', date: weeks[k], chart: 'liquidity' },
            { label: 'change over 26 weeks', value: end / start - 1, unit: 'fraction', chart: 'liquidity' },
          ],
        };
      },
    },
  ],
};

export const THESIS_2: ThesisDef = {
  id: 'liquidity-bathtub',
  number: 2,
  title: 'Liquidity demand ("bathtub")',
  claim:
    'Asset prices float on the water level: liquidity supply minus demand. Once the dry powder (RRP) is gone, debt-funded AI capex acts like reverse QE and the cost of capital rises.',
  seed: 'PRODUCT.md thesis 2 (bathtub commentary)',
  checks: [
    {
      id: 'prices-float-on-liquidity',
      claim: 'asset prices float on the water level',
      dataNeeded: ['WALCL', 'WTREGEN', 'RRPONTSYD', 'SPY prices'],
      test: 'correlation of non-overlapping 13-week changes of net liquidity and the S&P 500 since 2007: > 0.2 supported, < 0 refuted, else mixed',
      evaluate(d) {
        const spx = d.prices.SPY ?? d.prices['^GSPC'];
        if (!spx) return insufficient('no S&P 500 prices stored (SPY or ^GSPC)');
        const weeks = fridays('2007-01-05', d.asOf);
        const nl = weeklyNetLiquidity(d, weeks);
        if (!nl) return insufficient('WALCL / WTREGEN not stored');
        const a = pctChange(nl, 13);
        const b = pctChange(weeklyCloses(weeks, spx.dates, spx.closes), 13);
        const xs: number[] = [];
        const ys: number[] = [];
        for (let i = weeks.length - 1; i >= 13; i -= 13) {
          xs.push(a[i]!);
          ys.push(b[i]!);
        }
        const { r, n } = correlation(xs, ys);
        if (n < 20) return insufficient(`only ${n} quarters with both series`);
        // Also: does liquidity lead? Net-liquidity change vs the NEXT quarter's S&P 500 change.
        const lead = correlation(xs.slice(1), ys.slice(0, -1));
        return {
          status: r > 0.2 ? 'supported' : r < 0 ? 'refuted' : 'mixed',
          summary: `correlation of 13-week changes, net liquidity vs S&P 500: ${r.toFixed(2)} over ${n} quarters (next quarter: ${lead.r.toFixed(2)}); QE answering crashes (2008, 2020) pulls it down`,
          evidence: [
            {
              label: 'correlation (same 13 weeks)',
              value: Number(r.toFixed(3)),
              unit: 'r',
              chart: 'liquidity',
            },
            {
              label: 'correlation (liquidity leads by 13 weeks)',
              value: Number(lead.r.toFixed(3)),
              unit: 'r',
            },
            { label: 'quarters', value: n },
          ],
        };
      },
    },
    {
      id: 'dry-powder-exhausted',
      claim: 'the dry powder (ON RRP balance) is exhausted',
      dataNeeded: ['RRPONTSYD'],
      test: 'latest ON RRP < $100B → supported, ≥ $300B → refuted, between → mixed',
      evaluate(d) {
        const v = last(between(d.series.RRPONTSYD, addMonths(d.asOf, -3), d.asOf));
        if (!v) return insufficient(`no ON RRP value in the 3 months to ${d.asOf}`);
        const peak = (d.series.RRPONTSYD ?? []).reduce((m, o) => (o.value > m.value ? o : m), v);
        return {
          status: v.value < 100 * B ? 'supported' : v.value >= 300 * B ? 'refuted' : 'mixed',
          summary: `ON RRP ${formatUsd(v.value)} on ${v.date} (peak ${formatUsd(peak.value)} on ${peak.date})`,
          evidence: [
            { label: 'ON RRP', value: v.value, unit: 'usd', date: v.date, chart: 'plumbing' },
            { label: 'ON RRP peak', value: peak.value, unit: 'usd', date: peak.date },
          ],
        };
      },
    },
    {
      id: 'cost-of-capital-rises',
      claim: 'the cost of capital rises (sovereign and credit rates)',
      dataNeeded: ['DGS10', 'BAMLH0A0HYM2'],
      test: '10-year yield and HY spread over 12 months: both up supported, both down refuted, else mixed',
      evaluate(d) {
        const y = changeOverMonths(d.series.DGS10, d.asOf, 12);
        const hy = changeOverMonths(d.series.BAMLH0A0HYM2, d.asOf, 12);
        if (y === undefined || hy === undefined)
          return insufficient('DGS10 or BAMLH0A0HYM2 missing for the last 12 months');
        return {
          status: y > 0 && hy > 0 ? 'supported' : y < 0 && hy < 0 ? 'refuted' : 'mixed',
          summary: `over 12 months: 10-year yield ${y >= 0 ? '+' : ''}${y.toFixed(2)} pp, HY OAS ${hy >= 0 ? '+' : ''}${hy.toFixed(2)} pp`,
          evidence: [
            { label: '10-year yield change, 12 months', value: Number(y.toFixed(3)), unit: 'pp' },
            { label: 'HY OAS change, 12 months', value: Number(hy.toFixed(3)), unit: 'pp', chart: 'risk' },
          ],
        };
      },
    },
  ],
};
