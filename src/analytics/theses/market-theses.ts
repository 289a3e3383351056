import { pctChange } from '../backtest/ops.js';
import { DEFAULT_RULES } from '../regime/rules.js';
import { fridays, weeklyCloses } from '../regime/weekly.js';
import { weeklyNetLiquidity } from './series-tools.js';
import {
  type CheckResult,
  type Evidence,
  insufficient,
  pct,
  type ThesisData,
  type ThesisDef,
} from './types.js';

/** Theses 3 (duration sorting), 6 (crypto as the front-line probe) and 7 (risk levels). */

const SPECULATIVE = ['BTC', 'ARKK', 'TSLA', 'PLTR'];
const NEAR_CASH_FLOW = ['MU', 'SNDK'];
const SQUEEZE = DEFAULT_RULES.find((r) => r.id === 'net_liquidity_falling')!.threshold;

function squeezeReturns(d: ThesisData): CheckResult {
  const weeks = fridays('2007-01-05', d.asOf);
  const nl = weeklyNetLiquidity(d, weeks);
  if (!nl) return insufficient('WALCL / WTREGEN not stored');
  const change = pctChange(nl, 13);
  const inSqueeze = Array.from(change, (c) => c <= SQUEEZE);
  const squeezeWeeks = inSqueeze.filter(Boolean).length;
  const perAsset = (symbol: string): { symbol: string; annualised: number; weeks: number } | undefined => {
    const p = d.prices[symbol];
    if (!p) return undefined;
    const r = pctChange(weeklyCloses(weeks, p.dates, p.closes), 1);
    let s = 0;
    let n = 0;
    for (let i = 0; i < weeks.length; i++) {
      if (!inSqueeze[i] || !Number.isFinite(r[i]!)) continue;
      s += Math.log1p(r[i]!);
      n++;
    }
    return n >= 8 ? { symbol, annualised: Math.expm1((s / n) * 52), weeks: n } : undefined;
  };
  const spec = SPECULATIVE.map(perAsset).filter((x) => x !== undefined);
  const cash = NEAR_CASH_FLOW.map(perAsset).filter((x) => x !== undefined);
  if (!spec.length || !cash.length) {
    return insufficient(
      `need prices of at least one of ${SPECULATIVE.join('/')} and one of ${NEAR_CASH_FLOW.join('/')} over squeeze weeks`,
    );
  }
  const avg = (xs: typeof spec) => xs.reduce((a, b) => a + b.annualised, 0) / xs.length;
  const a = avg(spec);
  const b = avg(cash);
  const evidence: Evidence[] = [...spec, ...cash].map((x) => ({
    label: `${x.symbol} in squeeze weeks (annualised, ${x.weeks} weeks)`,
    value: Number(x.annualised.toFixed(4)),
    unit: 'fraction',
    chart: `markets:${x.symbol}`,
  }));
  evidence.push({
    label: 'squeeze weeks since 2007',
    value: squeezeWeeks,
    unit: 'weeks',
    chart: 'liquidity',
  });
  return {
    status: a < b ? 'supported' : 'refuted',
    summary: `in ${squeezeWeeks} squeeze weeks (net liquidity ≤ ${pct(SQUEEZE, 0)} over 13 weeks) speculative assets returned ${pct(a)} annualised vs ${pct(b)} for near-cash-flow ones`,
    evidence,
  };
}

export const THESIS_3: ThesisDef = {
  id: 'duration-sorting',
  number: 3,
  title: 'Duration sorting',
  claim:
    'When capital is scarce, long-duration speculative assets fall hardest; near-cash-flow assets (MU, SNDK) hold up or rise.',
  seed: 'PRODUCT.md thesis 3 (duration-sorting commentary)',
  checks: [
    {
      id: 'speculative-fall-harder',
      claim: 'speculative assets do worse than near-cash-flow ones when liquidity is scarce',
      dataNeeded: [
        'WALCL',
        'WTREGEN',
        'RRPONTSYD',
        `prices of ${SPECULATIVE.join(', ')}`,
        `prices of ${NEAR_CASH_FLOW.join(', ')}`,
      ],
      test: 'annualised return in weeks where net liquidity fell ≥ 5 % over 13 weeks: speculative basket below near-cash-flow basket → supported',
      evaluate: squeezeReturns,
    },
  ],
};

