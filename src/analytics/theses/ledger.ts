import { reasonOf } from '../../core/errors.js';
import { INSUFFICIENT } from '../../core/verdict.js';
import { THESIS_4_CHECKS, THESIS_5_CHECKS } from './ai-shorts-theses.js';
import { THESIS_1_CHECKS, THESIS_2_CHECKS } from './liquidity-theses.js';
import { THESIS_3_CHECKS, THESIS_6_CHECKS, THESIS_7_CHECKS } from './market-theses.js';
import {
  type CheckReport,
  type CheckResult,
  combineStatuses,
  type ThesisCheck,
  type ThesisData,
  type ThesisDef,
  type ThesisResult,
} from './types.js';

/** A thesis from its row in THESES: the seed names the PRODUCT.md commentary its claim comes from. */
function thesis(row: Omit<ThesisDef, 'seed'> & { commentary: string }): ThesisDef {
  const { id, number, title, claim, checks, commentary } = row;
  return { id, number, title, claim, seed: `PRODUCT.md thesis ${number} (${commentary} commentary)`, checks };
}

/**
 * Every PRODUCT.md thesis, in order, one a line: its number, id, title, the PRODUCT.md commentary
 * it comes from, its checks (in the thesis modules) and the claim they test.
 */
// biome-ignore format: a table, one thesis a line
export const THESES: readonly ThesisDef[] = [
  { number: 1, id: 'liquidity-squeeze', title: 'Liquidity squeeze', commentary: 'liquidity-squeeze', checks: THESIS_1_CHECKS, claim: 'TGA build-up, the end of the ON RRP buffer and QT drain reserves; repo rates cross the line (SOFR > IORB); the system now needs > $3T of reserves, versus $45B in 2007 and $2.2T in 2023.' },
  { number: 2, id: 'liquidity-bathtub', title: 'Liquidity demand ("bathtub")', commentary: 'bathtub', checks: THESIS_2_CHECKS, claim: 'Asset prices float on the water level: liquidity supply minus demand. Once the dry powder (RRP) is gone, debt-funded AI capex acts like reverse QE and the cost of capital rises.' },
  { number: 3, id: 'duration-sorting', title: 'Duration sorting', commentary: 'duration-sorting', checks: THESIS_3_CHECKS, claim: 'When capital is scarce, long-duration speculative assets fall hardest; near-cash-flow assets (MU, SNDK) hold up or rise.' },
  { number: 4, id: 'ai-bubble', title: 'AI bubble', commentary: 'AI-bubble', checks: THESIS_4_CHECKS, claim: 'Burst signal: most big-tech earnings miss and operating-profit growth falls far behind capex growth. Counter: token consumption grows > 100× a year. Event: Oracle missed and fell > 11 % on 2025-12-11.' },
  { number: 5, id: 'famous-shorts', title: 'Famous shorts', commentary: 'Scion / Burry', checks: THESIS_5_CHECKS, claim: 'Macro-shock shorts win, single-stock and sector shorts mostly do not. 13F option rows report notional, not premium (PLTR puts ~$9.2M premium vs ~$912M notional).' },
  { number: 6, id: 'crypto-front-line', title: 'Crypto as the front-line probe', commentary: 'crypto', checks: THESIS_6_CHECKS, claim: 'BTC fell from ~$126k (Oct 2025) to ~$60k; $2.6B of leveraged positions were liquidated in 24 hours; forced selling cascades across assets.' },
  { number: 7, id: 'risk-levels', title: 'Risk levels', commentary: 'risk-level', checks: THESIS_7_CHECKS, claim: 'Different macro risk levels have different market impacts: without a larger macro shock a liquidity squeeze is a minor valuation adjustment, not a collapse.' },
].map(thesis);

/**
 * What every check's result must satisfy whatever the rule: a verdict the rule declares it can
 * reach, and no evidence describing or read from a day after the as-of day. A result that breaks
 * this is a defect; it is reported as insufficient data with the reason instead of shown.
 */
export function resultDefect(check: ThesisCheck, r: CheckResult, asOf: string): string | null {
  if (!check.outcomes.includes(r.status)) return `verdict '${r.status}' is not one the rule declares`;
  for (const e of r.evidence) {
    if (e.to > asOf || e.from > e.to)
      return `evidence '${e.label}' has window ${e.from} → ${e.to} past ${asOf}`;
    const late = e.inputDates.find((x) => x > asOf);
    if (late) return `evidence '${e.label}' uses an input dated ${late}, after ${asOf}`;
  }
  return null;
}

/** Run one check: a check that throws (bad or odd data) or breaks the rules above is insufficient data, with the reason. */
export function runCheck(c: ThesisCheck, data: ThesisData): CheckReport {
  let r: CheckResult;
  try {
    r = c.evaluate(data);
    const defect = resultDefect(c, r, data.asOf);
    if (defect) r = { status: INSUFFICIENT, summary: `check defect: ${defect}`, evidence: [] };
  } catch (e) {
    r = { status: INSUFFICIENT, summary: `check failed: ${reasonOf(e)}`, evidence: [] };
  }
  return { id: c.id, claim: c.claim, dataNeeded: c.dataNeeded, test: c.test, thresholds: c.thresholds, ...r };
}

/**
 * Evaluate every thesis on data already cut to `data.asOf`. One broken input never hides the
 * rest of the ledger.
 */
export function evaluateThesesOn(data: ThesisData, theses: readonly ThesisDef[] = THESES): ThesisResult[] {
  return theses.map((t) => {
    const checks = t.checks.map((c) => runCheck(c, data));
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      claim: t.claim,
      seed: t.seed,
      status: combineStatuses(checks.map((c) => c.status)),
      asOf: data.asOf,
      checks,
    };
  });
}
