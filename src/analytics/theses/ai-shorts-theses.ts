import { formatUsd } from '../../core/units.js';
import { summariseByClass } from '../scorecard/score.js';
import { closeAt } from './series-tools.js';
import {
  combineStatuses,
  type Evidence,
  insufficient,
  pct,
  type ThesisDef,
  type ThesisStatus,
} from './types.js';

/** Theses 4 (AI bubble) and 5 (famous shorts). */

/** Burst signal threshold: capex growth this many percentage points above operating-income growth. */
export const BURST_GAP = 0.2;

/**
 * The token figures quoted by the seed (PRODUCT.md thesis 4). The check computes the annual
 * growth they imply, so the ">100× a year" claim is tested against its own numbers.
 */
const TOKEN_FIGURES = [
  { who: 'Google (tokens/month)', from: '2024-05', to: '2025-10', a: 9.7e12, b: 1.3e15 },
  { who: 'ByteDance Doubao (tokens/day)', from: '2024-05', to: '2025-05', a: 120e9, b: 16.4e12 },
];

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

export const THESIS_4: ThesisDef = {
  id: 'ai-bubble',
  number: 4,
  title: 'AI bubble',
  claim:
    'Burst signal: most big-tech earnings miss and operating-profit growth falls far behind capex growth. Counter: token consumption grows > 100× a year. Event: Oracle missed and fell > 11 % on 2025-12-11.',
  seed: 'PRODUCT.md thesis 4 (AI-bubble commentary)',
  checks: [
    {
      id: 'oracle-2025-12-11',
      claim: 'Oracle fell more than 11 % on 2025-12-11',
      dataNeeded: ['ORCL daily closes'],
      test: 'close 2025-12-11 vs the previous close: ≤ −11 % supported, −11 % to −5 % mixed (a large fall, less than quoted), > −5 % refuted',
      evaluate(d) {
        const p = d.prices.ORCL;
        const a = closeAt(p, '2025-12-10');
        const b = closeAt(p, '2025-12-11');
        if (!a || !b || b.date !== '2025-12-11') return insufficient('no ORCL close for 2025-12-11 stored');
        const move = b.close / a.close - 1;
        return {
          status: move <= -0.11 ? 'supported' : move > -0.05 ? 'refuted' : 'mixed',
          summary: `ORCL ${a.date} → ${b.date}: ${pct(move)}`,
          evidence: [
            {
              label: 'ORCL one-day move 2025-12-11',
              value: Number(move.toFixed(4)),
              unit: 'fraction',
              date: b.date,
              chart: 'markets:ORCL',
            },
          ],
        };
      },
    },
    {
      id: 'capex-outruns-profit',
      claim: 'operating-profit growth falls far behind capex growth',
      dataNeeded: ['XBRL capex and operating income (MSFT, GOOGL, AMZN, META, ORCL)'],
      test: `latest fiscal year: capex growth − operating-income growth > ${BURST_GAP * 100} pp for a majority of companies → supported; for none → refuted`,
      evaluate(d) {
        const rows = d.capex ?? [];
        const companies = [...new Set(rows.map((r) => r.company))];
        const gaps: Evidence[] = [];
        let flagged = 0;
        for (const c of companies) {
          const ys = rows
            .filter((r) => r.company === c)
            .sort((a, b) => a.fiscalYearEnd.localeCompare(b.fiscalYearEnd));
          const [prev, cur] = ys.slice(-2);
          if (!prev || !cur || prev.capex <= 0 || prev.operatingIncome <= 0) continue;
          const gap = cur.capex / prev.capex - cur.operatingIncome / prev.operatingIncome;
          if (gap > BURST_GAP) flagged++;
          gaps.push({
            label: `${c} FY${cur.fiscalYearEnd.slice(0, 4)} capex growth − operating-income growth`,
            value: Number(gap.toFixed(4)),
            unit: 'fraction',
            chart: 'capex',
          });
        }
        if (gaps.length < 3)
          return insufficient(
            `annual capex and operating income stored for ${gaps.length} companies; need ≥ 3`,
            gaps,
          );
        return {
          status: flagged > gaps.length / 2 ? 'supported' : flagged === 0 ? 'refuted' : 'mixed',
          summary: `${flagged} of ${gaps.length} companies show capex growth more than ${BURST_GAP * 100} pp above operating-income growth`,
          evidence: gaps,
        };
      },
    },
    {
      id: 'tokens-100x',
      claim: 'token consumption grows more than 100× a year (the counter-argument)',
      dataNeeded: ["the seed's token figures (PRODUCT.md thesis 4)"],
      test: 'annualise each quoted pair of figures: all > 100× supported, all < 100× refuted, else mixed',
      evaluate() {
        const evidence: Evidence[] = TOKEN_FIGURES.map((t) => {
          const months = monthsBetween(t.from, t.to);
          return {
            label: `${t.who} ${t.from} → ${t.to}, annualised growth`,
            value: Number(((t.b / t.a) ** (12 / months)).toFixed(1)),
            unit: '×/year',
          };
        });
        const vals = evidence.map((e) => e.value as number);
        return {
          status: vals.every((v) => v > 100) ? 'supported' : vals.every((v) => v < 100) ? 'refuted' : 'mixed',
          summary: `the quoted figures imply ${vals.map((v) => `${v}×`).join(' and ')} a year`,
          evidence,
        };
      },
    },
  ],
};