export const THESIS_6: ThesisDef = {
  id: 'crypto-front-line',
  number: 6,
  title: 'Crypto as the front-line probe',
  claim:
    'BTC fell from ~$126k (Oct 2025) to ~$60k; $2.6B of leveraged positions were liquidated in 24 hours; forced selling cascades across assets.',
  seed: 'PRODUCT.md thesis 6 (crypto commentary)',
  checks: [
    {
      id: 'btc-126k-to-60k',
      claim: 'BTC fell from about $126k (Oct 2025) to about $60k',
      dataNeeded: ['BTC daily closes'],
      test: 'peak close Sep–Dec 2025 within 10 % of $126k and a later close ≤ $66k → supported; data through the as-of date without such a low → refuted',
      evaluate(d) {
        const p = d.prices.BTC;
        if (!p) return insufficient('no BTC prices stored');
        let peak = { date: '', close: 0 };
        for (let i = 0; i < p.dates.length; i++) {
          const dt = p.dates[i]!;
          if (dt >= '2025-09-01' && dt <= '2025-12-31' && p.closes[i]! > peak.close)
            peak = { date: dt, close: p.closes[i]! };
        }
        if (!peak.date) return insufficient('BTC prices do not cover Sep–Dec 2025');
        let low = { date: peak.date, close: peak.close };
        for (let i = 0; i < p.dates.length; i++)
          if (p.dates[i]! > peak.date && p.closes[i]! < low.close)
            low = { date: p.dates[i]!, close: p.closes[i]! };
        const lastDate = p.dates[p.dates.length - 1]!;
        const evidence: Evidence[] = [
          { label: 'BTC peak close', value: peak.close, unit: 'usd', date: peak.date, chart: 'markets:BTC' },
          {
            label: 'lowest close after the peak',
            value: low.close,
            unit: 'usd',
            date: low.date,
            chart: 'markets:BTC',
          },
          {
            label: 'fall from peak',
            value: Number((low.close / peak.close - 1).toFixed(4)),
            unit: 'fraction',
          },
          { label: 'BTC data ends', value: lastDate },
        ];
        const peakOk = Math.abs(peak.close / 126_000 - 1) <= 0.1;
        const summary = `BTC peak close $${peak.close.toFixed(0)} on ${peak.date}, lowest since $${low.close.toFixed(0)} on ${low.date} (${pct(low.close / peak.close - 1)}); data ends ${lastDate}`;
        if (peakOk && low.close <= 66_000) return { status: 'supported', summary, evidence };
        const stale = (Date.parse(d.asOf) - Date.parse(lastDate)) / 86_400_000 > 10;
        if (stale)
          return {
            status: 'insufficient data',
            summary: `${summary}: the data stops before ${d.asOf}`,
            evidence,
          };
        return { status: 'refuted', summary, evidence };
      },
    },
    {
      id: 'liquidations-2-6b',
      claim: '$2.6B of leveraged positions were liquidated in 24 hours',
      dataNeeded: ['exchange liquidation totals'],
      test: 'a stored daily liquidation total ≥ $2B in the fall',
      evaluate: () =>
        insufficient(
          'no market-wide liquidation history is stored (only a format sample); see `tidewatch cascade` for a what-if',
        ),
    },
  ],
};

function levelStat(d: ThesisData, asset: string, level: number, months: number) {
  return d.risk?.forward[asset]?.find((s) => s.level === level && s.months === months);
}

export const THESIS_7: ThesisDef = {
  id: 'risk-levels',
  number: 7,
  title: 'Risk levels',
  claim:
    'Different macro risk levels have different market impacts: without a larger macro shock a liquidity squeeze is a minor valuation adjustment, not a collapse.',
  seed: 'PRODUCT.md thesis 7 (risk-level commentary)',
  checks: ['SPY', 'QQQ', 'BTC'].map((asset) => ({
    id: `squeeze-is-minor-${asset.toLowerCase()}`,
    claim: `a level-1 squeeze is a minor adjustment for ${asset}`,
    dataNeeded: ['risk levels (FRED series)', `${asset} prices`],
    test: 'after level-1 weeks: median 6-month max drawdown shallower than −15 % (−35 % for BTC) and mean 6-month return above −5 % → supported; mean 6-month return below −10 % → refuted; and level 3 shows the deeper 12-month drawdown',
    evaluate(d: ThesisData): CheckResult {
      const l1 = levelStat(d, asset, 1, 6);
      const l1y = levelStat(d, asset, 1, 12);
      const l3y = levelStat(d, asset, 3, 12) ?? levelStat(d, asset, 2, 12);
      if (!l1 || l1.n < 8)
        return insufficient(`fewer than 8 level-1 weeks with ${asset} prices and a 6-month future`);
      const limit = asset === 'BTC' ? -0.35 : -0.15;
      // Weeks/runs at level 1 from the risk history's one count (what `tidewatch risk` shows);
      // the return statistics below use the subset with prices and a 6-month future.
      const c1 = d.risk?.counts.find((c) => c.level === 1);
      const evidence: Evidence[] = [
        { label: 'level-1 weeks (runs)', value: c1 ? `${c1.weeks} (${c1.runs})` : null, chart: 'risk' },
        { label: `level-1 weeks with ${asset} prices and a 6-month future (runs)`, value: `${l1.n} (${l1.episodes})` },
        {
          label: 'level 1: mean 6-month return',
          value: Number(l1.meanReturn.toFixed(4)),
          unit: 'fraction',
          chart: 'risk',
        },
        {
          label: 'level 1: median 6-month max drawdown',
          value: Number(l1.medianMaxDrawdown.toFixed(4)),
          unit: 'fraction',
          chart: 'risk',
        },
        {
          label: 'level 1: worst 12-month max drawdown',
          value: l1y ? Number(l1y.worstMaxDrawdown.toFixed(4)) : null,
          unit: 'fraction',
        },
        {
          label: `level ${l3y?.level ?? 3}: worst 12-month max drawdown`,
          value: l3y ? Number(l3y.worstMaxDrawdown.toFixed(4)) : null,
          unit: 'fraction',
        },
      ];
      const summary = `${asset} after ${l1.n} level-1 weeks: mean 6-month return ${pct(l1.meanReturn)}, median max drawdown ${pct(l1.medianMaxDrawdown)}${l3y && l1y ? `; worst 12-month drawdown ${pct(l1y.worstMaxDrawdown)} vs ${pct(l3y.worstMaxDrawdown)} at level ${l3y.level}` : ''}`;
      if (l1.meanReturn < -0.1) return { status: 'refuted', summary, evidence };
      const deeperAtTop = !l3y || !l1y || l3y.worstMaxDrawdown < l1y.worstMaxDrawdown;
      if (l1.medianMaxDrawdown > limit && l1.meanReturn > -0.05 && deeperAtTop)
        return { status: 'supported', summary, evidence };
      return { status: 'mixed', summary, evidence };
    },
  })),
};