export const THESIS_5: ThesisDef = {
  id: 'famous-shorts',
  number: 5,
  title: 'Famous shorts',
  claim:
    'Macro-shock shorts win, single-stock and sector shorts mostly do not. 13F option rows report notional, not premium (PLTR puts ~$9.2M premium vs ~$912M notional).',
  seed: 'PRODUCT.md thesis 5 (Scion / Burry commentary)',
  checks: [
    {
      id: 'macro-wins-single-fails',
      claim: 'macro shorts win, single-name/sector shorts mostly fail',
      dataNeeded: ['short scorecard: curated episodes + stored 13F puts', 'underlying daily closes'],
      test: 'estimated 6-month ATM put outcome from the period end: macro win rate above single-name/sector and single-name/sector below 50 % → supported; macro not above → refuted',
      evaluate(d) {
        if (!d.scorecard) return insufficient('scorecard not computed');
        const s = summariseByClass(d.scorecard);
        const macro = s.find((c) => c.class === 'macro')!;
        const single = s.find((c) => c.class === 'single-name/sector')!;
        const evidence: Evidence[] = [
          { label: 'macro: scored / wins', value: `${macro.scored} / ${macro.wins}`, chart: 'scorecard' },
          {
            label: 'single-name/sector: scored / wins',
            value: `${single.scored} / ${single.wins}`,
            chart: 'scorecard',
          },
          { label: 'macro: reported wins / known', value: `${macro.reportedWins} / ${macro.reportedKnown}` },
          {
            label: 'single-name/sector: reported wins / known',
            value: `${single.reportedWins} / ${single.reportedKnown}`,
          },
          {
            label: 'macro mean 6-month put outcome',
            value: macro.meanPutOutcome,
            unit: 'payoff/premium − 1',
          },
          {
            label: 'single-name/sector mean 6-month put outcome',
            value: single.meanPutOutcome,
            unit: 'payoff/premium − 1',
          },
        ];
        const summary = `estimated put outcomes: macro ${macro.wins}/${macro.scored} won, single-name/sector ${single.wins}/${single.scored}; reported outcomes: macro ${macro.reportedWins}/${macro.reportedKnown}, single-name/sector ${single.reportedWins}/${single.reportedKnown}`;
        if (macro.scored < 1 || single.scored < 1) return insufficient(summary, evidence);
        const mw = macro.winRate!;
        const sw = single.winRate!;
        const estimated: ThesisStatus = mw > sw && sw < 0.5 ? 'supported' : mw <= sw ? 'refuted' : 'mixed';
        if (macro.scored >= 3 && single.scored >= 3) return { status: estimated, summary, evidence };
        // Fewer than 3 priced episodes in a class: the estimate alone cannot carry a verdict, so
        // it is weighed with the seed's reported record; when they disagree the answer is mixed.
        const rate = (w: number, k: number) => (k ? w / k : 0);
        const reported: ThesisStatus =
          rate(macro.reportedWins, macro.reportedKnown) > rate(single.reportedWins, single.reportedKnown)
            ? 'supported'
            : 'refuted';
        return {
          status: combineStatuses([estimated, reported]),
          summary: `${summary} (priced estimate ${estimated}, reported record ${reported}; fewer than 3 priced episodes in a class)`,
          evidence,
        };
      },
    },
    {
      id: 'notional-not-premium',
      claim: '13F option rows report notional, not premium (PLTR ~$9.2M vs ~$912M)',
      dataNeeded: ['PLTR daily closes (for volatility)'],
      test: 'Black-Scholes ATM premium for the reported notional (3–12 months, realised vol) is a small fraction of notional (< 30 %) → supported',
      evaluate(d) {
        const ep = d.scorecard?.find((s) => s.episode.id === 'scion-pltr-2025q3');
        const ref = ep?.references[0];
        if (!ref) return insufficient('PLTR prices around 2025-09-30 not stored');
        const est = ref.puts.filter((p) => p.premiumUsd !== null);
        const lo = Math.min(...est.map((p) => p.premiumUsd!));
        const hi = Math.max(...est.map((p) => p.premiumUsd!));
        const notional = ep.episode.reportedNotionalUsd ?? 912e6;
        return {
          status: hi / notional < 0.3 ? 'supported' : 'mixed',
          summary: `ATM premium for ${formatUsd(notional)} notional: ${formatUsd(lo)}–${formatUsd(hi)} (3–12 months, realised vol ${pct(ref.realisedVol, 0)}); the quoted $9.2M (${pct(9.2e6 / notional)}) implies far out-of-the-money or short-dated puts`,
          evidence: [
            { label: 'ATM premium estimate, low', value: lo, unit: 'usd', chart: 'scorecard' },
            { label: 'ATM premium estimate, high', value: hi, unit: 'usd' },
            {
              label: 'quoted premium / notional',
              value: Number((9.2e6 / notional).toFixed(4)),
              unit: 'fraction',
            },
          ],
        };
      },
    },
  ],
};
